import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runTurn, STALE_CHAIN_NOTE } from '../../../src/chat/chatTurn';
import { newConversation, type StoredMessage } from '../../../src/chat/conversation';
import type { Selection } from '../../../src/chat/protocol';
import { startRig, type Rig } from '../service/emulatorRouter';

const GPT = 'openai.gpt-oss-120b';
let rig: Rig;
before(async () => { rig = await startRig({ auth: 'bearer' }); });
after(() => rig.close());

const turn = (conv: ReturnType<typeof newConversation>, text: string, selection: Selection) => {
  const reply: StoredMessage = { id: `a-${text}`, role: 'assistant', text: '', streaming: true };
  conv.messages.push({ id: `u-${text}`, role: 'user', text }, reply);
  return runTurn(conv, reply, selection, 'Be brief.', new AbortController().signal, {
    service: rig.router, post: () => undefined, save: async () => undefined,
    errorView: e => ({ message: e.message, retryable: e.retryable }),
  }).then(() => reply);
};

const responsesBodies = (from: number) => rig.emulator.requests.slice(from)
  .filter(r => r.route.startsWith('responses') && r.method === 'POST')
  .map(r => r.body as { previous_response_id?: string; store?: boolean; input: Array<{ role?: string; content?: unknown }> });

test('a chained id the server no longer holds: the turn is sent once more with the whole history, the user told in one line, and the chain restarts', async () => {
  const selection: Selection = { model: GPT, apiStyle: 'responses', family: 'mantle' };
  const conv = newConversation(selection);
  const first = await turn(conv, 'My name is Ada.', selection);
  assert.ok(first.responseId && !first.error);
  // as after a reload into another region or account, or once the stored response expired
  first.responseId = 'resp_gone';
  const start = rig.emulator.requests.length;
  const second = await turn(conv, 'What is my name?', selection);
  assert.equal(second.error, undefined, second.error?.message);
  assert.ok(second.text.length > 0);
  assert.equal(second.note, STALE_CHAIN_NOTE);
  const sent = responsesBodies(start);
  assert.equal(sent.length, 2, 'one refused request, one recovery, no more');
  assert.equal(sent[0].previous_response_id, 'resp_gone');
  assert.equal(sent[1].previous_response_id, undefined);
  assert.deepEqual(sent[1].input.map(i => i.role), ['user', 'assistant', 'user'], 'the recovery carries the history');
  assert.equal(first.responseId, undefined, 'the stale id is forgotten, so Retry cannot send it again');
  // the next turn chains on the recovered reply
  const next = rig.emulator.requests.length;
  const third = await turn(conv, 'And again?', selection);
  assert.equal(third.note, undefined);
  assert.deepEqual(responsesBodies(next).map(b => b.previous_response_id), [second.responseId]);
});

test('with state kept off the server, no turn is chained and the whole history is sent with store: false', async () => {
  const selection: Selection = { model: GPT, apiStyle: 'responses', family: 'mantle', store: false };
  const conv = newConversation(selection);
  const start = rig.emulator.requests.length;
  await turn(conv, 'one', selection);
  await turn(conv, 'two', selection);
  const sent = responsesBodies(start);
  assert.deepEqual(sent.map(b => [b.store, b.previous_response_id]), [[false, undefined], [false, undefined]]);
  assert.deepEqual(sent[1].input.map(i => i.role), ['user', 'assistant', 'user']);
});
