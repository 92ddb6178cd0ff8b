import { diffLines, splitKeepingEnds } from './edits';

/** A `diff -u` style patch of one file, with `context` lines around each change; '' when equal. */
export function unifiedDiff(before: string, after: string, path: string, context = 3): string {
  if (before === after) return '';
  const a = splitKeepingEnds(before);
  const b = splitKeepingEnds(after);
  const hunks = diffLines(a, b);
  const out: string[] = [`--- a/${path}\n`, `+++ b/${path}\n`];
  const line = (prefix: string, text: string) => out.push(prefix + text + (text.endsWith('\n') ? '' : '\n\\ No newline at end of file\n'));
  let i = 0;
  while (i < hunks.length) {
    // Merge hunks whose context windows touch.
    let j = i;
    while (j + 1 < hunks.length && hunks[j + 1].aStart - hunks[j].aEnd <= context * 2) j++;
    const aFrom = Math.max(0, hunks[i].aStart - context);
    const aTo = Math.min(a.length, hunks[j].aEnd + context);
    const bFrom = hunks[i].bStart - (hunks[i].aStart - aFrom);
    const bTo = hunks[j].bEnd + (aTo - hunks[j].aEnd);
    const range = (from: number, to: number) => `${to - from === 0 ? from : from + 1},${to - from}`;
    out.push(`@@ -${range(aFrom, aTo)} +${range(bFrom, bTo)} @@\n`);
    let pos = aFrom;
    for (let k = i; k <= j; k++) {
      const h = hunks[k];
      for (; pos < h.aStart; pos++) line(' ', a[pos]);
      for (let x = h.aStart; x < h.aEnd; x++) line('-', a[x]);
      for (let y = h.bStart; y < h.bEnd; y++) line('+', b[y]);
      pos = h.aEnd;
    }
    for (; pos < aTo; pos++) line(' ', a[pos]);
    i = j + 1;
  }
  return out.join('');
}
