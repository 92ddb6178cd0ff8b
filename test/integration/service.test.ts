import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import type { BedrockWorkbenchApi } from '../../src/extension';
import type { HostMessage } from '../../src/chat/protocol';
import type { StreamEvent } from '../../src/service/model';
import { pointAtEmulator } from './emulatorSettings';

const EXTENSION_ID = 'bedrock-workbench.bedrock-workbench';
// Known values that must never show up in logs, settings, webview messages or persisted state.
const SENTINEL_KEY_ID = 'AKIASENTINEL7Q2W3E4R';
const SENTINEL_SECRET = 'sentinelSecretDoNotLeak/0123456789abcdefXYZ';
const SENTINEL_API_KEY = 'bedrock-api-key-c2VudGluZWxBcGlLZXlEb05vdExlYWs=';

async function api(): Promise<Required<BedrockWorkbenchApi>> {
  const ext = vscode.extensions.getExtension<BedrockWorkbenchApi>(EXTENSION_ID)!;
  const a = await ext.activate();
  assert.ok(a.testing, 'the testing API is offered in test mode');
  return a as Required<BedrockWorkbenchApi>;
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const e of stream) out.push(e);
  return out;
}

suite('Bedrock service in the real extension host, against the local emulator', () => {
  let emu: Emulator;
  const config = () => vscode.workspace.getConfiguration('bedrock');

  suiteSetup(async () => {
    emu = await startEmulator({ accessKeyId: SENTINEL_KEY_ID, secretAccessKey: SENTINEL_SECRET, apiKey: SENTINEL_API_KEY });
    await pointAtEmulator(emu);
  });

  suiteTeardown(async () => {
    for (const key of ['runtimeEndpoint', 'mantleEndpoint', 'controlPlaneEndpoint', 'region', 'defaultModel']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    const { testing } = await api();
    await testing.credentials.forgetSecrets();
    await emu.close();
  });

  test('a request streams through the service with stored access keys (and loads the SDK bundle)', async () => {
    const { testing } = await api();
    await testing.credentials.storeAccessKeys(SENTINEL_KEY_ID, SENTINEL_SECRET);
    const events = await collect(testing.service.stream({ model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream', messages: [{ role: 'user', content: [{ type: 'text', text: 'hello from VS Code' }] }] }, new AbortController().signal));
    assert.strictEqual(events.at(-1)?.type, 'stop', JSON.stringify(events.at(-1)));
    assert.ok(Object.keys(require.cache).some(k => k.endsWith(`${path.sep}dist${path.sep}sdks.js`)));
  });

  test('Bedrock: Choose Region sets the region (an unknown one is refused)', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('bedrock.chooseRegion', 'eu-central-1'), 'eu-central-1');
    assert.strictEqual(config().get('region'), 'eu-central-1');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('bedrock.chooseRegion', 'mars-north-1')), /not offered/);
    await config().update('region', emu.region, vscode.ConfigurationTarget.Global);
  });

  test('Bedrock: Refresh Model Catalogue lists both families through the emulator', async () => {
    const count = await vscode.commands.executeCommand<number>('bedrock.refreshModels');
    assert.ok(count && count > 10, `catalogue has ${count} models`);
  });

  test('Bedrock: List Models sets the default model from the quick pick', async () => {
    const done = vscode.commands.executeCommand<string | undefined>('bedrock.listModels');
    // the quick pick opens once the catalogue is loaded; accept its first model
    let chosen: string | undefined;
    for (let i = 0; i < 100 && chosen === undefined; i++) {
      await new Promise(r => setTimeout(r, 100));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      chosen = await Promise.race([done, new Promise<undefined>(r => setTimeout(() => r(undefined), 50))]);
    }
    assert.ok(chosen, 'no model was chosen');
    assert.strictEqual(config().get('defaultModel'), chosen);
  });

  test('secrets never reach logs, settings, webview messages or persisted state (sentinel values)', async function () {
    this.timeout(60_000);
    const { testing, chatView } = await api();
    const posted: HostMessage[] = [];
    const sub = chatView.onDidPostMessage(m => posted.push(m));
    try {
      // exercise success and failure paths with both stored secrets
      await testing.credentials.storeAccessKeys(SENTINEL_KEY_ID, SENTINEL_SECRET);
      const ask = (model: string, apiStyle: 'converse-stream' | 'chat-completions') => collect(testing.service.stream({ model, apiStyle, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }, new AbortController().signal));
      const last = async (model: string, style: 'converse-stream' | 'chat-completions') => (await ask(model, style)).at(-1);
      const ok = await last('us.amazon.nova-lite-v1:0', 'converse-stream');
      assert.strictEqual(ok?.type, 'stop', JSON.stringify(ok));
      assert.strictEqual((await last('acme.unknown-v1:0', 'converse-stream'))?.type, 'error');
      await testing.credentials.storeApiKey(SENTINEL_API_KEY);
      const okBearer = await last('openai.gpt-oss-120b', 'chat-completions');
      assert.strictEqual(okBearer?.type, 'stop', JSON.stringify(okBearer));
      assert.strictEqual((await last('acme.unknown', 'chat-completions'))?.type, 'error');
      await vscode.commands.executeCommand('bedrock.showStatus');
      await vscode.commands.executeCommand('bedrock.openChat');
    } finally {
      sub.dispose();
    }
    const sentinels = [SENTINEL_SECRET, SENTINEL_API_KEY, SENTINEL_KEY_ID];
    const leaks = (where: string, text: string) => sentinels.filter(s => text.includes(s)).map(s => `${where}: ${s.slice(0, 8)}…`);
    const found: string[] = [];
    found.push(...leaks('webview messages', JSON.stringify(posted)));
    found.push(...leaks('settings', JSON.stringify(vscode.workspace.getConfiguration('bedrock'))));
    // the extension's log folder (the Bedrock log channel) and the user-data folder that holds settings and state
    const logsDir = path.dirname(path.dirname(testing.logUri.fsPath));
    const userData = process.env.HARNESS_USER_DATA_DIR;
    for (const root of [logsDir, userData].filter((d): d is string => !!d && fs.existsSync(d))) {
      for (const f of fs.readdirSync(root, { recursive: true }).map(String)) {
        const full = path.join(root, f);
        if (!fs.statSync(full).isFile() || fs.statSync(full).size > 20_000_000) continue;
        found.push(...leaks(full, fs.readFileSync(full).toString('latin1')));
      }
    }
    assert.deepStrictEqual(found, []);
    assert.ok(fs.existsSync(logsDir), `log folder ${logsDir} exists`);
  });
});
