// A long conversation in the real chat webview page (issue 21): 200 turns with code blocks restored after a reload,
// the page's heap with them open, and one new streamed reply at the end of them vs in an empty conversation
// (test/ui/conversation-bench.mjs does the measuring).
import { measureConversationBench } from '../test/ui/conversation-bench.mjs';
import { round } from './support/stats.mjs';

export async function run() {
  const r = await measureConversationBench({ runs: 3 });
  const load = `load average ${round(r.loadAverage, 1)} on ${r.cpus} CPUs`;
  return [
    { figure: `chat conversation: restore ${r.turns} turns after a reload`, value: Math.round(r.restoreWallMs), unit: 'ms', target: 'reported', pass: true,
      detail: `${r.articles} messages (replies with code blocks, tables, lists) from one host message to the newest turns laid out and painted, median of ${r.runs}; ` +
        `every turn rendered after ${Math.round(r.restoreAllMs)} ms (older replies render newest first in idle slices); main-thread time ${Math.round(r.restoreBusyMs)} ms, ` +
        `longest task ${Math.round(r.restoreLongestTaskMs)} ms${r.unrendered ? `; ${r.unrendered} replies left unrendered` : ''}; ${load}` },
    { figure: `chat conversation: webview heap with ${r.turns} turns open`, value: round(r.heapMb, 1), unit: 'MB', target: 'reported', pass: true,
      detail: `JS heap after GC (empty conversation ${round(r.emptyHeapMb, 1)} MB); DOM nodes ${r.domNodes} (empty ${r.emptyDomNodes})` },
    { figure: `chat conversation: a new reply after ${r.turns} turns vs in an empty one`, value: round(r.streamRatio, 2), unit: '×', target: '≤ 1.1×', pass: r.streamRatio <= 1.1,
      detail: `${r.replyTokens} tokens at ${r.replyTokensPerSecond} tokens/s, a batch every 16 ms, main-thread time median of ${r.runs}: ` +
        `${Math.round(r.streamBusyMs)} ms after ${r.turns} turns, ${Math.round(r.emptyStreamBusyMs)} ms in an empty conversation; longest task ${Math.round(r.streamLongestTaskMs)} ms; ${load}` },
  ];
}
