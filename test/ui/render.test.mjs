// The chat webview's streaming markdown renderer in Debian Chromium, in a page under the webview's CSP.
// Synchronisation is on the renderer's own signals (nextFrame / whenIdle), never on sleeps.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { longReply, openRenderPage, readCorpus, useRenderPage } from '../fixtures/render/renderPage.mjs';
import { xssPayloads } from '../fixtures/render/xss-payloads.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const env = useRenderPage(before, after);

/** Deterministic pseudo-random numbers (mulberry32): a failure names its seed and can be replayed. */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random chunks of 1..maxSize characters, and after which chunks the test waits for a frame to be applied. */
function streamPlan(text, seed, maxSize, waitEvery) {
  const random = seededRandom(seed);
  const chunks = [], waits = [];
  for (let i = 0; i < text.length;) {
    const size = 1 + Math.floor(random() * maxSize);
    chunks.push(text.slice(i, i + size));
    waits.push(random() < 1 / waitEvery);
    i += size;
  }
  return { text, chunks, waits };
}

/**
 * Streams each plan into its own fresh renderer, all at once (they share animation frames, which keeps the test fast),
 * and renders each text whole; returns both bodies' HTML per plan.
 */
function streamAndCompare(page, plans) {
  return page.evaluate(plans => Promise.all(plans.map(async ({ text, chunks, waits }) => {
    const host = document.createElement('div');
    document.getElementById('app').append(host);
    const renderer = new window.render.StreamingMarkdownRenderer(host);
    for (let i = 0; i < chunks.length; i++) {
      renderer.append(chunks[i]);
      if (waits[i]) await renderer.body.nextFrame();
    }
    renderer.finish();
    const whole = document.createElement('div');
    whole.append(window.render.renderMarkdownOnce(text));
    const result = { streamed: renderer.body.container.innerHTML, whole: whole.innerHTML };
    renderer.dispose();
    host.remove();
    return result;
  })), plans);
}

test('streamed in random chunks, every corpus document renders to the same DOM as the whole text at once', async () => {
  const corpus = readCorpus();
  assert.ok(corpus.length >= 20);
  const page = await openRenderPage(env.browser, env.server.url);
  const runs = corpus.flatMap(({ name, text }) => [1, 2, 3, 4, 5, 6, 7, 8].map(seed => ({ name, seed, plan: streamPlan(text, seed, 1 + seed * 3, 2) })));
  const results = await streamAndCompare(page, runs.map(r => r.plan));
  runs.forEach(({ name, seed }, i) => assert.equal(results[i].streamed, results[i].whole, `${name}, seed ${seed}`));
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  await page.close();
});

test('while streaming, the shown DOM (open tail updated in place) equals a fresh render of the text so far', async () => {
  const page = await openRenderPage(env.browser, env.server.url);
  const plans = readCorpus().map(({ text }, i) => streamPlan(text, 100 + i, 15, 1));
  const mismatches = await page.evaluate(plans => Promise.all(plans.map(async ({ chunks }) => {
    const host = document.createElement('div');
    document.getElementById('app').append(host);
    const renderer = new window.render.StreamingMarkdownRenderer(host);
    const fresh = new window.render.MarkdownStream(document.createElement('div'));
    // Highlighting of a still-open code block is throttled, so colours may lag: compare without highlight spans.
    // Attribute order is not significant (updating in place may reorder them): serialise with sorted attributes.
    const attrs = el => [...el.attributes].map(a => `${a.name}=${a.value}`).sort();
    const canonical = node => node.nodeType !== 1 ? node.nodeValue
      : `<${node.tagName} ${attrs(node).join(' ')}>${[...node.childNodes].map(canonical).join('')}</${node.tagName}>`;
    const shown = el => [...el.childNodes].map(canonical).join('').replace(/<SPAN [^>]*>|<\/SPAN>/g, '').replace(/ hljs\b|\bhljs /g, '');
    const found = [];
    for (const chunk of chunks) {
      renderer.append(chunk);
      await renderer.body.whenIdle();
      fresh.reset(renderer.body.text);
      const [a, b] = [shown(renderer.body.container), shown(fresh.container)];
      if (a !== b) {
        let at = 0;
        while (a[at] === b[at]) at++;
        found.push({ text: renderer.body.text, shown: a.slice(at - 80, at + 80), fresh: b.slice(at - 80, at + 80) });
      }
    }
    renderer.dispose();
    host.remove();
    return found.slice(0, 1);
  })), plans);
  assert.deepEqual(mismatches.flat(), []);
  await page.close();
});

