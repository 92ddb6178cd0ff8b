// Issue 18 in a real VS Code against the emulator: reasoning and prompt caching chosen for a chat conversation reach
// the emulator and come back to the panel (reasoning with its count, cache tokens in the footer); a background
// reply started in the chat completes after the window's chat goes away and comes back from the stored conversation.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import type { BedrockWorkbenchApi } from '../../src/extension';
import { ChatController } from '../../src/chat/chatController';
import type { StoredMessage } from '../../src/chat/conversation';
import type { HostMessage, MessageView, Selection } from '../../src/chat/protocol';
import type { ServiceHost } from '../../src/service/vscode/serviceHost';
import { openChatOnEmulator } from './emulatorSettings';

const EXTENSION_ID = 'bedrock-workbench.bedrock-workbench';
const CLAUDE = 'anthropic.claude-sonnet-4-5';
const GPT = 'openai.gpt-oss-120b';

suite('Reasoning, prompt caching and background replies in the chat (issue 18)', function () {
  this.timeout(90_000);
  let emu: Emulator;
  let api: Required<BedrockWorkbenchApi>;
  const SETTINGS = ['runtimeEndpoint', 'mantleEndpoint', 'controlPlaneEndpoint', 'region'];
  const controller = () => api.chatView.controller;

  /** Sends through the open chat and returns the reply as stored and as the panel was last told of it. */
  async function send(text: string): Promise<{ stored: StoredMessage; shown: MessageView }> {
    let shown: MessageView | undefined;
    const sub = api.chatView.onDidPostMessage(m => { if (m.type === 'messageEnd' && m.message.role === 'assistant') shown = m.message; });
    try {
      await controller().send(text);
    } finally {
      sub.dispose();
    }
    const stored = controller().store.active.messages.at(-1)!;
    assert.ok(!stored.error, JSON.stringify(stored.error));
    assert.ok(shown && shown.id === stored.id, 'the panel was sent the finished reply');
    return { stored, shown };
  }

  suiteSetup(async () => {
    emu = await startEmulator({ asyncJobDurationMs: 1500 });
    api = await openChatOnEmulator(emu, EXTENSION_ID);
  });

  suiteTeardown(async () => {
    for (const key of SETTINGS) await vscode.workspace.getConfiguration('bedrock').update(key, undefined, vscode.ConfigurationTarget.Global);
    await api.testing.credentials.forgetSecrets();
    await emu.close();
  });

  test('extended thinking chosen for a Claude conversation on Messages: `thinking` sent, the reply shows its reasoning with a token count', async () => {
    await controller().newConversation();
    await controller().setSelection({ model: CLAUDE, apiStyle: 'messages', family: 'mantle' });
    await vscode.commands.executeCommand('bedrock.chat.chooseReasoning', { budgetTokens: 1024 });
    assert.deepStrictEqual(controller().selection().reasoning, { budgetTokens: 1024 }, 'kept in the conversation\'s selection');
    const { stored, shown } = await send('Why do leaves change colour?');
    const body = emu.requests.filter(r => r.route === 'messages').at(-1)!.body as { thinking?: unknown };
    assert.deepStrictEqual(body.thinking, { type: 'enabled', budget_tokens: 1024 });
    assert.ok(stored.reasoning && stored.reasoning.length > 10, 'the stored reply has the reasoning');
    assert.ok(shown.reasoning && shown.reasoningTokens && shown.reasoningTokens.count > 0 && shown.reasoningTokens.estimated, 'the panel gets it with an estimated count');
  });

  test('prompt caching on by default for Claude on ConverseStream: cache points sent, the second reply\'s footer has cache read and write tokens', async () => {
    await controller().newConversation();
    const selection: Selection = { model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', apiStyle: 'converse-stream', family: 'runtime' };
    await controller().setSelection(selection);
    await send('What is a prompt cache?');
    const { shown } = await send('And why does it save money?');
    const body = JSON.stringify(emu.requests.filter(r => r.route === 'converse-stream').at(-1)!.body);
    assert.ok(body.includes('"cachePoint"'), 'cache points in the recorded request');
    assert.ok((shown.usage?.cacheReadTokens ?? 0) > 0, `cache read tokens in the footer: ${JSON.stringify(shown.usage)}`);
    assert.ok((shown.usage?.cacheWriteTokens ?? 0) > 0, 'and cache write tokens');
    // off for this conversation: nothing cached
    assert.strictEqual(await vscode.commands.executeCommand('bedrock.chat.togglePromptCache', false), false);
    const off = await send('Once more without the cache.');
    assert.strictEqual((off.shown.usage?.cacheReadTokens ?? 0) + (off.shown.usage?.cacheWriteTokens ?? 0), 0);
  });

  test('a background reply started in the chat completes after the chat goes away and is rebuilt from its stored conversation', async () => {
    // Mocha runs inside the window, so it cannot reload it: the closest honest equivalent is the chat's owner disposed
    // (as on reload) and a new one built from the same storage, against the same service and emulator.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-background-'));
    const log = vscode.window.createOutputChannel('Bedrock background test', { log: true });
    const changed = new vscode.EventEmitter<void>();
    const host = { service: api.testing.service, log, onDidChange: changed.event } as unknown as ServiceHost;
    const before = api.testing.usage.summary().total.requests;
    const first = new ChatController(host, dir, () => undefined);
    await first.setSelection({ model: GPT, apiStyle: 'responses', family: 'mantle' });
    await first.send('Summarise the history of queues.', true, true);
    const queued = first.store.active.messages.at(-1)!;
    assert.strictEqual(queued.background?.status, 'queued', 'queued on the server');
    assert.ok(queued.responseId);
    assert.strictEqual((emu.requests.filter(r => r.route === 'responses.create').at(-1)!.body as { background?: boolean }).background, true);
    await first.store.whenIdle();
    first.dispose();

    const posted: HostMessage[] = [];
    const second = new ChatController(host, dir, m => posted.push(m));
    const ended = new Promise<StoredMessage>(resolve => { const s = second.onDidEndTurn(m => { s.dispose(); resolve(m); }); });
    second.hydrate();
    const done = await ended;
    assert.strictEqual(done.id, queued.id, 'the same reply');
    assert.strictEqual(done.background?.status, 'completed');
    assert.ok(done.text.length > 0, 'its text');
    assert.ok(done.usage && done.usage.outputTokens > 0, 'its usage');
    assert.ok(done.cost, 'its cost (or that no price is known)');
    assert.ok(!emu.requests.some(r => r.route === 'responses.cancel'), 'going away did not cancel it');
    assert.ok(api.testing.usage.summary().total.requests > before, 'Usage This Session counts it');
    const last = posted.filter((m): m is Extract<HostMessage, { type: 'messageUpdate' }> => m.type === 'messageUpdate').at(-1);
    assert.strictEqual(last?.message.background?.status, 'completed', 'the panel was told');
    second.dispose();
    changed.dispose();
    log.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
