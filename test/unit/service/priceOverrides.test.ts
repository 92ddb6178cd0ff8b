// `bedrock.prices` is typed by hand: a bad entry is named and left out, the good ones still count, and no entry
// can make a cost Infinity.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPriceOverrides } from '../../../src/service/pricing/priceOverrides';
import { costOf, findPrice } from '../../../src/service/pricing/pricing';
import { UsageLedger } from '../../../src/usage/usageLedger';

const good = { input: 0.06, output: 0.24 };

test('a value that is not an object is ignored as a whole, with one sentence saying so', () => {
  for (const [raw, kind] of [['0.06', 'text'], [[good], 'a list'], [5, 'a number'], [true, 'true or false']] as const) {
    const read = readPriceOverrides(raw);
    assert.deepEqual(read.prices, {});
    assert.deepEqual(read.problems, [`bedrock.prices is ${kind}, not an object of model id → price, so it is ignored.`]);
  }
  assert.deepEqual(readPriceOverrides(undefined), { prices: {}, problems: [] });
  assert.deepEqual(readPriceOverrides({}), { prices: {}, problems: [] });
});

test('each bad entry is named with its reason and left out; the good entries are kept', () => {
  const read = readPriceOverrides({
    'amazon.nova-lite-v1:0': good,
    'neg.model': { input: -1, output: 2 },
    'huge.model': { input: 1, output: 1e308 },
    'nan.model': { input: NaN, output: 1 },
    'inf.model': { input: Infinity, output: 1 },
    'text.model': { input: '0.1', output: 1 },
    'list.model': [1, 2],
    'string.model': 'cheap',
    'half.model': { input: 1 },
    'cache.model': { input: 1, output: 2, cacheRead: -0.1 },
    '': good,
  });
  assert.deepEqual(Object.keys(read.prices), ['amazon.nova-lite-v1:0']);
  assert.deepEqual(read.problems, [
    'bedrock.prices entry "neg.model" is ignored: "input" is negative.',
    'bedrock.prices entry "huge.model" is ignored: "output" is above 10000 per 1M tokens.',
    'bedrock.prices entry "nan.model" is ignored: "input" is not a number.',
    'bedrock.prices entry "inf.model" is ignored: "input" is above 10000 per 1M tokens.',
    'bedrock.prices entry "text.model" is ignored: "input" is text, not a number.',
    'bedrock.prices entry "list.model" is ignored: it is a list, not { "input": …, "output": … }.',
    'bedrock.prices entry "string.model" is ignored: it is text, not { "input": …, "output": … }.',
    'bedrock.prices entry "half.model" is ignored: "output" is missing.',
    'bedrock.prices entry "cache.model" is ignored: "cacheRead" is negative.',
    'bedrock.prices entry "" is ignored: its model id is empty.',
  ]);
});

test('a huge override is not a price: the cost falls back to the table, never Infinity', () => {
  const overrides = { 'amazon.nova-lite-v1:0': { input: 1e308, output: 1e308 } } as const;
  const found = findPrice('us.amazon.nova-lite-v1:0', 'us-east-1', overrides);
  assert.equal(found?.from, 'table');
  const ledger = new UsageLedger((model, region) => findPrice(model, region, overrides));
  ledger.add({ model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream', region: 'us-east-1', usage: { inputTokens: 1000, outputTokens: 1000 } });
  const { total } = ledger.summary();
  assert.ok(Number.isFinite(total.cost ?? NaN), JSON.stringify(total));
  assert.ok(Number.isFinite(costOf({ inputTokens: 1e7, outputTokens: 1e7 }, { input: 10_000, output: 10_000 })));
});