test('random documents (fuzz, fixed seeds) streamed through the DOM renderer match their whole render', async () => {
  const lines = ['para text', 'more *em* text', '', '', '- item', '  - nested', '1. one', '> quote', '```js', 'const a = 1;', '```',
    '~~~', '    indented', '# heading', 'Title', '===', '---', '| a | b |', '|---|---|', '| 1 | 2 |', '[ref]: https://example.com',
    'see [ref] and [x](https://x.example)', '+ plus', '<b>raw</b>'];
  const page = await openRenderPage(env.browser, env.server.url);
  const plans = [];
  for (let seed = 1; seed <= 150; seed++) {
    const random = seededRandom(seed * 7919);
    const doc = Array.from({ length: 3 + Math.floor(random() * 14) }, () => lines[Math.floor(random() * lines.length)]).join('\n');
    plans.push(streamPlan(doc, seed, 6, 2));
  }
  const results = await streamAndCompare(page, plans);
  plans.forEach((plan, i) => assert.equal(results[i].streamed, results[i].whole, `seed ${i + 1}: ${JSON.stringify(plan.text)}`));
  await page.close();
});

test('a 20k-token reply streamed in 2,000+ chunks parses O(n) text and never rebuilds finished blocks', async () => {
  const page = await openRenderPage(env.browser, env.server.url);
  const reply = longReply(20000);
  const plan = streamPlan(reply, 7, 70, 4);
  assert.ok(plan.chunks.length >= 2000, `${plan.chunks.length} chunks`);
  const r = await page.evaluate(async ({ text, chunks, waits }) => {
    const app = document.getElementById('app');
    const renderer = new window.render.StreamingMarkdownRenderer(app);
    const work = window.render.markdownWork;
    work.charsParsed = 0;
    let midway, openFenceFrames = 0;
    for (let i = 0; i < chunks.length; i++) {
      renderer.append(chunks[i]);
      if (waits[i]) {
        await renderer.body.nextFrame();
        // the open tail sits at the end of the last group of blocks
        if (renderer.body.container.querySelector(':scope > .md-blocks:last-child > .md-code-block:last-child')) openFenceFrames++;
      }
      if (i === Math.floor(chunks.length / 2)) midway = renderer.body.closedBlockNodes.map(nodes => [...nodes]);
    }
    renderer.finish();
    const end = renderer.body.closedBlockNodes;
    const sameNodes = midway.every((nodes, k) => nodes.length === end[k].length && nodes.every((n, j) => n === end[k][j] && n.isConnected));
    const whole = document.createElement('div');
    whole.append(window.render.renderMarkdownOnce(text));
    return { charsParsed: work.charsParsed, frames: renderer.body.frames, closedAtMidway: midway.length, closedAtEnd: end.length,
      sameNodes, equal: renderer.body.container.innerHTML === whole.innerHTML, openFenceFrames,
      bodyChildren: renderer.body.container.children.length, groupSizes: [...renderer.body.container.children].map(g => g.children.length) };
  }, plan);
  const ratio = r.charsParsed / reply.length;
  console.log(`  ${reply.length} chars, ${plan.chunks.length} chunks, ${r.frames} frames: markdown-it parsed ${r.charsParsed} chars (${ratio.toFixed(2)}× the reply), ` +
    `${r.closedAtEnd} blocks closed`);
  assert.ok(ratio <= 3, `markdown-it parsed ${ratio.toFixed(2)}× the reply length (must be ≤ 3×)`);
  assert.ok(r.closedAtMidway > 50, 'blocks were closed while streaming');
  assert.equal(r.sameNodes, true, 'blocks closed by mid-stream keep the very same DOM nodes to the end');
  assert.ok(r.openFenceFrames > 0, 'open code blocks were shown while streaming');
  assert.equal(r.equal, true, 'streamed DOM equals the whole render');
  // Style and layout walk the body's children on every frame: finished blocks are grouped so there are few of them.
  assert.ok(r.bodyChildren <= Math.ceil(r.closedAtEnd / 32) + 1, `${r.bodyChildren} children directly in the message body`);
  assert.ok(r.groupSizes.every(n => n <= 32), `group sizes ${r.groupSizes.join(' ')}`);
  await page.close();
});

