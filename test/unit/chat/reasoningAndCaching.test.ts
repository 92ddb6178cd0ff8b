// Issue 18: reasoning and prompt caching from the chat. Each conversation's choice reaches the emulator in the
// style's own field, the reply keeps the reasoning (with its token count), and cache points make the second turn
// read the conversation so far from the cache, its tokens shown and priced apart.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runTurn } from '../../../src/chat/chatTurn';
import { newConversation, type Conversation, type StoredMessage } from '../../../src/chat/conversation';
import type { Selection } from '../../../src/chat/protocol';
import { costOf, type Price } from '../../../src/service/pricing/pricing';
import { startRig, type Rig } from '../service/emulatorRouter';

const CLAUDE_RUNTIME = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const CLAUDE_MANTLE = 'anthropic.claude-sonnet-4-5';
const GPT = 'openai.gpt-oss-120b';
const PRICE: Price = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };
let rig: Rig;
before(async () => { rig = await startRig({ auth: 'bearer' }); });
after(() => rig.close());

async function turn(conv: Conversation, text: string, selection: Selection, sentText?: string): Promise<StoredMessage> {
  const reply: StoredMessage = { id: `a-${conv.messages.length}`, role: 'assistant', text: '', streaming: true };
  conv.messages.push({ id: `u-${conv.messages.length}`, role: 'user', text, ...(sentText ? { sentText } : {}) }, reply);
  await runTurn(conv, reply, selection, 'You are a careful assistant. '.repeat(20), new AbortController().signal, {
    service: rig.router, post: () => undefined, save: async () => undefined,
    errorView: e => ({ message: e.message, retryable: e.retryable }),
    priceFor: () => ({ price: PRICE, currency: 'USD', from: 'table' }),
  });
  assert.equal(reply.error, undefined, reply.error?.message);
  return reply;
}

/** The body of the last request the emulator recorded on this route. */
const lastBody = (route: string) => {
  const r = rig.emulator.requests.filter(x => x.route === route).at(-1);
  assert.ok(r, `a ${route} request was recorded`);
  return r.body as Record<string, unknown>;
};

test('Claude on ConverseStream with a thinking budget: additionalModelRequestFields.thinking is sent, max tokens leave room for the answer, the reply keeps the reasoning with an estimated count', async () => {
  const selection: Selection = { model: CLAUDE_RUNTIME, apiStyle: 'converse-stream', family: 'runtime', reasoning: { budgetTokens: 4096 }, promptCache: false };
  const reply = await turn(newConversation(selection), 'Why is the sky blue?', selection);
  const body = lastBody('converse-stream');
  assert.deepEqual((body.additionalModelRequestFields as Record<string, unknown>).thinking, { type: 'enabled', budget_tokens: 4096 });
  assert.ok(((body.inferenceConfig as { maxTokens: number }).maxTokens) > 4096, 'max tokens above the budget');
  assert.ok(reply.reasoning && reply.reasoning.length > 10, 'the emulator\'s thinking is stored with the reply');
  assert.ok(reply.text.length > 0);
  assert.equal(reply.reasoningTokens?.estimated, true, 'Converse does not count reasoning tokens: an estimate, labelled');
  assert.ok((reply.reasoningTokens?.count ?? 0) > 0);
});

test('Claude on Messages (mantle) with a thinking budget: `thinking` is sent and the reply keeps the reasoning', async () => {
  const selection: Selection = { model: CLAUDE_MANTLE, apiStyle: 'messages', family: 'mantle', reasoning: { budgetTokens: 1024 }, promptCache: false };
  const reply = await turn(newConversation(selection), 'Explain recursion.', selection);
  assert.deepEqual(lastBody('messages').thinking, { type: 'enabled', budget_tokens: 1024 });
  assert.ok(reply.reasoning && reply.reasoning.length > 10);
});

test('gpt-oss: effort goes as reasoning.effort on Responses (reasoning tokens as the wire counts them) and reasoning_effort on Chat Completions', async () => {
  const responses: Selection = { model: GPT, apiStyle: 'responses', family: 'mantle', reasoning: { effort: 'high' } };
  const reply = await turn(newConversation(responses), 'Plan a trip.', responses);
  assert.deepEqual(lastBody('responses.create').reasoning, { effort: 'high' });
  assert.ok(reply.reasoning);
  assert.equal(reply.reasoningTokens?.estimated, false);
  assert.equal(reply.reasoningTokens?.count, reply.usage?.reasoningTokens);
  const completions: Selection = { model: GPT, apiStyle: 'chat-completions', family: 'mantle', reasoning: { effort: 'low' } };
  await turn(newConversation(completions), 'Plan a trip.', completions);
  const sent = rig.emulator.requests.filter(x => x.route.startsWith('chat')).at(-1)?.body as Record<string, unknown>;
  assert.equal(sent.reasoning_effort, 'low');
});

