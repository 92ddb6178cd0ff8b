// Measurement helper (a report, not a test): the chat webview's renderer in Debian Chromium, long replies streamed as
// the chat host sends them (its DeltaPacer: a batch every frame, every 100 ms while the reply outruns reading) versus
// one render of the final message, three ways in the same page setup and run, so only the strategy differs:
//   ours      — the incremental StreamingMarkdownRenderer (finished blocks kept, only the open tail redrawn per frame);
//   reparse50 — the whole message re-parsed and re-rendered every 50 ms while text arrives (Continue, VS Code's chat);
//   perChunk  — the whole message re-rendered on every batch received (Cline).
// Both baselines render with renderMarkdownOnce: the same markdown-it, DOMPurify and highlight.js setup as ours.
// Per strategy: main-thread time (Chrome's Performance metrics: script + style + layout) over one final render, the
// longest task (PerformanceObserver 'longtask'), visible updates per second while text streams (animation frames in
// which the DOM changed), and the time from the last chunk to the final DOM.
// Tried and measured (issue 21): `content-visibility: auto` + `contain-intrinsic-size: auto 3em` on finished blocks made
// one render ~2× cheaper (off-screen blocks skipped) and the stream no cheaper (style + layout grew), so the ratio went
// from 2.4× to 4.6× (20k) and 2.3× to 6.6× (100k); it is not in render.css.
// Usage: node test/ui/render-bench.mjs [--json]    or import { measureRenderBench } from it.
import os from 'node:os';
import { launchChromium, longReply, openRenderPage, startRenderServer } from '../fixtures/render/renderPage.mjs';

/** The replies measured: 20k tokens at the old bench's rate, 100k tokens faster so a run stays within minutes. */
export const REPLIES = [
  { tokens: 20_000, tokensPerSecond: 2_000 },
  { tokens: 100_000, tokensPerSecond: 4_000 },
];
export const STRATEGIES = ['ours', 'reparse50', 'perChunk'];
const CHARS_PER_TOKEN = 4;

/** Busy main-thread time (ms) from Chrome's Performance domain: script + style recalculation + layout. */
async function busyTime(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map(x => [x.name, x.value]));
  return { script: m.ScriptDuration * 1000, style: m.RecalcStyleDuration * 1000, layout: m.LayoutDuration * 1000, task: m.TaskDuration * 1000 };
}

function delta(after, before) {
  const d = Object.fromEntries(Object.keys(after).map(k => [k, after[k] - before[k]]));
  d.total = d.script + d.style + d.layout;
  return d;
}

async function measuredPage(browser, url) {
  const page = await openRenderPage(browser, url);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { page, cdp };
}

/** Streams `text` into a fresh page with one strategy; returns the busy time and what the page observed. */
async function measureStream(browser, url, strategy, text, tokensPerSecond) {
  const { page, cdp } = await measuredPage(browser, url);
  const before = await busyTime(cdp);
  const run = await page.evaluate(async ({ strategy, text, tokensPerSecond, charsPerToken }) => {
    const longTasks = [];
    const observer = new window.PerformanceObserver(list => { for (const e of list.getEntries()) longTasks.push(e.duration); });
    observer.observe({ type: 'longtask' });
    // Every strategy draws into the same message element (same classes, same CSS) and is followed as the chat view does.
    const renderer = new window.render.StreamingMarkdownRenderer(document.getElementById('app'));
    new window.FollowEnd(document.scrollingElement).watch(renderer.element);
    const container = renderer.body.container;
    let received = '';
    let finalDomAt = 0;
    const renderWhole = () => { container.replaceChildren(window.render.renderMarkdownOnce(received)); };
    let timer;
    let dirty = false;
    const strategies = {
      ours: { append: d => renderer.append(d), end: () => { renderer.finish(); finalDomAt = performance.now(); } },
      perChunk: { append: d => { received += d; renderWhole(); }, end: () => { finalDomAt = performance.now(); } },
      reparse50: {
        append: d => {
          received += d;
          dirty = true;
          timer ??= setInterval(() => { if (dirty) { dirty = false; renderWhole(); } }, 50);
        },
        // The final text is drawn by the next timer tick, as the peers' 50 ms buffers do.
        end: () => new Promise(resolve => {
          const wait = setInterval(() => { if (!dirty) { clearInterval(wait); clearInterval(timer); finalDomAt = performance.now(); resolve(); } }, 5);
        }),
      },
    };
    const s = strategies[strategy];
    // Visible updates: animation frames in which the strategy had changed the DOM. A change asks for one frame to count
    // it; polling every frame instead would itself make the browser run its frame pipeline 60 times a second.
    let visible = 0, counting = false;
    const changes = new window.MutationObserver(() => {
      if (counting) return;
      counting = true;
      requestAnimationFrame(() => { counting = false; visible++; });
    });
    changes.observe(container, { childList: true, subtree: true, characterData: true });
    const start = performance.now();
    // batches paced as the chat host paces a reply (src/webviewKit/host/streamTiming.ts)
    const batches = await window.feedAsChatHost(text, tokensPerSecond, charsPerToken, d => s.append(d));
    const lastChunkAt = performance.now();
    const visibleWhileStreaming = visible;
    await s.end();
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    changes.disconnect();
    observer.disconnect();
    const streamSeconds = (lastChunkAt - start) / 1000;
    return { streamMs: lastChunkAt - start, longTasks, batches, updatesPerSecond: visibleWhileStreaming / streamSeconds, visibleUpdates: visibleWhileStreaming,
      lastChunkToFinalMs: finalDomAt - lastChunkAt, html: container.innerHTML, longestFrameMs: renderer.body.longestFrameMs };
  }, { strategy, text, tokensPerSecond, charsPerToken: CHARS_PER_TOKEN });
  const busy = delta(await busyTime(cdp), before);
  await page.close();
  return { ...run, busy, longestTaskMs: Math.max(0, ...run.longTasks), longTaskCount: run.longTasks.length };
}

