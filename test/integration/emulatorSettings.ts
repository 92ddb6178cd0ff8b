import * as vscode from 'vscode';
import type { Emulator } from '../../emulator';

/** Points the extension's endpoints and region at the local emulator (user settings, as a user would). */
export async function pointAtEmulator(emu: Emulator): Promise<void> {
  const config = vscode.workspace.getConfiguration('bedrock');
  await config.update('runtimeEndpoint', emu.runtimeEndpoint, vscode.ConfigurationTarget.Global);
  await config.update('mantleEndpoint', emu.mantleEndpoint, vscode.ConfigurationTarget.Global);
  await config.update('controlPlaneEndpoint', emu.runtimeEndpoint, vscode.ConfigurationTarget.Global);
  await config.update('region', emu.region, vscode.ConfigurationTarget.Global);
}
