// Issue 18: chat replies run as background Responses on mantle. The reply is queued on the server, its status
// shown; detaching (the panel closed, the window reloading) never cancels it, and a new watcher built from the
// stored conversation picks it up and records its text, usage and cost. Cancel asks the server to stop it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../emulator';
import { BackgroundTurns, type BackgroundDeps } from '../../../src/chat/backgroundTurns';
import { newConversation, type Conversation, type StoredMessage } from '../../../src/chat/conversation';
import type { HostMessage, Selection } from '../../../src/chat/protocol';
import { backgroundUnavailable } from '../../../src/chat/turnFeatures';
import { BedrockService } from '../../../src/service/bedrockService';
import type { UsageRecord } from '../../../src/service/bedrockService';
import { emulatorSecrets, emulatorServiceConfig } from '../service/emulatorRouter';

const GPT = 'openai.gpt-oss-120b';
const selection: Selection = { model: GPT, apiStyle: 'responses', family: 'mantle' };
let emu: Emulator;
let service: BedrockService;
const usage: UsageRecord[] = [];

before(async () => {
  emu = await startEmulator({ asyncJobDurationMs: 600 });
  const secrets = emulatorSecrets(emu);
  const config = emulatorServiceConfig(emu);
  service = new BedrockService({ config: () => config, secrets: { get: async k => secrets.get(k) }, env: {}, log: () => undefined, onUsage: r => usage.push(r) });
});
after(() => emu.close());

function watcher(posted: HostMessage[], ended: (m: StoredMessage) => void, saved?: (c: Conversation) => void): BackgroundTurns {
  const deps: BackgroundDeps = {
    service, pollMs: 50,
    post: m => posted.push(m),
    save: async c => saved?.(c),
    errorView: e => ({ message: e.message, retryable: e.retryable }),
    priceFor: () => ({ price: { input: 0.15, output: 0.6 }, currency: 'USD', from: 'table' }),
    ended,
  };
  return new BackgroundTurns(deps);
}

function ask(conv: Conversation, text: string): StoredMessage {
  const reply: StoredMessage = { id: `a-${conv.messages.length}`, role: 'assistant', text: '', background: { status: 'queued' } };
  conv.messages.push({ id: `u-${conv.messages.length}`, role: 'user', text }, reply);
  return reply;
}

const routes = () => emu.requests.map(r => r.route);

test('a background reply survives its watcher going away: a new one built from the stored conversation completes it, with text, usage and cost', async () => {
  const conv = newConversation(selection);
  const reply = ask(conv, 'Write a haiku about queues.');
  let stored = '';
  const first = watcher([], () => assert.fail('the first watcher was detached before the end'), c => { stored = JSON.stringify(c); });
  await first.start(conv, reply, selection, 'Be brief.');
  const created = emu.requests.filter(r => r.route === 'responses.create').at(-1)!;
  assert.equal((created.body as { background?: boolean }).background, true, 'sent with background: true');
  assert.ok(reply.responseId, 'the response id is kept with the reply');
  assert.equal(reply.background?.status, 'queued');
  first.dispose(); // the window closes
  assert.ok(!routes().includes('responses.cancel'), 'detaching never cancels the job');

  // the reloaded window: the conversation as it was saved
  const reloaded = JSON.parse(stored) as Conversation;
  const posted: HostMessage[] = [];
  const done = new Promise<StoredMessage>(resolve => {
    const second = watcher(posted, resolve);
    second.resume([reloaded]);
  });
  const end = await done;
  assert.equal(end.background?.status, 'completed');
  assert.ok(end.text.length > 0, 'the text arrived');
  assert.ok(end.usage && end.usage.outputTokens > 0, 'usage recorded on the reply');
  assert.ok(end.cost && end.cost !== 'unpriced' && end.cost.amount > 0, 'and priced');
  assert.ok(usage.some(u => u.model === GPT && u.apiStyle === 'responses' && u.usage.outputTokens === end.usage!.outputTokens), 'the session usage has it');
  const statuses = posted.flatMap(m => (m.type === 'messageUpdate' ? [m.message.background?.status] : []));
  assert.equal(statuses.at(-1), 'completed');
  assert.ok(statuses.includes('in_progress') || statuses.includes('queued'), `the status moved: ${statuses.join(' → ')}`);
  assert.ok(posted.every(m => !JSON.stringify(m).includes(end.responseId!)), 'the webview never sees the response id');
});

test('cancel asks the server to stop the job; the reply ends as cancelled', async () => {
  const conv = newConversation(selection);
  const reply = ask(conv, 'A long essay, please.');
  const ended = new Promise<StoredMessage>(resolve => {
    void (async () => {
      const w = watcher([], resolve);
      await w.start(conv, reply, selection, undefined);
      await w.cancel(conv, reply.id);
    })();
  });
  const end = await ended;
  assert.equal(end.background?.status, 'cancelled');
  assert.equal(end.stopReason, 'aborted');
  assert.ok(routes().includes('responses.cancel'));
});

test('background replies are offered only for Responses on mantle with state on the server', () => {
  assert.equal(backgroundUnavailable(selection), undefined);
  assert.match(backgroundUnavailable({ ...selection, apiStyle: 'converse-stream', family: 'runtime' }) ?? '', /Responses on bedrock-mantle/);
  assert.match(backgroundUnavailable({ ...selection, family: 'runtime' }) ?? '', /bedrock-mantle/);
  assert.match(backgroundUnavailable({ ...selection, store: false }) ?? '', /store: false/);
});
