import assert from 'node:assert/strict';
import { test } from 'node:test';
import { costOf, findPrice, formatCost, isPrice, PRICE_TABLE, type PriceTable } from '../../../src/service/pricing/pricing';
import { rowLabel, UsageLedger } from '../../../src/usage/usageLedger';

const TABLE: PriceTable = {
  date: '2026-01-01', source: 'test', currency: 'USD',
  regions: {
    'us-east-1': {
      'amazon.nova-lite-v1:0': { input: 0.06, output: 0.24, cacheRead: 0.015, cacheWrite: 0 },
      'anthropic.claude-x-v1:0': { input: 3.3, output: 16.5, cacheRead: 0.33, cacheWrite: 4.125 },
      'global.anthropic.claude-x-v1:0': { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    },
  },
};

test('each token kind is billed at its own rate per 1M tokens', () => {
  const price = TABLE.regions['us-east-1']['anthropic.claude-x-v1:0'];
  // 1,000,000 of each kind costs the sum of the four rates
  assert.equal(costOf({ inputTokens: 1e6, outputTokens: 1e6, cacheReadTokens: 1e6, cacheWriteTokens: 1e6 }, price), 3.3 + 16.5 + 0.33 + 4.125);
  assert.ok(Math.abs(costOf({ inputTokens: 1200, outputTokens: 300 }, price) - (1200 * 3.3 + 300 * 16.5) / 1e6) < 1e-15);
  // an override without cache prices bills cache tokens at the input rate
  assert.equal(costOf({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 2e6, cacheWriteTokens: 1e6 }, { input: 1, output: 2 }), 3);
});

test('prices are found by exact id (a global profile), then by bare model id, per region; overrides win everywhere', () => {
  assert.equal(findPrice('global.anthropic.claude-x-v1:0', 'us-east-1', {}, TABLE)?.price.input, 3);
  assert.equal(findPrice('us.anthropic.claude-x-v1:0', 'us-east-1', {}, TABLE)?.price.input, 3.3);
  assert.equal(findPrice('us.amazon.nova-lite-v1:0', 'eu-west-1', {}, TABLE), undefined, 'no table for the region');
  const over = findPrice('us.amazon.nova-lite-v1:0', 'eu-west-1', { 'amazon.nova-lite-v1:0': { input: 1, output: 2 } }, TABLE);
  assert.deepEqual(over, { price: { input: 1, output: 2 }, currency: 'USD', from: 'setting' });
  assert.equal(findPrice('arn:aws:bedrock:us-east-1:1:application-inference-profile/x', 'us-east-1', {}, TABLE), undefined);
});

test('malformed overrides are not prices', () => {
  assert.equal(isPrice({ input: 1, output: 2, cacheRead: 0.1 }), true);
  assert.equal(isPrice({ input: 1 }), false);
  assert.equal(isPrice({ input: -1, output: 2 }), false);
  assert.equal(isPrice({ input: '1', output: 2 }), false);
});

test('the shipped table is dated, sourced and prices the default model', () => {
  assert.match(PRICE_TABLE.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(PRICE_TABLE.source, /aws\.amazon\.com\/bedrock\/pricing/);
  for (const [region, models] of Object.entries(PRICE_TABLE.regions)) {
    for (const [id, p] of Object.entries(models)) assert.ok(isPrice(p), `${region} ${id}`);
  }
  assert.ok(findPrice('us.amazon.nova-lite-v1:0', 'us-east-1'));
});

test('costs are formatted with three significant digits below a dollar', () => {
  assert.equal(formatCost(0.000123456), '$0.000123');
  assert.equal(formatCost(0.05), '$0.0500');
  assert.equal(formatCost(1.234), '$1.23');
  assert.equal(formatCost(0), '$0');
});

test('the session ledger totals tokens and cost by model and API style', () => {
  const ledger = new UsageLedger((model, region) => findPrice(model, region, {}, TABLE));
  let changes = 0;
  ledger.onDidChange(() => changes++);
  ledger.add({ model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream', region: 'us-east-1', usage: { inputTokens: 100, outputTokens: 50 } });
  ledger.add({ model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream', region: 'us-east-1', usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 1000 } });
  ledger.add({ model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse', region: 'us-east-1', usage: { inputTokens: 1, outputTokens: 1 } });
  ledger.add({ model: 'mystery.model', apiStyle: 'converse', region: 'us-east-1', usage: { inputTokens: 7, outputTokens: 3 } });
  const { rows, total } = ledger.summary();
  ledger.add({ model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse', region: 'us-east-1', usage: { inputTokens: 1, outputTokens: 1 } });
  assert.equal(rows.find(r => r.apiStyle === 'converse' && r.model === 'us.amazon.nova-lite-v1:0')?.requests, 1, 'a summary is a snapshot');
  assert.equal(changes, 5);
  assert.equal(rows.length, 3);
  const stream = rows.find(r => r.apiStyle === 'converse-stream')!;
  assert.deepEqual([stream.requests, stream.inputTokens, stream.outputTokens, stream.cacheReadTokens], [2, 110, 55, 1000]);
  const p = TABLE.regions['us-east-1']['amazon.nova-lite-v1:0'];
  assert.ok(Math.abs(stream.cost - (110 * p.input + 55 * p.output + 1000 * p.cacheRead!) / 1e6) < 1e-15);
  assert.equal(total.requests, 4);
  assert.equal(total.inputTokens, 118);
  assert.equal(total.unpriced, 1);
  assert.ok(Math.abs(total.cost - rows.reduce((s, r) => s + r.cost, 0)) < 1e-15);
});

test('the session ledger keeps a project\'s requests apart and names the project they were billed to', () => {
  const ledger = new UsageLedger((model, region) => findPrice(model, region, {}, TABLE));
  ledger.add({ model: 'openai.gpt-oss-120b', apiStyle: 'responses', region: 'us-east-1', usage: { inputTokens: 10, outputTokens: 5 } });
  ledger.add({ model: 'openai.gpt-oss-120b', apiStyle: 'responses', region: 'us-east-1', usage: { inputTokens: 10, outputTokens: 5 }, project: 'proj_team' });
  const { rows } = ledger.summary();
  assert.deepEqual(rows.map(r => [rowLabel(r), r.requests]), [['openai.gpt-oss-120b · OpenAI Responses', 1], ['openai.gpt-oss-120b · OpenAI Responses · project proj_team', 1]]);
});