test('the 100k-token bench reply (code blocks, tables, lists) streamed in random chunks equals its one-shot render', async () => {
  const page = await openRenderPage(env.browser, env.server.url);
  const reply = longReply(100000);
  const plan = streamPlan(reply, 11, 400, 20);
  const [r] = await streamAndCompare(page, [plan]);
  assert.ok(r.whole.includes('<table') && r.whole.includes('<ol') && r.whole.includes('md-code-block'), 'the reply has tables, lists and code blocks');
  assert.equal(r.streamed.length, r.whole.length, 'same HTML length');
  assert.ok(r.streamed === r.whole, 'streamed DOM equals the one-shot render');
  await page.close();
});

test('a finished reply ends at its last block (no trailing margin), streamed or at once, and only that block is marked', async () => {
  const page = await openRenderPage(env.browser, env.server.url);
  const r = await page.evaluate(async () => {
    const texts = ['Para one.\n\nPara two.', '- a\n- b', '```python\nx = 1\n```', '| a |\n|---|\n| 1 |'];
    const out = [];
    for (const text of texts) {
      for (const how of ['stream', 'once']) {
        const host = document.createElement('div');
        document.getElementById('app').append(host);
        const renderer = new window.render.StreamingMarkdownRenderer(host);
        if (how === 'stream') {
          for (const ch of text) renderer.append(ch);
          await renderer.whenIdle();
          renderer.finish();
        } else {
          renderer.reset(text);
          renderer.finish();
        }
        const body = renderer.body.container;
        const marked = body.querySelectorAll('.md-last');
        const last = marked[0];
        out.push({ text, how, marked: marked.length, lastIsLast: last === body.lastElementChild?.lastElementChild,
          margin: last ? getComputedStyle(last).marginBottom : '', gap: last ? body.getBoundingClientRect().bottom - last.getBoundingClientRect().bottom : -1 });
        host.remove();
      }
    }
    return out;
  });
  for (const x of r) {
    assert.equal(x.marked, 1, `${x.how} ${JSON.stringify(x.text)}: one block marked`);
    assert.ok(x.lastIsLast, `${x.how} ${JSON.stringify(x.text)}: the marked block is the last`);
    assert.equal(x.margin, '0px', `${x.how} ${JSON.stringify(x.text)}: no bottom margin`);
    assert.ok(Math.abs(x.gap) < 0.5, `${x.how} ${JSON.stringify(x.text)}: the body ends at its last block (${x.gap}px)`);
  }
  await page.close();
});

test('a reference defined after its use re-renders only the blocks that use it, matching the whole render', async () => {
  const page = await openRenderPage(env.browser, env.server.url);
  const text = 'Intro without links.\n\nSee [the docs][docs].\n\nMiddle.\n\n[docs]: https://example.com/docs\n\nEnd.\n';
  const r = await page.evaluate(async text => {
    const app = document.getElementById('app');
    const renderer = new window.render.StreamingMarkdownRenderer(app);
    const cut = text.indexOf('[docs]:');
    for (const ch of text.slice(0, cut)) { renderer.append(ch); await renderer.body.nextFrame(); }
    await renderer.body.whenIdle();
    const before = renderer.body.closedBlockNodes.map(n => n[0]);
    for (const ch of text.slice(cut)) { renderer.append(ch); await renderer.body.nextFrame(); }
    renderer.finish();
    const afterNodes = renderer.body.closedBlockNodes.map(n => n[0]);
    const whole = document.createElement('div');
    whole.append(window.render.renderMarkdownOnce(text));
    return { equal: renderer.body.container.innerHTML === whole.innerHTML, kept: before.map((n, i) => n === afterNodes[i]),
      link: renderer.body.container.querySelector('[data-href]')?.getAttribute('data-href') };
  }, text);
  assert.equal(r.link, 'https://example.com/docs');
  assert.equal(r.equal, true);
  assert.deepEqual(r.kept, [true, false], 'of the blocks closed before the definition, only the one using [docs] was rebuilt');
  await page.close();
});

