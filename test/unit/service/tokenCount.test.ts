import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../emulator';
import { BedrockService, type UsageRecord } from '../../../src/service/bedrockService';
import type { ChatMessage, StreamEvent } from '../../../src/service/model';
import { contextLimit } from '../../../src/service/tokens/contextLimits';
import { countsWithBedrock } from '../../../src/service/tokens/countTokens';
import { estimateTokens } from '../../../src/service/tokens/estimate';
import { emulatorSecrets, emulatorServiceConfig } from './emulatorRouter';

let emu: Emulator;
let service: BedrockService;
const logs: string[] = [];
const usage: UsageRecord[] = [];

before(async () => {
  emu = await startEmulator();
  const secrets = emulatorSecrets(emu);
  const config = emulatorServiceConfig(emu);
  service = new BedrockService({ config: () => config, secrets: { get: async k => secrets.get(k) }, env: {}, log: m => logs.push(m), onUsage: r => usage.push(r) });
});
after(() => emu.close());

const user = (text: string): ChatMessage => ({ role: 'user', content: [{ type: 'text', text }] });
const CLAUDE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

async function collect(s: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const e of s) out.push(e);
  return out;
}

test('the estimate grows with the text at about four characters per token, plus per-message overhead', () => {
  assert.equal(estimateTokens([user('')]), 4);
  assert.equal(estimateTokens([user('x'.repeat(400))]), 104);
  assert.equal(estimateTokens([user('x'.repeat(400))], 'y'.repeat(40)), 114);
  assert.equal(estimateTokens([{ role: 'user', content: [{ type: 'image', format: 'png', data: new Uint8Array(10) }] }]), 1604);
});

test('context limits come from the family table, longest prefix first, profile prefixes ignored', () => {
  assert.equal(contextLimit(CLAUDE), 200_000);
  assert.equal(contextLimit('us.amazon.nova-micro-v1:0'), 128_000);
  assert.equal(contextLimit('amazon.nova-lite-v1:0'), 300_000);
  assert.equal(contextLimit('mistral.mistral-large-2402-v1:0'), 32_000);
  assert.equal(contextLimit('unknown.model-v1'), undefined);
  assert.equal(countsWithBedrock(CLAUDE), true);
  assert.equal(countsWithBedrock('us.amazon.nova-lite-v1:0'), false);
});

test('a Claude prompt is counted by CountTokens with the bare model id, and the count is what Converse bills', async () => {
  const before = emu.requests.length;
  const messages = [user('How many tokens is this sentence, exactly?')];
  const count = await service.countTokens({ model: CLAUDE, messages, system: 'Be exact.' });
  assert.equal(count.method, 'count-tokens');
  assert.equal(count.limit, 200_000);
  const counted = emu.requests.slice(before).find(r => r.route === 'count-tokens');
  assert.ok(counted, 'CountTokens was called');
  assert.match(counted.path, /\/model\/anthropic\.claude-sonnet-4-5-20250929-v1(%3A|:)0\/count-tokens/);
  const events = await collect(service.stream({ model: CLAUDE, apiStyle: 'converse', messages, system: 'Be exact.' }, new AbortController().signal));
  const billed = events.find(e => e.type === 'usage');
  assert.ok(billed?.type === 'usage');
  assert.equal(count.tokens, billed.usage.inputTokens);
});

test('other models get a labelled estimate and no request', async () => {
  const before = emu.requests.length;
  const count = await service.countTokens({ model: 'us.amazon.nova-lite-v1:0', messages: [user('x'.repeat(40))] });
  assert.deepEqual(count, { tokens: 14, method: 'estimate', limit: 300_000 });
  assert.equal(emu.requests.length, before);
});

test('the service tier is sent and the reported tier comes back on Converse, ConverseStream, InvokeModel and Responses', async () => {
  const cases = [
    { model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse' as const },
    { model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream' as const },
    { model: 'us.amazon.nova-lite-v1:0', apiStyle: 'invoke-model' as const },
    { model: 'us.amazon.nova-lite-v1:0', apiStyle: 'invoke-model-stream' as const },
    { model: 'openai.gpt-oss-120b', apiStyle: 'responses' as const },
  ];
  for (const c of cases) {
    const events = await collect(service.stream({ ...c, messages: [user('hi')], serviceTier: 'flex' }, new AbortController().signal));
    const tier = events.find(e => e.type === 'service-tier');
    assert.deepEqual(tier, { type: 'service-tier', tier: 'flex' }, `${c.apiStyle}: ${JSON.stringify(events.at(-1))}`);
    const sent = JSON.stringify(emu.requests.at(-1));
    assert.match(sent, /flex/, `${c.apiStyle} sent the tier`);
  }
});

test('each reply with usage is recorded once for the session totals, with the tier the service reported', async () => {
  usage.length = 0;
  await collect(service.stream({ model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream', messages: [user('hi')], serviceTier: 'priority' }, new AbortController().signal));
  assert.equal(usage.length, 1);
  assert.equal(usage[0].apiStyle, 'converse-stream');
  assert.equal(usage[0].serviceTier, 'priority');
  assert.ok(usage[0].usage.outputTokens > 0);
});
