import assert from 'node:assert/strict';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { test } from 'node:test';
import type { StreamEvent } from '../../../src/service/model';
import { pumpEvents } from '../../../src/service/drivers/eventPump';

type Item = StreamEvent | 'pause' | Error;

/** An SDK-like source: items in one run arrive in one burst (microtasks only); 'pause' waits a macrotask, like a new read. */
function source(items: Item[], closed: { value: boolean }): AsyncIterable<StreamEvent> {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (const item of items) {
          if (item === 'pause') await nextMacrotask();
          else if (item instanceof Error) throw item;
          else yield item;
        }
      } finally {
        closed.value = true;
      }
    },
  };
}

const identity = { push: (e: StreamEvent) => [e] };
const text = (t: string): StreamEvent => ({ type: 'text', text: t });

/** Batching is decided by how long the caller waited; an infinite idle time makes it independent of machine load. */
const burstsJoined = { idleMs: Infinity };

async function collect(items: Item[], end?: () => StreamEvent[]) {
  const closed = { value: false };
  const out: StreamEvent[] = [];
  let error: unknown;
  try {
    for await (const e of pumpEvents(source(items, closed), { ...identity, end }, burstsJoined)) out.push(e);
  } catch (e) {
    error = e;
  }
  return { out, error, closed: closed.value };
}

test('the first text goes up alone; after it a burst of deltas reaches the caller as one; separate reads stay separate', async () => {
  const { out } = await collect([text('a'), 'pause', text('b'), text('c'), text('d'), 'pause', text('e'), text('f')]);
  assert.deepEqual(out, [text('a'), text('bcd'), text('ef')]);
});

test('deltas are joined only with neighbours of the same kind: order around tool calls, reasoning and stop is kept', async () => {
  const { out } = await collect([
    { type: 'reasoning', text: 'think ' }, { type: 'reasoning', text: 'more' }, text('x'), 'pause', text('y'), text('y'),
    { type: 'tool-call-start', id: 't', name: 'f' }, text('z'), { type: 'usage', usage: { inputTokens: 1, outputTokens: 2 } },
  ], () => [{ type: 'stop', reason: 'end_turn' }]);
  assert.deepEqual(out, [
    { type: 'reasoning', text: 'think more' }, text('x'), text('yy'), { type: 'tool-call-start', id: 't', name: 'f' }, text('z'),
    { type: 'usage', usage: { inputTokens: 1, outputTokens: 2 } }, { type: 'stop', reason: 'end_turn' },
  ]);
});

test('text that arrived before a failure is delivered, then the failure is thrown', async () => {
  const boom = new Error('connection reset');
  const { out, error } = await collect([text('kept '), 'pause', text('too'), boom, text('never')], () => [{ type: 'stop', reason: 'end_turn' }]);
  assert.deepEqual(out, [text('kept '), text('too')]);
  assert.equal(error, boom);
});

test('a caller that stops early closes the source', async () => {
  const closed = { value: false };
  const items: Item[] = [text('first'), 'pause'];
  for (let i = 0; i < 50; i++) items.push(text(String(i)), 'pause');
  for await (const e of pumpEvents(source(items, closed), identity)) {
    assert.deepEqual(e, text('first'));
    break;
  }
  // the source's finally runs once its pending read settles
  for (let i = 0; i < 5 && !closed.value; i++) await nextMacrotask();
  assert.equal(closed.value, true);
});

test('the mapper turns one SDK item into any number of events, including none', async () => {
  const closed = { value: false };
  const items = source([text('first'), 'pause', text('ab'), text(''), text('cd')], closed);
  const out: StreamEvent[] = [];
  const split = { push: (e: StreamEvent) => (e.type === 'text' ? [...e.text].map(text) : []) };
  for await (const e of pumpEvents(items, split, burstsJoined)) out.push(e);
  assert.deepEqual(out, [text('first'), text('abcd')]);
});