test('an open code block is shown and highlighted while streaming, and its text is never re-parsed', async () => {
  const page = await openRenderPage(env.browser, env.server.url);
  const r = await page.evaluate(async () => {
    const app = document.getElementById('app');
    const renderer = new window.render.StreamingMarkdownRenderer(app);
    const work = window.render.markdownWork;
    renderer.append('Code:\n\n```python\n');
    await renderer.body.whenIdle();
    const before = work.charsParsed;
    const code = 'def f(x):\n    return x * 2  # double\n'.repeat(60);
    for (let i = 0; i < code.length; i += 17) {
      renderer.append(code.slice(i, i + 17));
      await renderer.body.nextFrame();
    }
    const parsedWhileOpen = work.charsParsed - before;
    // The throttled highlight runs on a later frame; wait for frames until it has (bounded).
    const el = () => renderer.body.container.querySelector('.md-code-block code');
    for (let i = 0; i < 120 && !el().querySelector('.hljs-keyword'); i++) await new Promise(resolve => window.requestAnimationFrame(resolve));
    const highlightedWhileOpen = !!el().querySelector('.hljs-keyword');
    const shown = el().textContent;
    renderer.append('```\n');
    renderer.finish();
    return { parsedWhileOpen, highlightedWhileOpen, shownLength: shown.length, codeLength: code.length,
      finalText: renderer.body.container.querySelector('.md-code-block code').textContent.length };
  });
  assert.equal(r.parsedWhileOpen, 0, 'no markdown-it work while the fence is open');
  assert.equal(r.highlightedWhileOpen, true);
  assert.equal(r.shownLength, r.codeLength);
  assert.equal(r.finalText, r.codeLength);
  await page.close();
});

test('unfinished syntax on the streaming line is closed for display; the final render uses the real text', async () => {
  const page = await openRenderPage(env.browser, env.server.url);
  const r = await page.evaluate(async () => {
    const renderer = new window.render.StreamingMarkdownRenderer(document.getElementById('app'));
    const body = renderer.body.container;
    const shown = async delta => { renderer.append(delta); await renderer.body.whenIdle(); return body.innerHTML; };
    const steps = [
      await shown('Intro.\n\nRead [the docs](https://docs.exa'),
      await shown('mple.com) and run `npm te'),
      await shown('st` then **stop'),
      await shown(' here**.\n-'),
    ];
    renderer.append('--\n\nEnd with **unclosed');
    renderer.finish();
    const whole = document.createElement('div');
    whole.append(window.render.renderMarkdownOnce(renderer.body.text));
    return { steps, final: body.innerHTML, whole: whole.innerHTML };
  });
  assert.match(r.steps[0], /<p[^>]*>Read the docs<\/p>/, 'a half link shows as its text, without brackets');
  assert.match(r.steps[1], /<a [^>]*data-href="https:\/\/docs.example.com\/"[^>]*>the docs<\/a> and run <code>npm te<\/code>/);
  assert.match(r.steps[2], /<strong>stop<\/strong>/, 'an unclosed ** shows as bold while streaming');
  assert.doesNotMatch(r.steps[3], /<h2/, 'a lone "-" under a paragraph does not flash a setext heading');
  assert.equal(r.final, r.whole, 'after finish() the real text is rendered');
  assert.match(r.final, /<p class="md-last">End with \*\*unclosed<\/p>/);
  await page.close();
});

