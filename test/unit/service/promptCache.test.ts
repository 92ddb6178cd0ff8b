import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Response } from 'openai/resources/responses/responses';
import { finalEvents } from '../../../src/service/formats/responsesEvents';
import type { BedrockRequest, StreamEvent, Usage } from '../../../src/service/model';
import { startRig, type Rig } from './emulatorRouter';

let rig: Rig;
before(async () => { rig = await startRig({ auth: 'bearer' }); });
after(() => rig.close());

const LONG = 'You are a careful reviewer of TypeScript code. '.repeat(40);
const cached = (apiStyle: BedrockRequest['apiStyle'], family: BedrockRequest['family'], model: string, question: string): BedrockRequest => ({
  model, apiStyle, family,
  messages: [{ role: 'user', content: [{ type: 'text', text: LONG }, { type: 'cache-point' }, { type: 'text', text: question }] }],
});
const usageOf = (events: StreamEvent[]): Usage => {
  const u = events.find((e): e is Extract<StreamEvent, { type: 'usage' }> => e.type === 'usage');
  assert.ok(u, JSON.stringify(events.filter(e => e.type === 'error')));
  return u.usage;
};

for (const [style, family, model] of [['converse-stream', 'runtime', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'], ['messages', 'mantle', 'anthropic.claude-sonnet-4-5']] as const) {
  test(`${style}: a cache point writes the prefix on the first turn and reads it on the next; the cached tokens are not input tokens`, async () => {
    const first = usageOf(await rig.run(cached(style, family, model, 'First question?')));
    assert.ok((first.cacheWriteTokens ?? 0) > 100, `written: ${JSON.stringify(first)}`);
    assert.equal(first.cacheReadTokens ?? 0, 0);
    const second = usageOf(await rig.run(cached(style, family, model, 'Second question?')));
    assert.equal(second.cacheReadTokens, first.cacheWriteTokens, `read back: ${JSON.stringify(second)}`);
    assert.equal(second.cacheWriteTokens ?? 0, 0);
    assert.ok(second.inputTokens < 30, 'only the uncached question counts as input');
    // no cache point: nothing cached
    const plain = usageOf(await rig.run({ model, apiStyle: style, family, messages: [{ role: 'user', content: [{ type: 'text', text: LONG }] }] }));
    assert.equal((plain.cacheReadTokens ?? 0) + (plain.cacheWriteTokens ?? 0), 0);
  });
}

test('Responses usage: cached and cache-write tokens are counted apart from input tokens (OpenAI counts them inside)', () => {
  const usage = { input_tokens: 1000, output_tokens: 10, total_tokens: 1010, input_tokens_details: { cached_tokens: 600, cache_write_tokens: 300 }, output_tokens_details: { reasoning_tokens: 0 } };
  const events = [...finalEvents({ status: 'completed', output: [], usage } as unknown as Response)];
  const u = events.find((e): e is Extract<StreamEvent, { type: 'usage' }> => e.type === 'usage')?.usage;
  assert.deepEqual(u, { inputTokens: 100, outputTokens: 10, cacheReadTokens: 600, cacheWriteTokens: 300 });
});

test('the emulator\'s Responses usage has the cache_write_tokens field the OpenAI types require', async () => {
  await rig.run({ model: 'openai.gpt-oss-120b', apiStyle: 'responses', family: 'mantle', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], stream: false });
  const res = await fetch(`${rig.emulator.mantleEndpoint}/v1/responses`, { method: 'POST', headers: { authorization: `Bearer ${rig.emulator.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'openai.gpt-oss-120b', input: 'hi' }) });
  const body = await res.json() as { usage: { input_tokens_details: Record<string, number> } };
  assert.deepEqual(Object.keys(body.usage.input_tokens_details).sort(), ['cache_write_tokens', 'cached_tokens']);
});