/** One render of the final message in a page task (as a host message would run), then the frame that lays it out. */
async function measureOnce(browser, url, text) {
  const { page, cdp } = await measuredPage(browser, url);
  const before = await busyTime(cdp);
  const html = await page.evaluate(async text => {
    // Work done directly in the evaluate call is not counted in Chrome's ScriptDuration: run it in a page task.
    const renderer = new window.render.StreamingMarkdownRenderer(document.getElementById('app'));
    new window.FollowEnd(document.scrollingElement).watch(renderer.element);
    await new Promise(resolve => setTimeout(() => {
      renderer.reset(text);
      renderer.finish();
      requestAnimationFrame(() => requestAnimationFrame(resolve));
    }, 0));
    return renderer.body.container.innerHTML;
  }, text);
  const once = delta(await busyTime(cdp), before);
  await page.close();
  return { once, html };
}

/** The page receiving the batches alone (same ticks, no renderer): the floor under every streamed figure. */
async function measureFeeder(browser, url, text, tokensPerSecond) {
  const { page, cdp } = await measuredPage(browser, url);
  const before = await busyTime(cdp);
  await page.evaluate(async ({ text, tokensPerSecond, charsPerToken }) => {
    await window.feedAsChatHost(text, tokensPerSecond, charsPerToken, () => {});
  }, { text, tokensPerSecond, charsPerToken: CHARS_PER_TOKEN });
  const feeder = delta(await busyTime(cdp), before);
  await page.close();
  return feeder;
}

/**
 * Per reply: `ours` streamed `runs` times (the median run by ratio is reported, the longest task over all runs), each
 * baseline once, each with its own one-shot render measured just before it so a load spike hits both sides alike.
 */
export async function measureRenderBench({ runs = 3, replies = REPLIES, strategies = STRATEGIES } = {}) {
  const server = await startRenderServer({ minify: true });
  const browser = await launchChromium();
  try {
    const out = [];
    for (const { tokens, tokensPerSecond } of replies) {
      const text = longReply(tokens);
      const byStrategy = {};
      for (const strategy of strategies) {
        const results = [];
        for (let run = 0; run < (strategy === 'ours' ? runs : 1); run++) {
          const { once, html } = await measureOnce(browser, server.url, text);
          const streamed = await measureStream(browser, server.url, strategy, text, tokensPerSecond);
          if (streamed.html !== html) throw new Error(`${strategy}: the streamed and one-shot renders of the ${tokens}-token reply differ`);
          delete streamed.html;
          results.push({ ...streamed, once, ratio: streamed.busy.total / once.total });
        }
        results.sort((a, b) => a.ratio - b.ratio);
        const median = results[Math.floor(results.length / 2)];
        byStrategy[strategy] = { ...median, runs: results.length, longestTaskMs: Math.max(...results.map(r => r.longestTaskMs)) };
      }
      const feeder = await measureFeeder(browser, server.url, text, tokensPerSecond);
      out.push({ tokens, tokensPerSecond, chars: text.length, strategies: byStrategy, feeder });
    }
    return { replies: out, loadAverage: os.loadavg()[0], cpus: os.cpus().length };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await measureRenderBench();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(r));
  } else {
    const ms = v => `${v.toFixed(0)} ms`;
    for (const reply of r.replies) {
      console.log(`${reply.tokens} tokens (${reply.chars} chars) at ${reply.tokensPerSecond} tokens/s; feeder alone ${ms(reply.feeder.total)}`);
      for (const [name, s] of Object.entries(reply.strategies)) {
        console.log(`  ${name.padEnd(9)} ${s.ratio.toFixed(2)}x one render (${ms(s.busy.total)}: script ${ms(s.busy.script)}, style ${ms(s.busy.style)}, layout ${ms(s.busy.layout)}; once ${ms(s.once.total)}), ` +
          `longest task ${ms(s.longestTaskMs)} (${s.longTaskCount} > 50 ms), ${s.updatesPerSecond.toFixed(1)} updates/s, last chunk to final DOM ${ms(s.lastChunkToFinalMs)}`);
      }
    }
    console.log(`load average ${r.loadAverage.toFixed(1)} on ${r.cpus} CPUs`);
  }
}
