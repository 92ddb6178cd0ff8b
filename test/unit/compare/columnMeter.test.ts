import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ColumnMeter, columnMetrics } from '../../../src/compare/columnMeter';

/** A clock the test moves by hand. */
function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

test('time to first token counts from the send to the first text; tokens/s is output over the generation time', () => {
  const c = clock();
  const meter = new ColumnMeter(c.now);
  c.advance(250);
  meter.observe({ type: 'text', text: 'Hello' });
  c.advance(2_000);
  meter.observe({ type: 'text', text: ' world' });
  meter.observe({ type: 'usage', usage: { inputTokens: 12, outputTokens: 100 } });
  meter.observe({ type: 'stop', reason: 'end_turn' });
  const r = meter.finish();
  assert.deepEqual(r.metrics, { totalMs: 2_250, ttftMs: 250, tokensPerSecond: 50 });
  assert.equal(r.text, 'Hello world');
  assert.deepEqual(r.usage, { inputTokens: 12, outputTokens: 100 });
  assert.equal(r.stopReason, 'end_turn');
});

test('reasoning is the first token when it comes before the answer', () => {
  const c = clock();
  const meter = new ColumnMeter(c.now);
  c.advance(40);
  meter.observe({ type: 'reasoning', text: 'thinking' });
  c.advance(60);
  assert.equal(meter.observe({ type: 'text', text: 'answer' }), 'answer');
  c.advance(300);
  meter.observe({ type: 'usage', usage: { inputTokens: 3, outputTokens: 7 } });
  assert.deepEqual(meter.finish().metrics, { totalMs: 400, ttftMs: 40, tokensPerSecond: 19.4 });
});

test('empty deltas, usage and stop events are not the first token', () => {
  const c = clock();
  const meter = new ColumnMeter(c.now);
  c.advance(10);
  meter.observe({ type: 'text', text: '' });
  meter.observe({ type: 'usage', usage: { inputTokens: 3, outputTokens: 0 } });
  c.advance(10);
  meter.observe({ type: 'stop', reason: 'aborted' });
  const r = meter.finish();
  assert.deepEqual(r.metrics, { totalMs: 20 }, 'no first token, so neither time to first token nor tokens/s');
  assert.equal(r.stopReason, 'aborted');
});

test('tokens/s is left out when it cannot be measured, and rounded to one decimal when it can', () => {
  assert.deepEqual(columnMetrics(0, 100, 100, 50), { totalMs: 100, ttftMs: 100 }, 'the whole reply in one chunk has no generation time');
  assert.deepEqual(columnMetrics(0, 100, 900, undefined), { totalMs: 900, ttftMs: 100 }, 'no usage reported');
  assert.deepEqual(columnMetrics(0, 100, 900, 0), { totalMs: 900, ttftMs: 100 });
  assert.deepEqual(columnMetrics(0, 0, 3_000, 1_000), { totalMs: 3_000, ttftMs: 0, tokensPerSecond: 333.3 });
  assert.deepEqual(columnMetrics(500, 600, 1_600, 1), { totalMs: 1_100, ttftMs: 100, tokensPerSecond: 1 });
});
