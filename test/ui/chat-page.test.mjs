// The real chat webview page (src/chat/webview/main.ts) in Debian Chromium under the webview's CSP, driven by the host
// messages the extension sends (VS Code's webview API stood in for): how it draws a long conversation. Synchronisation
// is on the page's own signals (aria-busy while older replies render), never on sleeps.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openRenderPage, useRenderPage } from '../fixtures/render/renderPage.mjs';
import { conversation } from './conversation-bench.mjs';

const env = useRenderPage(before, after);

async function chatPage() {
  return openRenderPage(env.browser, `${env.server.url}chat`, { ready: () => document.body.dataset.rendererWarm === 'true' });
}

test('a 200-turn conversation shows its newest replies at once, the older ones soon after, and a redraw keeps what did not change', async () => {
  const page = await chatPage();
  const r = await page.evaluate(async c => {
    const transcript = document.getElementById('transcript');
    const post = m => new Promise(resolve => {
      window.addEventListener('message', () => setTimeout(resolve, 0), { once: true });
      window.postMessage(m, '*');
    });
    const allRendered = () => new Promise(resolve => {
      const check = () => (transcript.getAttribute('aria-busy') === 'true' ? requestAnimationFrame(check) : resolve());
      check();
    });
    const bodies = () => [...transcript.querySelectorAll('article.assistant .md-body')];
    await post({ type: 'conversation', conversation: c, conversations: [], busy: false });
    const right = { busy: transcript.getAttribute('aria-busy'), newestShown: bodies().at(-1).textContent.length > 0, oldestShown: bodies()[0].textContent.length > 0 };
    await allRendered();
    const empty = bodies().filter(b => !b.textContent).length;
    const articles = [...transcript.children];
    // the same conversation again (a rename redraws it): nothing is rebuilt
    await post({ type: 'conversation', conversation: { ...c, title: 'renamed' }, conversations: [], busy: false });
    const keptAll = [...transcript.children].every((a, i) => a === articles[i]) && transcript.children.length === articles.length;
    // a retry of the last reply: the host drops it and sends the rest; everything before it stays as it was
    await post({ type: 'conversation', conversation: { ...c, messages: c.messages.slice(0, -1) }, conversations: [], busy: false });
    const keptPrefix = [...transcript.children].every((a, i) => a === articles[i]) && transcript.children.length === articles.length - 1;
    return { right, empty, keptAll, keptPrefix, count: articles.length };
  }, conversation(200));
  assert.equal(r.count, 400);
  assert.equal(r.right.newestShown, true, 'the newest reply is rendered with the conversation');
  assert.equal(r.right.oldestShown, false, 'the oldest replies wait for idle time');
  assert.equal(r.right.busy, 'true', 'the transcript is marked busy while older replies render');
  assert.equal(r.empty, 0, 'every reply is rendered in the end');
  assert.equal(r.keptAll, true, 'an unchanged conversation keeps every message element');
  assert.equal(r.keptPrefix, true, 'a retry keeps the messages before the retried reply');
  await page.close();
});
