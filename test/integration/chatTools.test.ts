// Issue 18, tools in the chat: a tool another extension registers through vscode.lm.registerTool (the fixture under
// test/fixtures/tool-extension, loaded beside this extension by the integration runner) is offered to the model and
// invoked through vscode.lm.invokeTool; its result, or its failure, goes back to the model.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import type { BedrockWorkbenchApi } from '../../src/extension';
import { openChatOnEmulator } from './emulatorSettings';

const EXTENSION_ID = 'bedrock-workbench.bedrock-workbench';
const FIXTURE_ID = 'bedrock-workbench-tests.tool-fixture';
const NOVA = 'us.amazon.nova-lite-v1:0';

interface Converse { toolConfig?: { tools: { toolSpec: { name: string } }[] }; messages: { role: string; content: { toolResult?: { toolUseId: string; content: { text: string }[]; status: string } }[] }[] }

suite('Tools in the chat: other extensions\' tools through vscode.lm (issue 18)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let api: Required<BedrockWorkbenchApi>;
  const controller = () => api.chatView.controller;
  const SETTINGS = ['runtimeEndpoint', 'mantleEndpoint', 'controlPlaneEndpoint', 'region'];

  suiteSetup(async () => {
    emu = await startEmulator();
    api = await openChatOnEmulator(emu, EXTENSION_ID);
    const fixture = vscode.extensions.getExtension(FIXTURE_ID);
    assert.ok(fixture, 'the integration runner loads the tool fixture extension');
    await fixture.activate();
  });

  suiteTeardown(async () => {
    for (const key of SETTINGS) await vscode.workspace.getConfiguration('bedrock').update(key, undefined, vscode.ConfigurationTarget.Global);
    await api.testing.credentials.forgetSecrets();
    await emu.close();
  });

  async function ask(text: string): Promise<Converse[]> {
    const before = emu.requests.length;
    await controller().send(text);
    return emu.requests.slice(before).filter(r => r.route === 'converse-stream').map(r => r.body as Converse);
  }

  test('a registered tool is offered in the chat, invoked through vscode.lm.invokeTool, and its result reaches the model', async () => {
    assert.ok(vscode.lm.tools.some(t => t.name === 'fixture_echo'), `fixture_echo among ${vscode.lm.tools.map(t => t.name).join(', ')}`);
    await controller().newConversation();
    await controller().setSelection({ model: NOVA, apiStyle: 'converse-stream', family: 'runtime' });
    await vscode.commands.executeCommand('bedrock.chat.chooseTools', ['read_file', 'fixture_echo']);
    const sent = await ask('Use fixture_echo to say "hello tools"');

    assert.deepStrictEqual(sent[0].toolConfig?.tools.map(t => t.toolSpec.name), ['read_file', 'fixture_echo']);
    const invocations = await vscode.commands.executeCommand<{ name: string; input: unknown; token: string }[]>('toolFixture.invocations');
    assert.deepStrictEqual(invocations.at(-1), { name: 'fixture_echo', input: { text: 'hello tools' }, token: 'none' });
    const call = controller().store.active.messages.find(m => m.toolCalls?.length)!.toolCalls![0];
    assert.strictEqual(call.name, 'fixture_echo');
    assert.strictEqual(call.result, 'echo: hello tools');
    assert.deepStrictEqual(sent[1].messages.at(-1)?.content[0].toolResult, { toolUseId: call.id, content: [{ text: 'echo: hello tools' }], status: 'success' });
    assert.match(controller().store.active.messages.at(-1)!.text, /The tool returned: echo: hello tools/);
  });

  test('the read_file loop completes on every style that carries tools, and InvokeModel declares none', async () => {
    const readme = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'README.md')));
    const styles = [
      { model: NOVA, apiStyle: 'converse', family: 'runtime', route: 'converse' },
      { model: NOVA, apiStyle: 'converse-stream', family: 'runtime', route: 'converse-stream' },
      { model: 'openai.gpt-oss-120b', apiStyle: 'responses', family: 'mantle', route: 'responses.create' },
      { model: 'openai.gpt-oss-120b', apiStyle: 'chat-completions', family: 'mantle', route: 'chat.completions' },
      { model: 'anthropic.claude-haiku-4-5', apiStyle: 'messages', family: 'mantle', route: 'messages' },
    ] as const;
    for (const s of styles) {
      await controller().newConversation();
      await controller().setSelection({ model: s.model, apiStyle: s.apiStyle, family: s.family, tools: ['read_file'] });
      const before = emu.requests.length;
      await controller().send('Use read_file on README.md');
      const messages = controller().store.active.messages;
      const last = messages.at(-1)!;
      assert.ok(!last.error, `${s.apiStyle}: ${last.error?.message}`);
      assert.strictEqual(messages.filter(m => m.role === 'assistant').length, 2, s.apiStyle);
      assert.strictEqual(messages[1].toolCalls?.[0].result, readme, s.apiStyle);
      assert.ok(last.text.includes(`The tool returned: ${readme.replace(/\s+/g, ' ').trim().slice(0, 40)}`), `${s.apiStyle}: ${last.text}`);
      assert.strictEqual(emu.requests.slice(before).filter(r => r.route === s.route).length, 2, `${s.apiStyle}: two requests on ${s.route}`);
    }
    await controller().newConversation();
    await controller().setSelection({ model: NOVA, apiStyle: 'invoke-model-stream', family: 'runtime', tools: ['read_file'] });
    const before = emu.requests.length;
    await controller().send('Show me README.md');
    assert.ok(emu.requests.length > before);
    assert.match(controller().store.active.messages.at(-1)!.note ?? '', /Tools are not offered on InvokeModel/);
    assert.ok(!JSON.stringify(emu.requests.slice(before).map(r => r.body)).includes('read_file'), 'InvokeModel: no tools declared');
  });

  test('a tool that throws becomes an error result the model sees', async () => {
    await controller().newConversation();
    await controller().setSelection({ model: NOVA, apiStyle: 'converse-stream', family: 'runtime' });
    await vscode.commands.executeCommand('bedrock.chat.chooseTools', ['fixture_fail']);
    const sent = await ask('Use fixture_fail on "anything"');
    const call = controller().store.active.messages.find(m => m.toolCalls?.length)!.toolCalls![0];
    assert.strictEqual(call.isError, true);
    assert.match(call.result ?? '', /fixture refused/);
    assert.strictEqual(sent[1].messages.at(-1)?.content[0].toolResult?.status, 'error');
  });
});
