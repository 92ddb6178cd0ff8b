// Entry for `npm run bench` inside the real VS Code (code-server's Node extension host), loaded as
// extensionTestsPath by bench/vscode.mjs: measures activation, editor-pane streaming and chat memory against the
// emulator and writes the figures as JSON to BENCH_RESULT_FILE. A report, not a test: it only fails when it cannot
// measure.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { BedrockWorkbenchApi } from '../../src/extension';
import { measureChatMemory } from './chatMemory';
import { pathToFileURL } from 'url';
import type * as EmulatorWrapper from '../../bench/support/emulatorProcess.mjs' with { 'resolution-mode': 'import' };
import { measurePaneStreaming } from './paneStreaming';

const EXTENSION_ID = 'bedrock-workbench.bedrock-workbench';
const repoRoot = path.resolve(__dirname, '../../..');

/** The emulator child process, through the same wrapper as the Node benches (an ES module, so import() from here). */
async function startEmulatorProcess(): Promise<EmulatorWrapper.EmulatorProcess> {
  const wrapper = pathToFileURL(path.join(repoRoot, 'bench/support/emulatorProcess.mjs')).href;
  const { startEmulatorProcess: start } = await import(wrapper) as typeof EmulatorWrapper;
  return start();
}

export async function run(): Promise<void> {
  const resultFile = process.env.BENCH_RESULT_FILE;
  if (!resultFile) throw new Error('BENCH_RESULT_FILE is not set');
  const ext = vscode.extensions.getExtension<BedrockWorkbenchApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  const sdkBundle = path.join(ext.extensionPath, 'dist', 'sdks.js');
  const api = await ext.activate();
  if (!api.testing) throw new Error('the extension did not run in test mode');
  const testing = api.testing;
  // Read before any request: activation (and startup) must not have loaded the SDK bundle.
  const sdkLoadedAtActivation = Object.keys(require.cache).includes(sdkBundle);
  const emu = await startEmulatorProcess();
  const config = vscode.workspace.getConfiguration('bedrock');
  const settings: [string, string][] = [['runtimeEndpoint', emu.runtimeEndpoint], ['mantleEndpoint', emu.mantleEndpoint],
    ['controlPlaneEndpoint', emu.runtimeEndpoint], ['region', emu.region]];
  try {
    for (const [key, value] of settings) await config.update(key, value, vscode.ConfigurationTarget.Global);
    await testing.credentials.storeAccessKeys(emu.accessKeyId, emu.secretAccessKey);
    const full = api as Required<BedrockWorkbenchApi>;
    const pane = await measurePaneStreaming(full, emu);
    const memory = await measureChatMemory(full);
    fs.writeFileSync(resultFile, JSON.stringify({
      activation: { activateMs: testing.activationMs, sdkLoadedAtActivation, sdkLoadedAfterRequests: Object.keys(require.cache).includes(sdkBundle) },
      pane, memory,
    }, null, 2));
  } finally {
    for (const [key] of settings) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
    await testing.credentials.forgetSecrets();
    await emu.close();
  }
}
