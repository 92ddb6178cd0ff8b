import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DELTA_INTERVAL_MS, DeltaPacer, FAST_DELTA_INTERVAL_MS } from '../../../src/webviewKit/host/streamTiming';
import { FAST_STREAM_CHARS_PER_MS } from '../../../src/webviewKit/protocol';

function pacerAt() {
  const clock = { now: 0 };
  return { clock, pacer: new DeltaPacer(() => clock.now) };
}

test('a reply at reading speed is forwarded every frame', () => {
  const { clock, pacer } = pacerAt();
  assert.equal(pacer.delayMs, DELTA_INTERVAL_MS, 'the first batch goes out within a frame');
  // 60 tokens/s of ~4 characters: 4 characters per 16 ms frame
  for (let i = 0; i < 20; i++) {
    clock.now += DELTA_INTERVAL_MS;
    pacer.sent(4);
    assert.equal(pacer.delayMs, DELTA_INTERVAL_MS);
  }
});

test('a reply faster than anyone reads is forwarded every 100 ms, and every frame again once it slows down', () => {
  const { clock, pacer } = pacerAt();
  pacer.sent(10);
  // 2,000 tokens/s: 8 characters per ms, well over the fast threshold
  clock.now += DELTA_INTERVAL_MS;
  pacer.sent(8 * DELTA_INTERVAL_MS);
  assert.equal(pacer.delayMs, FAST_DELTA_INTERVAL_MS);
  clock.now += FAST_DELTA_INTERVAL_MS;
  pacer.sent(8 * FAST_DELTA_INTERVAL_MS);
  assert.equal(pacer.delayMs, FAST_DELTA_INTERVAL_MS);
  // the model slows to just under the threshold
  clock.now += FAST_DELTA_INTERVAL_MS;
  pacer.sent(Math.floor(FAST_STREAM_CHARS_PER_MS * FAST_DELTA_INTERVAL_MS) - 1);
  assert.equal(pacer.delayMs, DELTA_INTERVAL_MS);
});

test('a pause counts: one large batch after a long wait is not a fast stream', () => {
  const { clock, pacer } = pacerAt();
  pacer.sent(4);
  clock.now += 2_000;
  pacer.sent(1_000);
  assert.equal(pacer.delayMs, DELTA_INTERVAL_MS);
});
