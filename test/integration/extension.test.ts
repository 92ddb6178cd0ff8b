import * as assert from 'assert';
import * as vscode from 'vscode';
import type { BedrockWorkbenchApi } from '../../src/extension';
import type { BackendStatus } from '../../src/service/backendStatus';
import { screenshot } from './screenshot';

const EXTENSION_ID = 'bedrock-workbench.bedrock-workbench';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category: string }[];
    menus: { commandPalette: { command: string; when: string }[] };
    viewsContainers: { activitybar: { id: string }[] };
    views: Record<string, { id: string; type: string }[]>;
    configuration: { properties: Record<string, unknown> };
  };
}

function extension(): vscode.Extension<BedrockWorkbenchApi> {
  const ext = vscode.extensions.getExtension<BedrockWorkbenchApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  return ext;
}

suite('Bedrock Workbench in a real VS Code extension host', () => {
  suiteSetup(async () => {
    await extension().activate();
  });

  test('activates lazily: no "*" or startup activation event', () => {
    const m = extension().packageJSON as Manifest;
    assert.ok(!m.activationEvents.includes('*'));
    assert.ok(!m.activationEvents.includes('onStartupFinished'));
    assert.ok(m.activationEvents.includes('onLanguage:python'), 'code-lens languages activate the extension');
  });

  test('contributes the Bedrock view container with the chat webview view', () => {
    const m = extension().packageJSON as Manifest;
    assert.ok(m.contributes.viewsContainers.activitybar.some(c => c.id === 'bedrock'));
    const view = m.contributes.views.bedrock.find(v => v.id === 'bedrock.chatView');
    assert.strictEqual(view?.type, 'webview');
  });

  test('every contributed command is in the Bedrock category and is either registered or hidden from the palette', async () => {
    const m = extension().packageJSON as Manifest;
    const registered = new Set(await vscode.commands.getCommands(true));
    const hidden = new Set(m.contributes.menus.commandPalette.filter(e => e.when === 'false').map(e => e.command));
    const problems = m.contributes.commands
      .filter(c => c.category !== 'Bedrock' || !c.command.startsWith('bedrock.') || (!registered.has(c.command) && !hidden.has(c.command)))
      .map(c => c.command);
    assert.deepStrictEqual(problems, [], 'commands visible in the palette but with no handler');
    for (const id of ['bedrock.openChat', 'bedrock.showLog', 'bedrock.openSettings', 'bedrock.showStatus']) {
      assert.ok(registered.has(id), `${id} is not registered`);
      assert.ok(!hidden.has(id), `${id} is built but hidden`);
    }
  });

  test('declares every bedrock.* setting with its default', () => {
    const c = vscode.workspace.getConfiguration('bedrock');
    assert.strictEqual(c.get('region'), 'us-east-1');
    assert.strictEqual(c.get('defaultApiStyle'), 'converse-stream');
    assert.strictEqual(c.get('endpointFamily'), 'auto');
    for (const key of ['profile', 'defaultModel', 'runtimeEndpoint', 'mantleEndpoint']) assert.notStrictEqual(c.inspect(key), undefined, key);
  });

  test('Bedrock: Show Connection Status reflects the endpoint settings', async () => {
    const c = vscode.workspace.getConfiguration('bedrock');
    await c.update('runtimeEndpoint', 'http://127.0.0.1:1', vscode.ConfigurationTarget.Global);
    await c.update('region', 'eu-west-1', vscode.ConfigurationTarget.Global);
    try {
      const s = await vscode.commands.executeCommand<BackendStatus>('bedrock.showStatus');
      assert.strictEqual(s.local, true);
      assert.strictEqual(s.region, 'eu-west-1');
      assert.strictEqual(s.runtimeEndpoint, 'http://127.0.0.1:1');
      assert.strictEqual(s.mantleEndpoint, 'https://bedrock-mantle.eu-west-1.api.aws');
    } finally {
      await c.update('runtimeEndpoint', undefined, vscode.ConfigurationTarget.Global);
      await c.update('region', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('Bedrock: Open Chat reveals the chat view and its webview loads', async () => {
    const api = extension().exports;
    const ready = new Promise<void>(resolve => {
      const sub = api.chatView.onDidBecomeReady(() => { sub.dispose(); resolve(); });
    });
    await vscode.commands.executeCommand('bedrock.openChat');
    await ready;
    assert.strictEqual(api.chatView.isVisible, true);
    await screenshot('integration-chat-view');
  });
});