test('code block toolbar buttons and links call back with the code and the validated URL, by mouse and keyboard', async () => {
  const page = await openRenderPage(env.browser, env.server.url);
  await page.evaluate(() => {
    window.calls = [];
    const renderer = new window.render.StreamingMarkdownRenderer(document.getElementById('app'), {
      onCodeAction: (action, code, language) => window.calls.push(['code', action, code, language]),
      onOpenLink: url => window.calls.push(['link', url]),
    });
    renderer.reset('Read [the guide](https://example.com/guide).\n\n```ts\nconst a = 1;\n```\n');
    renderer.finish();
  });
  const buttons = page.locator('.md-code-action');
  assert.deepEqual(await buttons.evaluateAll(bs => bs.map(b => [b.dataset.codeAction, b.getAttribute('aria-label'), b.firstElementChild.className])), [
    ['copy', 'Copy code', 'codicon codicon-copy'], ['insert', 'Insert code at cursor', 'codicon codicon-insert'],
    ['replace', 'Replace selection with code', 'codicon codicon-replace'], ['newFile', 'Open code in new editor', 'codicon codicon-new-file'],
    ['diff', 'Apply code as diff', 'codicon codicon-diff']]);
  await buttons.first().click();
  await page.locator('.md-link').click();
  // Keyboard: Tab from the link reaches the first toolbar button; Enter/Space activate; Enter opens a link.
  await page.locator('.md-link').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.codeAction), 'copy');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.codeAction), 'newFile', 'arrow keys move along the toolbar');
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.codeAction), 'diff');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.codeAction), 'copy', 'and wrap around');
  assert.deepEqual(await page.evaluate(() => window.calls), [
    ['code', 'copy', 'const a = 1;\n', 'ts'], ['link', 'https://example.com/guide'], ['link', 'https://example.com/guide'],
    ['code', 'insert', 'const a = 1;\n', 'ts'], ['code', 'replace', 'const a = 1;\n', 'ts']]);
  assert.equal(page.url(), `${env.server.url}?theme=dark`, 'no navigation');
  await page.close();
});

test('reasoning streams into its own collapsed region and tool calls show as cards, without touching the answer', async () => {
  const page = await openRenderPage(env.browser, env.server.url);
  const r = await page.evaluate(async () => {
    const renderer = new window.render.StreamingMarkdownRenderer(document.getElementById('app'));
    renderer.appendReasoning('The user wants **a list**.\n\n');
    await renderer.whenIdle();
    renderer.append('Answer paragraph one.\n\nSecond paragraph.\n\n');
    await renderer.whenIdle();
    const first = renderer.body.closedBlockNodes[0][0];
    renderer.showToolCall({ id: 't1', name: 'get_weather', argumentsDelta: '{"city":' });
    renderer.showToolCall({ id: 't1', argumentsDelta: '"Paris"}' });
    renderer.finish();
    const details = renderer.element.querySelector('details.md-reasoning');
    return { open: details.open, reasoning: details.querySelector('.md-reasoning-body').innerHTML, summary: details.querySelector('summary').textContent,
      sameFirst: renderer.body.closedBlockNodes[0][0] === first, card: renderer.element.querySelector('.md-tool-call').textContent,
      order: [...renderer.element.children].map(c => c.className) };
  });
  assert.equal(r.open, false, 'collapsed by default');
  assert.equal(r.reasoning, '<div class="md-blocks"><p class="md-last">The user wants <strong>a list</strong>.</p>\n</div>');
  assert.equal(r.summary, 'Reasoning');
  assert.equal(r.sameFirst, true);
  assert.match(r.card, /get_weather[\s\S]*"city": "Paris"/);
  assert.deepEqual(r.order, ['md-reasoning', 'md-body', 'md-tool-calls']);
  await page.close();
});

