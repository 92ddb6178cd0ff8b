// Chat webview render: the real renderer bundle in Chromium under the webview's CSP, a 20k-token reply streamed at
// 2,000 tokens/s versus one render of the final message (test/ui/render-bench.mjs does the measuring).
import { measureRenderBench } from '../test/ui/render-bench.mjs';
import { round } from './support/stats.mjs';

export async function run() {
  const r = await measureRenderBench({ runs: 5 });
  const ms = v => `${Math.round(v)} ms`;
  return [
    { figure: 'chat webview render, streamed vs one render', value: round(r.ratio, 2), unit: '×', target: '≤ 1.5×', pass: r.ratio <= 1.5,
      detail: `${r.tokens} tokens at ${r.tokensPerSecond} tokens/s, median of ${r.runs}: streamed ${ms(r.streamed.total)} (script ${ms(r.streamed.script)}, style ${ms(r.streamed.style)}, layout ${ms(r.streamed.layout)}) in ${r.frames} frames, one render ${ms(r.once.total)}; the feeder alone (a batch every ${r.hostBatchMs} ms, as the host sends them; no renderer) ${ms(r.feeder.total)}, so the renderer's own share is ${round((r.streamed.total - r.feeder.total) / r.once.total, 2)}×; load average ${round(r.loadAverage, 1)} on ${r.cpus} CPUs` },
    { figure: 'chat webview render, longest task while streaming', value: round(r.longestTaskMs, 0), unit: 'ms', target: '≤ 50 ms', pass: r.longestTaskMs <= 50,
      detail: `${r.longTasks} tasks over 50 ms in the median run; longest renderer frame (own script) ${round(r.longestFrameMs, 1)} ms` },
  ];
}
