// Measurement helper (a report, not a test): a long conversation in the real chat webview page (src/chat/webview/main.ts
// under the webview's CSP in Debian Chromium, VS Code's webview API stood in for), driven by the host messages the
// extension sends. Three figures (issue 21):
//   restore — a 200-turn conversation with code blocks arrives as one `conversation` message, as after a reload:
//             wall time until it is laid out and painted, main-thread time, longest task;
//   heap    — the page's JS heap after a forced GC with those 200 turns open (and with none, for comparison);
//   stream  — main-thread time of one new streamed reply at the end of that conversation vs the same reply in an
//             empty conversation (the older turns should cost nothing while a reply streams).
// Usage: node test/ui/conversation-bench.mjs [--json]    or import { measureConversationBench } from it.
import os from 'node:os';
import { launchChromium, longReply, openRenderPage, startRenderServer } from '../fixtures/render/renderPage.mjs';

export const TURNS = 200;
/** The new reply: 5,000 tokens at 500 tokens/s (a fast model), sent as the host sends it, a batch every 16 ms. */
const REPLY_TOKENS = 5_000;
const REPLY_TOKENS_PER_SECOND = 500;
const CHARS_PER_TOKEN = 4;
const HOST_BATCH_MS = 16;

/** One earlier turn's reply: a short section with prose, a list and a code block (or a table), a little different each time. */
function turnReply(i) {
  return longReply(250).replace(/Section (\d+)/g, (_, n) => `Section ${n} of turn ${i}`).replace(/request (\d+)/g, (_, n) => `request ${i}.${n}`);
}

export function conversation(turns) {
  const messages = [];
  for (let i = 0; i < turns; i++) {
    messages.push({ id: `u${i}`, role: 'user', text: `Question ${i}: how should request ${i} be retried?` });
    messages.push({ id: `a${i}`, role: 'assistant', text: turnReply(i), via: 'Claude · Converse', usage: { inputTokens: 100 + i, outputTokens: 300 } });
  }
  return { id: 'bench', title: `${turns} turns`, messages };
}

async function busyTime(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map(x => [x.name, x.value]));
  return (m.ScriptDuration + m.RecalcStyleDuration + m.LayoutDuration) * 1000;
}

/** The page's JS heap after a forced GC (MB) and its DOM node count. */
async function heap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { nodes } = await cdp.send('Memory.getDOMCounters');
  return { mb: usedSize / 1024 / 1024, nodes };
}

/** A fresh chat page showing `turns` restored turns; returns the restore figures. */
async function openConversation(browser, url, turns) {
  // the page's one-time renderer warm-up (compilation) is not part of a restore
  const page = await openRenderPage(browser, `${url}chat`, { viewport: { width: 500, height: 900 }, ready: () => document.body.dataset.rendererWarm === 'true' });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const before = await busyTime(cdp);
  const restore = await page.evaluate(async c => {
    const longTasks = [];
    const observer = new window.PerformanceObserver(list => { for (const e of list.getEntries()) longTasks.push(e.duration); });
    observer.observe({ type: 'longtask' });
    const start = performance.now();
    window.postMessage({ type: 'conversation', conversation: c, conversations: [], busy: false }, '*');
    await new Promise(resolve => window.addEventListener('message', () => setTimeout(resolve, 0), { once: true }));
    // laid out and painted: the frame after the one that showed it
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const wallMs = performance.now() - start;
    // older replies may still render in idle time (the transcript is aria-busy meanwhile)
    const transcript = document.getElementById('transcript');
    await new Promise(resolve => {
      const check = () => (transcript.getAttribute('aria-busy') === 'true' ? setTimeout(check, 10) : resolve());
      check();
    });
    const allMs = performance.now() - start;
    observer.disconnect();
    const unrendered = [...document.querySelectorAll('#transcript article.assistant .md-body')].filter(b => !b.textContent).length;
    return { wallMs, allMs, longTasks, unrendered, articles: document.querySelectorAll('#transcript article').length };
  }, conversation(turns));
  const busyMs = (await busyTime(cdp)) - before;
  return { page, cdp, restore: { ...restore, busyMs, longestTaskMs: Math.max(0, ...restore.longTasks) } };
}