test('hostile model output (≥ 50 payloads) never runs, navigates, loads anything or leaves dangerous markup, whole or streamed', async () => {
  assert.ok(xssPayloads.length >= 50);
  const page = await openRenderPage(env.browser, env.server.url);
  const dialogs = [], requests = [];
  let navigations = 0;
  page.on('dialog', dialog => { dialogs.push(dialog.message()); dialog.dismiss().catch(() => {}); });
  page.on('framenavigated', frame => { if (frame === page.mainFrame()) navigations++; });
  page.on('request', request => requests.push(request.url()));
  const report = await page.evaluate(async payloads => {
    const { StreamingMarkdownRenderer, safeLinkUrl } = window.render;
    const app = document.getElementById('app');
    const opened = [], codeActions = [], issues = [];
    const callbacks = { onOpenLink: url => opened.push(url), onCodeAction: action => codeActions.push(action) };
    const FORBIDDEN = new Set(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'LINK', 'META', 'BASE', 'FORM', 'INPUT', 'TEXTAREA',
      'SELECT', 'SVG', 'MATH', 'FRAME', 'FRAMESET', 'NOSCRIPT', 'TEMPLATE', 'AUDIO', 'VIDEO', 'SOURCE']);
    const scan = (where) => {
      for (const el of app.querySelectorAll('*')) {
        if (FORBIDDEN.has(el.tagName.toUpperCase())) issues.push(`${where}: <${el.tagName}>`);
        for (const { name, value } of el.attributes) {
          if (/^on/i.test(name)) issues.push(`${where}: ${name} on <${el.tagName}>`);
          if (['style', 'href', 'action', 'formaction', 'xlink:href', 'srcdoc', 'background', 'poster', 'cite', 'ping'].includes(name)) {
            issues.push(`${where}: ${name}="${value}" on <${el.tagName}>`);
          }
          if (name === 'data-href' && (safeLinkUrl(value) !== value || !/^(https?|mailto):/.test(value))) issues.push(`${where}: data-href="${value}"`);
          if (name === 'src' && !/^data:image\/(png|gif|jpeg|webp);base64,[A-Za-z0-9+/=]+$/.test(value)) issues.push(`${where}: src="${value}"`);
        }
      }
    };
    for (const [i, payload] of payloads.entries()) {
      const text = `Before ${i}.\n\n${payload}\n\nAfter ${i}.`;
      const whole = new StreamingMarkdownRenderer(app, callbacks);
      whole.reset(text);
      whole.finish();
      const streamed = new StreamingMarkdownRenderer(app, callbacks);
      for (let j = 0; j < text.length; j += 7) {
        streamed.append(text.slice(j, j + 7));
        streamed.appendReasoning(text.slice(j, j + 7));
        streamed.showToolCall({ id: `t${i}`, name: payload, argumentsDelta: text.slice(j, j + 7) });
        await streamed.body.nextFrame();
      }
      await streamed.whenIdle();
      scan(`payload ${i} mid-stream`);
      streamed.finish();
    }
    scan('final');
    // Open everything that can be opened and press everything that can be pressed.
    for (const d of app.querySelectorAll('details')) d.open = true;
    for (const el of app.querySelectorAll('[data-href], button, summary')) el.click();
    await new Promise(resolve => window.requestAnimationFrame(resolve));
    scan('after clicks');
    return { issues, opened, codeActions: codeActions.length, links: app.querySelectorAll('[data-href]').length,
      pwned: window.__pwned, csp: window.cspViolations, text: app.textContent.length };
  }, xssPayloads);
  assert.equal(report.pwned, undefined, 'sentinel global was set');
  assert.deepEqual(dialogs, [], 'a dialog fired');
  assert.equal(navigations, 0, 'the page navigated');
  assert.equal(page.url(), `${env.server.url}?theme=dark`);
  assert.deepEqual(report.issues, []);
  assert.deepEqual(report.csp, [], 'something tried to load content the CSP blocks');
  assert.deepEqual(requests.filter(u => !u.startsWith(env.server.url)), [], 'the output made network requests');
  assert.ok(report.opened.length > 0 && report.opened.every(u => /^(https?|mailto):/.test(u)), `opened: ${report.opened}`);
  assert.ok(report.codeActions > 0, 'code blocks still got working toolbars');
  assert.ok(report.text > 5000, 'the payloads were rendered (as text), not dropped');
  await page.close();
});

const THEME_SAMPLE = `# Streaming from Bedrock

Call **ConverseStream** with \`modelId\` set, then read the events (see [the API guide](https://docs.aws.amazon.com/bedrock/)).

- Tokens arrive as \`contentBlockDelta\` events
  - batched per animation frame
- Usage arrives last

| Event | Carries | Order |
|:--|:--|--:|
| messageStart | role | 1 |
| contentBlockDelta | text | 2 |
| metadata | usage | 3 |

\`\`\`typescript
import { ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";

// Stream a reply and print it as it arrives.
export async function run(client: Client, prompt: string): Promise<number> {
  const out = await client.send(new ConverseStreamCommand({ modelId: "amazon.nova-lite-v1:0", messages: [] }));
  let tokens = 0;
  for await (const event of out.stream ?? []) tokens += 1;
  return tokens;
}
\`\`\`

> Errors never erase what was already streamed.
`;

