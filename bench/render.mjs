// Chat webview render: the real renderer bundle in Chromium under the webview's CSP, a 20k-token and a 100k-token
// reply (code blocks, tables, lists) streamed as the host sends them, three ways in the same run — ours and two
// baselines with the peers' strategies (whole message re-rendered every 50 ms; whole message re-rendered per chunk),
// all on the same markdown-it + DOMPurify + highlight.js setup — each against one render of the final message
// (test/ui/render-bench.mjs does the measuring). Baselines are reported next to ours, without a target.
import { measureRenderBench } from '../test/ui/render-bench.mjs';
import { round } from './support/stats.mjs';

const NAMES = { ours: 'ours', reparse50: 'baseline: re-parse all every 50 ms', perChunk: 'baseline: re-render all per chunk' };

export async function run() {
  const r = await measureRenderBench({ runs: 3 });
  const ms = v => `${Math.round(v)} ms`;
  const load = `load average ${round(r.loadAverage, 1)} on ${r.cpus} CPUs`;
  const rows = [];
  for (const reply of r.replies) {
    const k = `${reply.tokens / 1000}k`;
    const how = `${reply.tokens} tokens (${reply.chars} chars) at ${reply.tokensPerSecond} tokens/s in ${reply.strategies.ours?.batches ?? '?'} batches paced as the chat host sends them`;
    const o = reply.strategies.ours;
    if (o) {
      rows.push(
        { figure: `chat render ${k}, ours: streamed vs one render`, value: round(o.ratio, 2), unit: '×', target: '≤ 1.3×', pass: o.ratio <= 1.3,
          detail: `${how}, median of ${o.runs}: streamed ${ms(o.busy.total)} (script ${ms(o.busy.script)}, style ${ms(o.busy.style)}, layout ${ms(o.busy.layout)}), one render ${ms(o.once.total)}; the feeder alone (no renderer) ${ms(reply.feeder.total)}; ${load}` },
        { figure: `chat render ${k}, ours: longest task`, value: round(o.longestTaskMs, 0), unit: 'ms', target: '≤ 50 ms', pass: o.longestTaskMs <= 50,
          detail: `${o.longTaskCount} tasks over 50 ms in the median run; longest renderer frame (own script) ${round(o.longestFrameMs, 1)} ms` },
        { figure: `chat render ${k}, ours: visible updates while streaming`, value: round(o.updatesPerSecond, 1), unit: '/s', target: '≥ 5 /s', pass: o.updatesPerSecond >= 5,
          detail: `${o.visibleUpdates} animation frames changed the DOM over ${ms(o.streamMs)} of streaming` },
        { figure: `chat render ${k}, ours: last chunk to final DOM`, value: round(o.lastChunkToFinalMs, 1), unit: 'ms', target: 'reported', pass: true,
          detail: 'finish() renders the real final text at once' },
      );
    }
    for (const name of ['reparse50', 'perChunk']) {
      const b = reply.strategies[name];
      if (!b) continue;
      rows.push({ figure: `chat render ${k}, ${NAMES[name]}`, value: round(b.ratio, 2), unit: '×', target: 'baseline, no target', pass: true,
        detail: `streamed ${ms(b.busy.total)} (script ${ms(b.busy.script)}, style ${ms(b.busy.style)}, layout ${ms(b.busy.layout)}) vs one render ${ms(b.once.total)}; ` +
          `longest task ${ms(b.longestTaskMs)} (${b.longTaskCount} over 50 ms), ${round(b.updatesPerSecond, 1)} visible updates/s, last chunk to final DOM ${ms(b.lastChunkToFinalMs)}` });
    }
  }
  return rows;
}
