// Issue 10, point 1 in a real VS Code: Bedrock models reached the way any extension reaches a language model,
// through vscode.lm, against the local emulator. Assertions read what VS Code delivered and what the emulator saw.
import * as assert from 'assert';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import type { BedrockWorkbenchApi } from '../../src/extension';
import { screenshot } from './screenshot';
import { pointAtEmulator } from './emulatorSettings';

const EXTENSION_ID = 'bedrock-workbench.bedrock-workbench';
const VENDOR = 'bedrock';

async function novaLite(): Promise<vscode.LanguageModelChat> {
  const models = await vscode.lm.selectChatModels({ vendor: VENDOR, family: 'nova-lite' });
  assert.ok(models.length >= 1, `nova-lite among ${JSON.stringify((await vscode.lm.selectChatModels({ vendor: VENDOR })).map(m => m.id))}`);
  return models[0];
}

/** Resolves once `predicate` holds, checking after each emulator request settles; fails after `ms`. */
async function eventually(predicate: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

suite('Bedrock models as VS Code language models (vscode.lm) against the emulator', function () {
  this.timeout(60_000);
  let emu: Emulator;
  const config = () => vscode.workspace.getConfiguration('bedrock');
  const SETTINGS = ['runtimeEndpoint', 'mantleEndpoint', 'controlPlaneEndpoint', 'region'];

  suiteSetup(async () => {
    emu = await startEmulator();
    await pointAtEmulator(emu);
    const ext = vscode.extensions.getExtension<BedrockWorkbenchApi>(EXTENSION_ID)!;
    await (await ext.activate()).testing!.credentials.storeAccessKeys(emu.accessKeyId, emu.secretAccessKey);
  });

  suiteTeardown(async () => {
    for (const key of SETTINGS) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    const ext = vscode.extensions.getExtension<BedrockWorkbenchApi>(EXTENSION_ID)!;
    await (await ext.activate()).testing!.credentials.forgetSecrets();
    await emu.close();
  });

  test('the catalogue of both endpoint families is offered under the bedrock vendor', async () => {
    const models = await vscode.lm.selectChatModels({ vendor: VENDOR });
    const ids = models.map(m => m.id);
    // runtime (ConverseStream, Claude through its inference profile) and a mantle-only model (Chat Completions)
    assert.ok(ids.includes('amazon.nova-lite-v1:0'), ids.join(', '));
    assert.ok(ids.some(id => /^us\.anthropic\.claude-sonnet-4-5/.test(id)), ids.join(', '));
    assert.ok(ids.includes('mistral.mistral-large-3'), ids.join(', '));
    assert.ok(!ids.some(id => /embed|rerank|canvas|reel|sonic/.test(id)), `no non-chat models: ${ids.join(', ')}`);
    const claude = models.find(m => /claude-sonnet-4-5/.test(m.id))!;
    assert.strictEqual(claude.vendor, VENDOR);
    assert.strictEqual(claude.family, 'claude-sonnet-4-5');
    assert.strictEqual(claude.maxInputTokens, 200_000);
  });

  test('selectChatModels → sendRequest streams the reply in several text parts through ConverseStream', async () => {
    const model = await novaLite();
    // paced, so the reply arrives over several network reads (a burst in one read is one part)
    emu.scriptFaults([{ fault: 'tokens-per-second:400', path: 'converse-stream' }]);
    const before = emu.requests.length;
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Say hello to VS Code')], {}, new vscode.CancellationTokenSource().token);
    const chunks: string[] = [];
    for await (const chunk of response.text) chunks.push(chunk);
    const text = chunks.join('');
    assert.ok(chunks.length > 3, `${chunks.length} chunks`);
    assert.match(text, /You asked: "Say hello to VS Code"/);
    const sent = emu.requests.slice(before).find(r => r.route === 'converse-stream');
    assert.ok(sent, 'the emulator received a ConverseStream call');
    assert.strictEqual(decodeURIComponent(sent.path), '/model/amazon.nova-lite-v1:0/converse-stream');
  });

  test('a mantle-only model answers through Chat Completions on bedrock-mantle', async () => {
    const [model] = await vscode.lm.selectChatModels({ vendor: VENDOR, id: 'mistral.mistral-large-3' });
    const before = emu.requests.length;
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Hello mantle')]);
    let text = '';
    for await (const chunk of response.text) text += chunk;
    assert.match(text, /You asked: "Hello mantle"/);
    const sent = emu.requests.slice(before).find(r => r.family === 'mantle');
    assert.strictEqual(sent?.route, 'chat.completions');
  });

  test('cancelling a request mid-stream stops it and closes the connection to Bedrock', async () => {
    emu.scriptFaults([{ fault: 'long:20000,tokens-per-second:400', path: 'converse-stream' }]);
    const model = await novaLite();
    const before = emu.requests.length;
    const cts = new vscode.CancellationTokenSource();
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Count slowly to a thousand')], {}, cts.token);
    let text = '';
    const started = Date.now();
    try {
      for await (const chunk of response.text) {
        text += chunk;
        if (text.length > 200) cts.cancel();
      }
    } catch (e) {
      // VS Code may end a cancelled response with a CancellationError instead of ending the stream
      assert.ok(e instanceof vscode.CancellationError || (e as Error).name === 'Canceled', `unexpected ${String(e)}`);
    }
    assert.ok(text.length > 200, 'text arrived before the cancel');
    assert.ok(Date.now() - started < 20_000, 'stopped long before the 50 s the full reply would take');
    const sent = () => emu.requests.slice(before).find(r => r.route === 'converse-stream');
    await eventually(() => sent()?.clientClosedAt !== undefined, 'the emulator to see the client close the stream');
    assert.ok(text.length < 60_000, `${text.length} characters: far fewer than the full 20,000-token reply`);
  });

  test('tool definitions go to Bedrock and the tool call comes back as a LanguageModelToolCallPart', async () => {
    const model = await novaLite();
    const before = emu.requests.length;
    const tools: vscode.LanguageModelChatTool[] = [{ name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Weather in Paris?')], { tools });
    const calls: vscode.LanguageModelToolCallPart[] = [];
    for await (const part of response.stream) if (part instanceof vscode.LanguageModelToolCallPart) calls.push(part);
    assert.strictEqual(calls.length, 1);
    assert.strictEqual(calls[0].name, 'get_weather');
    assert.strictEqual(typeof (calls[0].input as { city?: unknown }).city, 'string');
    const body = emu.requests.slice(before).find(r => r.route === 'converse-stream')?.body as { toolConfig?: { tools: { toolSpec: { name: string } }[] } };
    assert.strictEqual(body.toolConfig?.tools[0].toolSpec.name, 'get_weather');

    // the result goes back as VS Code callers send it: the assistant's call, then the user's result
    const followUp = await model.sendRequest([
      vscode.LanguageModelChatMessage.User('Weather in Paris?'),
      vscode.LanguageModelChatMessage.Assistant([calls[0]]),
      vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart(calls[0].callId, [new vscode.LanguageModelTextPart('18 °C and sunny')])]),
    ], { tools });
    let text = '';
    for await (const chunk of followUp.text) text += chunk;
    assert.match(text, /The tool returned: .*18 °C and sunny/s);
  });

  test('token counts are estimates that grow with the text', async () => {
    const model = await novaLite();
    const short = await model.countTokens('Hello world');
    const long = await model.countTokens('Hello world. '.repeat(100));
    assert.ok(short >= 2 && short <= 4, `short: ${short}`);
    assert.ok(long > 50 * short && long < 600, `long: ${long}`);
    const message = await model.countTokens(vscode.LanguageModelChatMessage.User('Hello world'));
    assert.ok(message > short, `a message counts its framing too: ${message}`);
  });

  test('Bedrock errors reach the caller as LanguageModelError kinds', async () => {
    const model = await novaLite();
    const codeOf = async (fault: string[]): Promise<string> => {
      emu.scriptFaults(fault.map(f => ({ fault: f, path: 'converse-stream' })));
      try {
        const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Fail please')]);
        for await (const _ of response.text) { /* drain */ }
      } catch (e) {
        assert.ok(e instanceof vscode.LanguageModelError, `a LanguageModelError, not ${String(e)}`);
        return `${e.code}: ${e.message}`;
      }
      return 'no error';
    };
    assert.match(await codeOf(['expired-token']), /^NoPermissions: Bedrock: Your AWS credentials have expired\. Run "Bedrock: Sign In/);
    // the AWS SDK retries throttling: every attempt is refused
    assert.match(await codeOf(['throttling', 'throttling', 'throttling']), /^Blocked: Bedrock: Bedrock is throttling/);
  });

  test('screenshot: what another extension sees through vscode.lm (VS Code\'s own model picker needs Copilot online)', async () => {
    const models = await vscode.lm.selectChatModels({ vendor: VENDOR });
    const rows = models.map(m => `| \`${m.id}\` | ${m.name} | ${m.family} | ${(m.maxInputTokens / 1000).toFixed(0)}k |`);
    const response = await models.find(m => m.family === 'nova-lite')!.sendRequest([vscode.LanguageModelChatMessage.User('Which API should I use for chat?')]);
    let reply = '';
    for await (const chunk of response.text) reply += chunk;
    // a file, not an untitled document: closing it afterwards asks nothing
    const file = vscode.Uri.file(path.join(os.tmpdir(), 'language-models.md'));
    await vscode.workspace.fs.writeFile(file, Buffer.from(`# vscode.lm.selectChatModels({ vendor: 'bedrock' })\n\n| id | name | family | context |\n|---|---|---|---|\n${rows.join('\n')}\n\n## sendRequest → nova-lite, streamed\n\n${reply}\n`));
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.commands.executeCommand('markdown.showPreview', file);
    // the heading's markdown marker is gone once the preview has rendered it
    assert.match(reply, /You asked: "Which API should I use for chat\?"/);
    await screenshot('integration-language-models', 45_000, 'sendRequest → nova-lite, streamed');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
