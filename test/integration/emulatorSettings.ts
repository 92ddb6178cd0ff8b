import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Emulator } from '../../emulator';
import type { BedrockWorkbenchApi } from '../../src/extension';
import type { ChatController } from '../../src/chat/chatController';
import type { StoredMessage } from '../../src/chat/conversation';

/** Points the extension's endpoints and region at the local emulator (user settings, as a user would). */
export async function pointAtEmulator(emu: Emulator): Promise<void> {
  const config = vscode.workspace.getConfiguration('bedrock');
  await config.update('runtimeEndpoint', emu.runtimeEndpoint, vscode.ConfigurationTarget.Global);
  await config.update('mantleEndpoint', emu.mantleEndpoint, vscode.ConfigurationTarget.Global);
  await config.update('controlPlaneEndpoint', emu.runtimeEndpoint, vscode.ConfigurationTarget.Global);
  await config.update('region', emu.region, vscode.ConfigurationTarget.Global);
}

/**
 * The chat suites' start: the extension pointed at the emulator with its test key pair stored, and the chat view open
 * and ready. Returns the extension's API (with its testing hooks).
 */
export async function openChatOnEmulator(emu: Emulator, extensionId: string): Promise<Required<BedrockWorkbenchApi>> {
  await pointAtEmulator(emu);
  const api = (await vscode.extensions.getExtension<BedrockWorkbenchApi>(extensionId)!.activate()) as Required<BedrockWorkbenchApi>;
  await api.testing.credentials.storeAccessKeys(emu.accessKeyId, emu.secretAccessKey);
  if (!api.chatView.isVisible) {
    const ready = new Promise<void>(resolve => { const s = api.chatView.onDidBecomeReady(() => { s.dispose(); resolve(); }); });
    await vscode.commands.executeCommand('bedrock.openChat');
    await ready;
  }
  return api;
}

/** Sends `text` in the chat's active conversation and returns the reply, which must not have failed. */
export async function sendAndWait(controller: ChatController, text: string): Promise<StoredMessage> {
  await controller.send(text);
  const last = controller.store.active.messages.at(-1)!;
  assert.strictEqual(last.role, 'assistant', 'a reply was added');
  assert.ok(!last.error, JSON.stringify(last.error));
  return last;
}
