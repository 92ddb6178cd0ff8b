import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runTurn, requestMessages } from '../../../src/chat/chatTurn';
import { newConversation, StoredMessage } from '../../../src/chat/conversation';
import { ConversationStore } from '../../../src/chat/conversationStore';
import type { HostMessage } from '../../../src/chat/protocol';
import type { BedrockRequest, StreamEvent } from '../../../src/service/model';

const selection = { model: 'm', apiStyle: 'responses' as const, family: 'mantle' as const };

function fakeService(events: StreamEvent[], seen: BedrockRequest[] = []) {
  return {
    async *stream(req: BedrockRequest) {
      seen.push(req);
      for (const e of events) {
        await new Promise(r => setImmediate(r));
        yield e;
      }
    },
  };
}

test('a 2,000-token reply reaches the webview in a few batched deltas, complete and in order', async () => {
  const tokens = Array.from({ length: 2000 }, (_, i) => `tok${i} `);
  const events: StreamEvent[] = [...tokens.map(t => ({ type: 'text' as const, text: t })), { type: 'usage', usage: { inputTokens: 5, outputTokens: 2000 } }, { type: 'stop', reason: 'end_turn' }];
  const conv = newConversation();
  const reply: StoredMessage = { id: 'r', role: 'assistant', text: '', streaming: true };
  conv.messages.push({ id: 'u', role: 'user', text: 'hi' }, reply);
  const posted: HostMessage[] = [];
  await runTurn(conv, reply, selection, undefined, new AbortController().signal, {
    service: fakeService(events), post: m => posted.push(m), save: async () => undefined, errorView: e => ({ message: e.message, retryable: false }),
  });
  const deltas = posted.filter((m): m is Extract<HostMessage, { type: 'delta' }> => m.type === 'delta');
  assert.ok(deltas.length < 100, `${deltas.length} deltas for 2000 tokens`);
  assert.equal(deltas.map(d => d.text).join(''), tokens.join(''));
  const end = posted.at(-1);
  assert.ok(end?.type === 'messageEnd' && end.message.usage?.outputTokens === 2000 && !end.message.streaming);
  assert.equal(reply.text, tokens.join(''));
  assert.ok(reply.metrics && reply.metrics.ttftMs !== undefined && reply.metrics.totalMs >= reply.metrics.ttftMs);
});

test('an error keeps the text that streamed before it, and the next Responses turn chains on the last good reply', async () => {
  const conv = newConversation();
  const first: StoredMessage = { id: 'a1', role: 'assistant', text: '', streaming: true };
  conv.messages.push({ id: 'u1', role: 'user', text: 'one' }, first);
  const deps = (events: StreamEvent[], seen: BedrockRequest[] = []) => ({
    service: fakeService(events, seen), post: () => undefined, save: async () => undefined,
    errorView: (e: { message: string }) => ({ message: e.message, retryable: true }),
  });
  await runTurn(conv, first, selection, undefined, new AbortController().signal, deps([{ type: 'response-id', id: 'resp_1' }, { type: 'text', text: 'partial' }, { type: 'stop', reason: 'end_turn' }]));
  const second: StoredMessage = { id: 'a2', role: 'assistant', text: '', streaming: true };
  conv.messages.push({ id: 'u2', role: 'user', text: 'two' }, second);
  const seen: BedrockRequest[] = [];
  await runTurn(conv, second, selection, undefined, new AbortController().signal, deps([{ type: 'text', text: 'half' },
    { type: 'error', error: { kind: 'stream-error', message: 'The model stream broke off before the reply was complete.', detail: 'x', retryable: true } }], seen));
  assert.equal(seen[0].previousResponseId, 'resp_1');
  assert.equal(second.text, 'half');
  assert.match(second.error?.message ?? '', /broke off/);
});

test('history sent to the model: user text with its context, errored empty replies skipped, turns alternating', () => {
  const msgs = requestMessages([
    { id: '1', role: 'user', text: 'q1', sentText: 'q1 + file' },
    { id: '2', role: 'assistant', text: '', error: { message: 'x', retryable: true } },
    { id: '3', role: 'user', text: 'q2' },
    { id: '4', role: 'assistant', text: 'a2' },
  ]);
  assert.deepEqual(msgs.map(m => [m.role, m.content.map(c => (c.type === 'text' ? c.text : c.type))]), [['user', ['q1 + file', 'q2']], ['assistant', ['a2']]]);
});

test('conversations persist to disk and come back; a reply cut off mid-stream comes back as stopped', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chats-'));
  const a = new ConversationStore(dir);
  const c = a.active;
  c.title = 'Keep me';
  c.messages.push({ id: 'u', role: 'user', text: 'hello' }, { id: 'r', role: 'assistant', text: 'par', streaming: true });
  await a.save(c);
  const other = await a.create();
  other.messages.push({ id: 'x', role: 'user', text: 'second' });
  await a.save(other);
  await a.switchTo(c.id);
  const b = new ConversationStore(dir);
  assert.equal(b.active.title, 'Keep me');
  assert.deepEqual(b.active.messages.map(m => [m.text, m.streaming, m.stopReason]), [['hello', undefined, undefined], ['par', false, 'aborted']]);
  assert.equal(b.list().length, 2);
  await b.delete(c.id);
  assert.equal(new ConversationStore(dir).list().length, 1);
  fs.writeFileSync(path.join(dir, 'broken.chat.json'), '{not json');
  assert.equal(new ConversationStore(dir).list().length, 1, 'a damaged file is skipped');
});
