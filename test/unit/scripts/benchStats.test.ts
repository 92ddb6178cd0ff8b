// The bench's attribution of a pane's longest gap (bench/support/stats.mjs): which part of it another thread's busy
// intervals cover, clipped to the gap, on the epoch clock.
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

interface Busy { startEpochMs: number; ms: number }
interface Pane { firstTokenEpochMs: number; changes: { atMs: number }[] }
type BusyInLongestGap = (p: Pane, busy: Busy[]) => { fromMs: number; toMs: number; tasks: number; busyMs: number; longestMs: number };

async function load(): Promise<BusyInLongestGap> {
  const url = pathToFileURL(path.resolve(__dirname, '../../../../bench/support/stats.mjs')).href;
  return ((await import(url)) as { busyInLongestGap: BusyInLongestGap }).busyInLongestGap;
}

const pane: Pane = { firstTokenEpochMs: 10_000, changes: [{ atMs: 100 }, { atMs: 200 }, { atMs: 700 }, { atMs: 760 }] };

test('the longest gap is found and only the busy time inside it counts, clipped at both ends', async () => {
  const busyInLongestGap = await load();
  const r = busyInLongestGap(pane, [
    { startEpochMs: 10_050, ms: 40 }, // inside the first gap: not counted
    { startEpochMs: 10_150, ms: 100 }, // 150–250: 50 ms inside 200–700
    { startEpochMs: 10_400, ms: 120 }, // wholly inside
    { startEpochMs: 10_650, ms: 200 }, // 650–850: 50 ms inside
  ]);
  assert.deepEqual(r, { fromMs: 200, toMs: 700, tasks: 3, busyMs: 220, longestMs: 120 });
});

test('the first gap is measured from the first token, and nothing busy gives zero', async () => {
  const busyInLongestGap = await load();
  const r = busyInLongestGap({ firstTokenEpochMs: 0, changes: [{ atMs: 400 }, { atMs: 450 }] }, [{ startEpochMs: 500, ms: 30 }]);
  assert.deepEqual(r, { fromMs: 0, toMs: 400, tasks: 0, busyMs: 0, longestMs: 0 });
});