test('a model without a reasoning control gets none, whatever the conversation chose for another model', async () => {
  const selection: Selection = { model: 'amazon.nova-micro-v1:0', apiStyle: 'converse-stream', family: 'runtime', reasoning: { budgetTokens: 4096 } };
  const reply = await turn(newConversation(selection), 'Hello', selection);
  assert.equal(lastBody('converse-stream').additionalModelRequestFields, undefined);
  assert.equal(reply.reasoning, undefined);
});

for (const [style, family, model, route] of [['converse-stream', 'runtime', CLAUDE_RUNTIME, 'converse-stream'], ['messages', 'mantle', CLAUDE_MANTLE, 'messages']] as const) {
  test(`${style}: caching is on by default: cache points after the system prompt and earlier turns, and the second turn reads from the cache, priced apart`, async () => {
    const selection: Selection = { model, apiStyle: style, family };
    const conv = newConversation(selection);
    const first = await turn(conv, `Tell me about caching (${style}).`, selection);
    const firstBody = lastBody(route);
    if (style === 'converse-stream') assert.deepEqual((firstBody.system as unknown[]).at(-1), { cachePoint: { type: 'default' } });
    else assert.deepEqual((firstBody.system as Array<Record<string, unknown>>)[0].cache_control, { type: 'ephemeral' });
    assert.ok((first.usage?.cacheWriteTokens ?? 0) > 0, `the first turn writes the system prompt: ${JSON.stringify(first.usage)}`);
    const second = await turn(conv, 'And then?', selection, 'And then?\n\n```ts\nconst attached = true;\n```');
    const messages = lastBody(route).messages as Array<{ role: string; content: Array<Record<string, unknown>> }>;
    const earlier = messages.at(-2)!.content.at(-1)!;
    const context = messages.at(-1)!.content.at(-1)!;
    if (style === 'converse-stream') {
      assert.deepEqual(earlier, { cachePoint: { type: 'default' } }, 'a cache point after the earlier turns');
      assert.deepEqual(context, { cachePoint: { type: 'default' } }, 'a cache point after the attached context');
    } else {
      assert.deepEqual(earlier.cache_control, { type: 'ephemeral' });
      assert.deepEqual(context.cache_control, { type: 'ephemeral' });
    }
    assert.ok((second.usage?.cacheReadTokens ?? 0) > 0, `the second turn reads the cache: ${JSON.stringify(second.usage)}`);
    assert.ok((second.usage?.cacheWriteTokens ?? 0) > 0, 'and writes the new turns');
    assert.ok(second.cost && second.cost !== 'unpriced');
    assert.equal(second.cost.amount, costOf(second.usage!, PRICE), 'cache reads and writes at their own prices');
    assert.notEqual(second.cost.amount, costOf({ inputTokens: second.usage!.inputTokens + second.usage!.cacheReadTokens! + second.usage!.cacheWriteTokens!, outputTokens: second.usage!.outputTokens }, PRICE));
  });
}

test('caching turned off for a conversation, or a style without cache points (Responses): none sent, nothing cached', async () => {
  const off: Selection = { model: CLAUDE_RUNTIME, apiStyle: 'converse-stream', family: 'runtime', promptCache: false };
  const conv = newConversation(off);
  await turn(conv, 'one', off);
  const second = await turn(conv, 'two', off);
  assert.ok(!JSON.stringify(lastBody('converse-stream')).includes('cachePoint'));
  assert.equal((second.usage?.cacheReadTokens ?? 0) + (second.usage?.cacheWriteTokens ?? 0), 0);
  const responses: Selection = { model: GPT, apiStyle: 'responses', family: 'mantle', store: false };
  const rconv = newConversation(responses);
  await turn(rconv, 'one', responses);
  await turn(rconv, 'two', responses);
  assert.ok(!/cache/.test(JSON.stringify(lastBody('responses.create'))));
});