test('the view follows a growing reply to its end, stops while the user reads above, and resumes at the end', async () => {
  const page = await openRenderPage(env.browser, env.server.url);
  const r = await page.evaluate(async () => {
    const box = document.createElement('div');
    box.style.height = '200px';
    box.style.overflowY = 'auto';
    document.getElementById('app').append(box);
    const follow = new window.FollowEnd(box);
    const renderer = new window.render.StreamingMarkdownRenderer(box);
    follow.watch(renderer.element);
    const laidOut = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const scrolled = to => new Promise(resolve => { box.addEventListener('scroll', resolve, { once: true }); box.scrollTop = to; });
    const grow = async from => {
      for (let i = from; i < from + 15; i++) renderer.append(`Paragraph ${i}, long enough to take a line or two of this box.\n\n`);
      await renderer.whenIdle();
      await laidOut();
    };
    const atEnd = () => box.scrollHeight - box.scrollTop - box.clientHeight < 2;
    await grow(0);
    const followed = { atEnd: atEnd(), top: box.scrollTop };
    await scrolled(0);
    await grow(15);
    const reading = { top: box.scrollTop, overflow: box.scrollHeight - box.clientHeight };
    await scrolled(box.scrollHeight);
    await grow(30);
    return { followed, reading, resumed: atEnd() };
  });
  assert.ok(r.followed.atEnd && r.followed.top > 0, `followed to the end: ${JSON.stringify(r.followed)}`);
  assert.ok(r.reading.top === 0 && r.reading.overflow > 0, `left where the user scrolled: ${JSON.stringify(r.reading)}`);
  assert.ok(r.resumed, 'back at the end, following resumes');
  await page.close();
});

test('the rendered sample follows the theme: screenshots in dark and light (test-results/render-*.png)', async () => {
  const results = path.join(root, 'test-results');
  fs.mkdirSync(results, { recursive: true });
  const colours = {};
  for (const theme of ['dark', 'light']) {
    const page = await openRenderPage(env.browser, env.server.url, { theme, viewport: { width: 640, height: 900 } });
    colours[theme] = await page.evaluate(async sample => {
      const renderer = new window.render.StreamingMarkdownRenderer(document.getElementById('app'));
      renderer.appendReasoning('The user asks how to **stream**; show the command and the event order.');
      renderer.reset(sample);
      renderer.finish();
      renderer.element.querySelector('details.md-reasoning').open = true;
      await document.fonts.ready;
      const colour = selector => window.getComputedStyle(document.querySelector(selector)).color;
      return { text: colour('.md-body p'), keyword: colour('.hljs-keyword'), string: colour('.hljs-string'), comment: colour('.hljs-comment'),
        link: colour('.md-link'), background: window.getComputedStyle(document.body).backgroundColor, codicons: document.fonts.check('16px codicon') };
    }, THEME_SAMPLE);
    await page.locator('.md-message').screenshot({ path: path.join(results, `render-${theme}.png`) });
    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], `${theme}: CSP violations`);
    await page.close();
  }
  for (const theme of ['dark', 'light']) {
    const c = colours[theme];
    assert.equal(c.codicons, true, `${theme}: codicon font loaded`);
    assert.notEqual(c.keyword, c.text, `${theme}: keywords are coloured`);
    assert.notEqual(c.string, c.text, `${theme}: strings are coloured`);
    assert.notEqual(c.comment, c.text, `${theme}: comments are coloured`);
    assert.notEqual(c.link, c.text, `${theme}: links are coloured`);
  }
  assert.notEqual(colours.dark.text, colours.light.text, 'text colour follows the theme');
  assert.notEqual(colours.dark.background, colours.light.background);
  assert.ok(fs.statSync(path.join(results, 'render-dark.png')).size > 10_000);
});
