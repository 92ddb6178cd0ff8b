// Figures measured in the real VS Code (code-server, the extension loaded from this repository, production bundle
// when bench/size.mjs ran first): activation time and lazy SDK loading, a 20k-token answer streamed into an editor
// pane, and the extension host's heap growth over 200 chat turns. test/bench-host/ does the measuring inside the
// extension host and writes its figures to a JSON file read here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runInVsCode } from './support/runInVsCode.mjs';
import { busyInLongestGap, round } from './support/stats.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The two longest gaps of the first pane, each with when it ended (ms after the first token). */
function firstGaps(p) {
  const gaps = p.changes.map((c, i) => ({ gap: c.atMs - (i ? p.changes[i - 1].atMs : 0), at: c.atMs }));
  return gaps.sort((a, b) => b.gap - a.gap).slice(0, 2).map(g => `${g.gap} ms (ending ${g.at} ms after the first token)`);
}

export async function run() {
  const resultFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-host-')), 'figures.json');
  const testsPath = path.join(root, 'out/test/bench-host/index');
  const lines = [];
  const { code, longTasks } = await runInVsCode({ testsPath, env: { BENCH_RESULT_FILE: resultFile }, timeoutMs: 600_000, log: line => { lines.push(line); if (process.env.BENCH_DEBUG) console.error(line); } });
  if (code !== 0 || !fs.existsSync(resultFile)) throw new Error(`the bench suite in VS Code failed (exit ${code}): ${lines.slice(-5).join(' | ')}`);
  const f = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  if (process.env.BENCH_DEBUG) console.error(JSON.stringify(f, null, 1));
  fs.rmSync(path.dirname(resultFile), { recursive: true, force: true });
  const { activation: a, pane: p, memory: m } = f;
  const inWindow = busyInLongestGap(p, longTasks), host = busyInLongestGap(p, p.hostStalls);
  const ms = v => `${Math.round(v)} ms`;
  return [
    { figure: 'activation time, activate() start to return', value: round(a.activateMs, 2), unit: 'ms', target: '≤ 20 ms', pass: a.activateMs <= 20,
      detail: 'measured inside the extension in code-server\'s extension host' },
    { figure: 'SDK bundle loaded at activation', value: a.sdkLoadedAtActivation ? 1 : 0, unit: 'bundles', target: '0 (loaded on first request)',
      pass: !a.sdkLoadedAtActivation && a.sdkLoadedAfterRequests,
      detail: `dist/sdks.js ${a.sdkLoadedAtActivation ? 'was' : 'was not'} in require.cache after activation, ${a.sdkLoadedAfterRequests ? 'was' : 'was not'} after the first requests; asserted by test/integration/0-activation.test.ts` },
    { figure: 'editor-pane streaming, document edits', value: p.edits, unit: 'edits', target: '≤ 200', pass: p.edits <= 200,
      detail: `${p.deltas} text deltas (${p.answerChars} chars) over ${Math.round(p.streamMs)} ms became ${p.edits} document changes (${p.batches} batches); longest wait between updates ${Math.round(p.longestGapMs)} ms` },
    { figure: 'editor-pane streaming, longest gap between visible pane updates', value: Math.round(p.longestGapMs), unit: 'ms', target: '≤ 250 ms', pass: p.longestGapMs <= 250,
      detail: `between consecutive document changes the editor saw (the first measured from the first token), over ${Math.round(p.streamMs)} ms of streaming` },
    { figure: 'editor-pane streaming, longest gap in a second pane (editor started)', value: Math.round(p.second.longestGapMs), unit: 'ms', target: 'reported', pass: true,
      detail: `the same answer streamed again right after the first: ${p.second.edits} document changes; the first pane's two slowest gaps ` +
        `${firstGaps(p).join(' and ')} came at its start (the editor's one-time start-up), its steady state is the second pane's` },
    { figure: 'editor-pane streaming, window busy in the first pane\'s longest gap', value: Math.round(inWindow.busyMs), unit: 'ms', target: 'reported', pass: true,
      detail: `the workbench page's own main thread ran ${inWindow.tasks} task(s) over 50 ms (${ms(inWindow.busyMs)} in all, the longest ${ms(inWindow.longestMs)}) ` +
        `inside the gap ${inWindow.fromMs}–${inWindow.toMs} ms after the first token: no edit reaches an editor while they run; in the second pane ` +
        `${ms(busyInLongestGap(p.second, longTasks).busyMs)}` },
    { figure: 'editor-pane streaming, extension host held in the first pane\'s longest gap', value: Math.round(host.busyMs), unit: 'ms', target: 'reported', pass: true,
      detail: `the extension host's event loop (every extension's code, ours included, runs on it) ran over 50 ms late ${host.tasks} time(s) in that gap, ` +
        `${ms(host.busyMs)} in all (the longest ${ms(host.longestMs)}); in the second pane ${ms(busyInLongestGap(p.second, p.second.hostStalls).busyMs)}` },
    { figure: 'editor-pane streaming, last token to complete document', value: round(p.afterLastTokenMs, 1), unit: 'ms', target: '≤ 100 ms', pass: p.afterLastTokenMs <= 100,
      detail: 'from the last text event leaving the service to the document change that holds the whole answer' },
    { figure: 'extension-host heap growth over 200 chat turns', value: round(m.growthMb, 2), unit: 'MB', target: '≤ 10 MB', pass: m.growthMb <= 10,
      detail: `heap after GC ${round(m.beforeMb, 1)} MB before, ${round(m.afterMb, 1)} MB after ${m.turns} turns (${Math.round(m.turnsMs / 1000)} s) through the chat controller` },
  ];
}
