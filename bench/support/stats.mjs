// Small statistics for the bench modules.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounds to `digits` decimals (for values shown in rows and details). */
export function round(value, digits = 2) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * How much of a pane's longest gap other work held a thread the pane's edits need: the workbench page's long tasks
 * (while they run no edit reaches the editor) or the extension host's stalls (while they last no extension sends one).
 * Gap bounds and busy intervals are all on the epoch clock.
 */
export function busyInLongestGap(p, busy) {
  const gaps = p.changes.map((c, i) => ({ from: i ? p.changes[i - 1].atMs : 0, to: c.atMs }));
  const longest = gaps.reduce((a, b) => (b.to - b.from > a.to - a.from ? b : a), gaps[0]);
  const from = p.firstTokenEpochMs + longest.from, to = p.firstTokenEpochMs + longest.to;
  const inside = busy.filter(t => t.startEpochMs < to && t.startEpochMs + t.ms > from)
    .map(t => Math.min(to, t.startEpochMs + t.ms) - Math.max(from, t.startEpochMs));
  return { fromMs: longest.from, toMs: longest.to, tasks: inside.length, busyMs: inside.reduce((a, b) => a + b, 0), longestMs: Math.max(0, ...inside) };
}
