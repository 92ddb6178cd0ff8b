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

test('a guardrail intervention is stored in words on the reply, and that turn is left out of the next request', async () => {
  const guarded = { model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream' as const, family: 'runtime' as const, guardrail: { id: 'gr1', version: '2', name: 'prod' } };
  const conv = newConversation();
  const blockedReply: StoredMessage = { id: 'a1', role: 'assistant', text: '', streaming: true };
  conv.messages.push({ id: 'u1', role: 'user', text: 'stock tips please' }, blockedReply);
  const seen: BedrockRequest[] = [];
  const deps = (events: StreamEvent[]) => ({ service: fakeService(events, seen), post: () => undefined, save: async () => undefined, errorView: (e: { message: string }) => ({ message: e.message, retryable: false }) });
  await runTurn(conv, blockedReply, guarded, undefined, new AbortController().signal, deps([
    { type: 'text', text: 'Sorry, the model cannot answer this question.' },
    { type: 'guardrail', report: { intervened: true, findings: [{ source: 'input', policy: 'denied-topic', name: 'Investment advice', action: 'BLOCKED' }] } },
    { type: 'stop', reason: 'guardrail_intervened' },
  ]));
  assert.deepEqual(seen[0].guardrail, { id: 'gr1', version: '2' }, 'the request carries the guardrail (id and version only)');
  assert.deepEqual(blockedReply.guardrail, { headline: 'Guardrail prod blocked the input: denied topic Investment advice.', lines: ['Input · Denied topic: Investment advice — blocked'] });
  assert.equal(blockedReply.stopReason, 'guardrail_intervened');

  const next: StoredMessage = { id: 'a2', role: 'assistant', text: '', streaming: true };
  conv.messages.push({ id: 'u2', role: 'user', text: 'tell me about rivers' }, next);
  await runTurn(conv, next, guarded, undefined, new AbortController().signal, deps([{ type: 'text', text: 'Rivers flow.' }, { type: 'stop', reason: 'end_turn' }]));
  assert.deepEqual(seen[1].messages, [{ role: 'user', content: [{ type: 'text', text: 'tell me about rivers' }] }]);
  assert.equal(next.guardrail, undefined);

  // an API style without a guardrail parameter sends none
  const mantle = { ...guarded, apiStyle: 'chat-completions' as const, family: 'mantle' as const };
  const third: StoredMessage = { id: 'a3', role: 'assistant', text: '', streaming: true };
  conv.messages.push({ id: 'u3', role: 'user', text: 'and lakes?' }, third);
  await runTurn(conv, third, mantle, undefined, new AbortController().signal, deps([{ type: 'stop', reason: 'end_turn' }]));
  assert.equal(seen[2].guardrail, undefined);
  assert.equal(seen[2].messages.length, 3, 'rivers question, its answer, the new question');
});