/** Streams the new reply into the open page as the host would (user message, then the assistant's deltas and end). */
async function streamReply(page, cdp, text) {
  const before = await busyTime(cdp);
  const run = await page.evaluate(async ({ text, tokensPerSecond, charsPerToken, hostBatchMs }) => {
    const longTasks = [];
    const observer = new window.PerformanceObserver(list => { for (const e of list.getEntries()) longTasks.push(e.duration); });
    observer.observe({ type: 'longtask' });
    const send = m => window.postMessage(m, '*');
    send({ type: 'messageStart', message: { id: 'new-user', role: 'user', text: 'And the 100k case?' } });
    send({ type: 'messageStart', message: { id: 'new', role: 'assistant', text: '', streaming: true } });
    const start = performance.now();
    let sent = 0;
    await new Promise(resolve => {
      const tick = () => {
        const due = Math.min(text.length, Math.floor((performance.now() - start) / 1000 * tokensPerSecond) * charsPerToken);
        if (due > sent) { send({ type: 'delta', id: 'new', text: text.slice(sent, due) }); sent = due; }
        if (sent < text.length) setTimeout(tick, hostBatchMs); else resolve();
      };
      tick();
    });
    send({ type: 'messageEnd', message: { id: 'new', role: 'assistant', text, via: 'Claude · Converse' } });
    await new Promise(resolve => {
      const check = () => (document.body.dataset.lastRendered === 'new' ? resolve() : setTimeout(check, 5));
      check();
    });
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    observer.disconnect();
    return { longTasks: longTasks.map(Math.round) };
  }, { text, tokensPerSecond: REPLY_TOKENS_PER_SECOND, charsPerToken: CHARS_PER_TOKEN, hostBatchMs: HOST_BATCH_MS });
  return { busyMs: (await busyTime(cdp)) - before, longestTaskMs: Math.max(0, ...run.longTasks), longTasks: run.longTasks };
}

/**
 * `runs` times each: a page restoring TURNS turns then streaming the new reply, and an empty page streaming it; the
 * median by value of each figure is reported (each run's two pages are measured back to back, so load hits both).
 */
export async function measureConversationBench({ runs = 3, turns = TURNS } = {}) {
  const server = await startRenderServer({ minify: true });
  const browser = await launchChromium();
  const text = longReply(REPLY_TOKENS);
  try {
    const results = [];
    for (let run = 0; run < runs; run++) {
      const empty = await openConversation(browser, server.url, 0);
      const emptyHeap = await heap(empty.cdp);
      const emptyStream = await streamReply(empty.page, empty.cdp, text);
      await empty.page.close();
      const long = await openConversation(browser, server.url, turns);
      const longHeap = await heap(long.cdp);
      const longStream = await streamReply(long.page, long.cdp, text);
      await long.page.close();
      if (process.env.DEBUG) console.log(JSON.stringify({ e: emptyStream, l: longStream, r: long.restore }));
      results.push({ restore: long.restore, heapMb: longHeap.mb, nodes: longHeap.nodes, emptyHeapMb: emptyHeap.mb, emptyNodes: emptyHeap.nodes, stream: longStream, emptyStream, streamRatio: longStream.busyMs / emptyStream.busyMs });
    }
    const median = pick => results.map(pick).sort((a, b) => a - b)[Math.floor(results.length / 2)];
    return {
      turns, runs, replyTokens: REPLY_TOKENS, replyTokensPerSecond: REPLY_TOKENS_PER_SECOND,
      restoreWallMs: median(r => r.restore.wallMs), restoreAllMs: median(r => r.restore.allMs), unrendered: Math.max(...results.map(r => r.restore.unrendered)), restoreBusyMs: median(r => r.restore.busyMs),
      restoreLongestTaskMs: Math.max(...results.map(r => r.restore.longestTaskMs)), articles: results[0].restore.articles,
      heapMb: median(r => r.heapMb), emptyHeapMb: median(r => r.emptyHeapMb), domNodes: median(r => r.nodes), emptyDomNodes: median(r => r.emptyNodes),
      streamBusyMs: median(r => r.stream.busyMs), emptyStreamBusyMs: median(r => r.emptyStream.busyMs), streamRatio: median(r => r.streamRatio),
      streamLongestTaskMs: Math.max(...results.map(r => r.stream.longestTaskMs)),
      loadAverage: os.loadavg()[0], cpus: os.cpus().length,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await measureConversationBench({ runs: Number(process.env.RUNS ?? 3) });
  console.log(process.argv.includes('--json') ? JSON.stringify(r) : r);
}
