import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppendBatcher, type BatchTimers } from '../../../src/frontEndKit/panes/appendBatcher';

/** Virtual time: timers fire when the test advances the clock, so a 100-second stream takes no real time. */
class FakeClock implements BatchTimers {
  now = 0;
  private timers: Array<{ at: number; fn: () => void }> = [];

  set(fn: () => void, ms: number): unknown {
    const t = { at: this.now + ms, fn };
    this.timers.push(t);
    return t;
  }

  clear(handle: unknown): void {
    this.timers = this.timers.filter(t => t !== handle);
  }

  /** Runs every timer due up to `time`, letting the promises each one starts settle. */
  async advanceTo(time: number): Promise<void> {
    for (;;) {
      const due = this.timers.filter(t => t.at <= time).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter(t => t !== due);
      this.now = due.at;
      due.fn();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    }
    this.now = time;
  }
}

/** Streams `tokens` deltas at `perSecond` into a batcher and returns what the document saw. */
async function stream(tokens: number, perSecond: number, opts: { applyMs?: number; intervalMs?: number | (() => number); maxGapMs?: number } = {}) {
  const clock = new FakeClock();
  let doc = '';
  const editSizes: number[] = [];
  /** Virtual times at which the document changed (what a reader of the pane sees move). */
  const shownAt: number[] = [];
  const apply = (text: string) => {
    editSizes.push(text.length);
    if (!opts.applyMs) { doc += text; shownAt.push(clock.now); return; }
    return new Promise<void>(resolve => clock.set(() => { doc += text; shownAt.push(clock.now); resolve(); }, opts.applyMs!));
  };
  const batcher = new AppendBatcher(apply, opts.intervalMs ?? 50, clock, opts.maxGapMs);
  let expected = '';
  for (let i = 0; i < tokens; i++) {
    const token = `t${i} `;
    expected += token;
    await clock.advanceTo((i * 1000) / perSecond);
    batcher.push(token);
  }
  const flushed = batcher.flush();
  await clock.advanceTo(clock.now + 10_000);
  await flushed;
  return { doc, expected, edits: batcher.edits, editSizes, shownAt, durationMs: (tokens * 1000) / perSecond };
}

describe('AppendBatcher', () => {
  test('a 20k-token answer at emulator speed (50k tokens/s) becomes a handful of edits, none lost', async () => {
    const r = await stream(20_000, 50_000);
    assert.equal(r.doc, r.expected);
    assert.ok(r.edits <= 12, `${r.edits} edits for 20000 tokens in ${r.durationMs} ms`);
  });

  test('an interval asked for each batch (a pacer) is honoured batch by batch', async () => {
    // 16 ms for the first 10 batches, then 100 ms: 2 s of tokens at 1,000/s
    let asked = 0;
    const r = await stream(2_000, 1_000, { intervalMs: () => (asked++ < 10 ? 16 : 100) });
    assert.equal(r.doc, r.expected);
    assert.ok(asked >= r.edits, `the interval was asked for each batch (${asked} asks, ${r.edits} edits)`);
    const gaps = r.shownAt.slice(1).map((t, i) => t - r.shownAt[i]);
    assert.ok(gaps.slice(0, 9).every(g => g <= 17), `first gaps ${gaps.slice(0, 9).join(', ')}`);
    assert.ok(gaps.slice(10, -1).every(g => g >= 99), `later gaps ${gaps.slice(10, -1).join(', ')}`);
    assert.ok(r.edits <= 10 + (2_000 - 10 * 16) / 100 + 2, `${r.edits} edits`);
  });

  test('at any speed there is at most one edit per interval (20k tokens at 5k tokens/s: ≤ 4 s / 50 ms + 1)', async () => {
    const r = await stream(20_000, 5_000);
    assert.equal(r.doc, r.expected);
    assert.ok(r.edits < 200, `${r.edits} edits`);
    assert.ok(r.edits <= r.durationMs / 50 + 1, `${r.edits} edits in ${r.durationMs} ms`);
  });

  test('a slow editor gets fewer, larger edits: never two edits in flight', async () => {
    const r = await stream(5_000, 10_000, { applyMs: 200 });
    assert.equal(r.doc, r.expected);
    // 0.5 s of tokens, each edit taking 200 ms plus the 50 ms wait: a few edits, not one per interval
    assert.ok(r.edits <= 4, `${r.edits} edits`);
  });

  test('with a gap bound, a slow editor (1.5 s per edit) still shows new text at least every 200 ms while it streams', async () => {
    // 10 s of a 2,000 tokens/s answer, as the bench's pane row; each edit takes 1.5 s to show, as VS Code's re-read of
    // a long virtual document did on a loaded machine.
    const r = await stream(20_000, 2_000, { applyMs: 1_500, maxGapMs: 200 });
    assert.equal(r.doc, r.expected, 'every character arrives, in order');
    const streaming = r.shownAt.filter(t => t <= r.durationMs);
    const gaps = streaming.slice(1).map((t, i) => t - streaming[i]);
    assert.ok(streaming.length > 2 && Math.max(...gaps) <= 200, `longest gap between visible updates ${Math.max(...gaps)} ms`);
    // bounded by the gap, not by the token rate: one edit per 200 ms at most, far under the 200-edit target
    assert.ok(r.edits <= r.durationMs / 200 + 2, `${r.edits} edits in ${r.durationMs} ms`);
  });

  test('with a gap bound and a fast editor, edits still coalesce per interval (the bound adds none)', async () => {
    const r = await stream(20_000, 5_000, { maxGapMs: 200 });
    assert.equal(r.doc, r.expected);
    assert.ok(r.edits <= r.durationMs / 50 + 1, `${r.edits} edits in ${r.durationMs} ms`);
  });

  test('flush applies what is queued at once and resolves when it is in the document', async () => {
    let doc = '';
    const clock = new FakeClock();
    const b = new AppendBatcher(t => { doc += t; }, 50, clock);
    b.push('a');
    b.push('b');
    assert.equal(doc, '', 'nothing is applied before the interval');
    await b.flush();
    assert.equal(doc, 'ab');
    assert.equal(b.edits, 1);
    await clock.advanceTo(1000);
    assert.equal(b.edits, 1, 'the cancelled timer did not make an empty edit');
    b.push('');
    await b.flush();
    assert.equal(b.edits, 1, 'empty text makes no edit');
  });

  test('a failed edit is reported by flush and later text still arrives', async () => {
    let doc = '';
    let fail = true;
    const b = new AppendBatcher(t => { if (fail) { fail = false; throw new Error('editor gone'); } doc += t; }, 0);
    b.push('lost');
    await assert.rejects(b.flush(), /editor gone/);
    b.push('kept');
    await assert.rejects(b.flush(), /editor gone/, 'the first failure stays reported');
    assert.equal(doc, 'kept');
  });
});
