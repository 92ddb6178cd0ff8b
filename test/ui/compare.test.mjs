// The compare view end to end: the real workbench (code-server) + the extension + the local Bedrock emulator,
// driven like a user in Debian Chromium. Three columns (Claude on mantle Messages, Claude on ConverseStream, gpt-oss
// on mantle Responses) stream one prompt at once; each shows its text and metrics; export writes the table.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findWebviewFrame, runFromPalette } from '../../scripts/harness/browser.mjs';
import { results, root, startWorkbench } from './support/workbench.mjs';

const require = createRequire(import.meta.url);
const { countTokens } = require(path.join(root, 'out/emulator/tokens.js'));

const COLUMNS = [
  { label: 'Claude Sonnet 4.5 · Anthropic Messages · bedrock-mantle', api: 'messages', model: /claude-sonnet-4-5/, path: /^\/anthropic\/v1\/messages$/ },
  { label: 'Claude Sonnet 4.5 · ConverseStream · bedrock-runtime', api: 'converse-stream', model: /claude-sonnet-4-5/, path: /^\/model\/us\.anthropic\.claude-sonnet-4-5[^/]*\/converse-stream$/ },
  { label: 'gpt-oss-120b · OpenAI Responses · bedrock-mantle', api: 'responses', model: /^openai\.gpt-oss-120b$/, path: /\/responses$/ },
];
const PROMPT = 'Which API should I use for a chat app?';
/** Each column's reply names the API and model the emulator saw, so a column cannot show another's answer. */
const replyText = req => `**${req.api}** answer from \`${req.modelId}\`.\n\n${'Rivers carve valleys over long spans of time. '.repeat(5).trim()}\n\n- one\n- two`;
const plainText = req => replyText(req).replace(/\*\*|`/g, '').replace(/\n\n- /g, '\n\n').replace(/\n- /g, '\n');
const normalise = s => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

describe('compare view against the emulator', () => {
  let wb, frame;
  const seen = [];
  before(async () => {
    wb = await startWorkbench({ emulator: true, settings: { 'workbench.colorTheme': 'Default Dark Modern', '[markdown]': { 'editor.wordWrap': 'off' },
      // room for three columns: the secondary side bar is empty here
      'workbench.secondarySideBar.defaultVisibility': 'hidden' } });
    wb.emu.setReplyGenerator(req => { seen.push(req); return replyText(req); });
    await wb.page.locator('.statusbar-item[aria-label^="Bedrock credentials"]').first().waitFor({ timeout: 60_000 }).catch(() => undefined);
  });
  after(() => wb?.close());

  /** Opens the host's column picker with `open`, searches for `label` and picks it, as a user would. */
  async function choose(open, label) {
    await open();
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 30_000 });
    await input.fill(label);
    const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor();
    await row.click();
    await frame.locator(`.compare-column[data-label="${label}"]`).waitFor();
  }

  const completedRuns = () => frame.evaluate(() => Number(document.body.dataset.completedRuns ?? 0));
  async function metricsOf(i) {
    const col = frame.locator('.compare-column').nth(i);
    const read = async key => (await col.locator(`[data-metric="${key}"]`).textContent()).trim();
    return { ttft: await read('ttft'), tps: await read('tps'), input: await read('input'), output: await read('output'), stop: await read('stop') };
  }

  test('three columns stream one prompt at once, each with its own text and metrics', async () => {
    await runFromPalette(wb.page, 'Bedrock: Compare Models and APIs');
    frame = await findWebviewFrame(wb.page, '#prompt', 60_000);
    await choose(() => frame.locator('.column-choice').first().click(), COLUMNS[0].label);
    await choose(() => frame.locator('#add-column').click(), COLUMNS[1].label);
    await choose(() => frame.locator('#add-column').click(), COLUMNS[2].label);
    assert.equal(await frame.locator('.compare-column').count(), 3);
    // paced, so every column is visibly streaming at the same time and tokens/s is measurable
    wb.emu.scriptFaults(COLUMNS.map(c => ({ fault: 'tokens-per-second:60', path: c.path })));
    const before = await completedRuns();
    await frame.locator('#prompt').fill(PROMPT);
    await frame.locator('#prompt').press('Enter');
    await frame.waitForFunction(() => document.querySelectorAll('.compare-column.streaming').length === 3, null, { timeout: 15_000 });
    assert.equal(await frame.locator('#stop-all').isEnabled(), true);
    await frame.waitForFunction(b => Number(document.body.dataset.completedRuns ?? 0) > b, before, { timeout: 60_000 });

    const requests = wb.emu.requests.filter(r => COLUMNS.some(c => c.path.test(r.path))).slice(-3);
    assert.equal(requests.length, 3);
    for (const [i, c] of COLUMNS.entries()) {
      const req = seen.findLast(r => r.api === c.api);
      assert.ok(req, `the emulator saw a ${c.api} request`);
      assert.match(req.modelId, c.model);
      assert.equal(req.lastUserText, PROMPT);
      const col = frame.locator('.compare-column').nth(i);
      assert.equal(normalise(await col.locator('.column-body').textContent()), normalise(plainText(req)), `column ${i + 1} shows its own reply`);
      assert.equal(await col.locator('.column-body strong').first().textContent(), c.api, 'rendered as markdown');
      const m = await metricsOf(i);
      assert.match(m.ttft, /^\d+ ms$/);
      assert.match(m.tps, /^\d+(\.\d)?$/);
      assert.ok(Number(m.tps) > 5 && Number(m.tps) < 1000, `paced at 60 tokens/s, measured ${m.tps}`);
      assert.ok(Number(m.input) > 0, `input tokens ${m.input}`);
      assert.equal(Number(m.output), countTokens(replyText(req)), 'output tokens as the service reported them');
      assert.equal(m.stop, 'end turn');
    }
    // every request went out before any reply finished: the columns streamed side by side, not one after another
    const times = requests.map(r => Date.parse(r.time)).sort((a, b) => a - b);
    assert.ok(times[2] - times[0] < 2_000, `requests ${times.map(t => t - times[0]).join(', ')} ms apart`);
    assert.deepEqual(await frame.locator('.compare-column').evaluateAll(cols => cols.map(c => c.dataset.label)), COLUMNS.map(c => c.label));
    await wb.page.screenshot({ path: path.join(results, 'compare-view.png') });
    assert.ok(fs.statSync(path.join(results, 'compare-view.png')).size > 10_000);
  });

  test('export writes the comparison as a markdown table in a new editor', async () => {
    const expected = [];
    for (const [i, c] of COLUMNS.entries()) {
      const m = await metricsOf(i);
      const [name, style, family] = c.label.split(' · ');
      const model = await frame.locator('.column-choice').nth(i).getAttribute('title');
      expected.push(`| ${name} (\`${model.split(' — ')[0]}\`) | ${style} | ${family} | ${m.ttft} | ${m.tps} | ${m.input} | ${m.output} | end turn |`);
    }
    await frame.locator('#export-document').click();
    const editor = wb.page.locator('.editor-instance .view-lines', { hasText: '| Model | API style |' });
    await editor.waitFor({ timeout: 15_000 });
    const text = (await editor.locator('.view-line').allTextContents()).map(l => l.replace(/\u00a0/g, ' '));
    assert.ok(text.includes('| Model | API style | Endpoint family | Time to first token | Tokens/s | Input tokens | Output tokens | Stop reason |'), text.join('\n'));
    for (const row of expected) assert.ok(text.includes(row), `missing row ${row}\nin\n${text.join('\n')}`);
    assert.ok(text.includes(`> ${PROMPT}`));
  });

  test('Escape stops every column and keeps what each had streamed', async () => {
    wb.emu.scriptFaults(COLUMNS.map(c => ({ fault: 'tokens-per-second:15,long:400', path: c.path })));
    frame = await findWebviewFrame(wb.page, '#prompt');
    await wb.page.locator('.tab', { hasText: 'Compare Models and APIs' }).click();
    const before = await completedRuns();
    await frame.locator('#prompt').fill('Tell me a long story about rivers');
    await frame.locator('#prompt').press('Enter');
    await frame.waitForFunction(() => [...document.querySelectorAll('.compare-column.streaming .column-body')].filter(b => b.textContent.length > 20).length === 3, null, { timeout: 30_000 });
    await frame.locator('#prompt').press('Escape');
    await frame.waitForFunction(b => Number(document.body.dataset.completedRuns ?? 0) > b, before, { timeout: 30_000 });
    for (let i = 0; i < 3; i++) {
      assert.equal((await metricsOf(i)).stop, 'stopped');
      assert.ok((await frame.locator('.compare-column').nth(i).locator('.column-body').textContent()).length > 20, 'partial text kept');
    }
  });

  test('prompt, columns and last results survive closing and reopening VS Code', async () => {
    const snapshot = async () => ({
      prompt: await frame.locator('#prompt').inputValue(),
      columns: await frame.locator('.compare-column').evaluateAll(cols => cols.map(c => c.dataset.label)),
      bodies: (await frame.locator('.column-body').allTextContents()).map(normalise),
      metrics: await Promise.all([0, 1, 2].map(metricsOf)),
    });
    const before = await snapshot();
    await wb.restart();
    frame = await findWebviewFrame(wb.page, '.compare-column [data-metric="stop"]', 60_000);
    await frame.locator('.compare-column').nth(2).locator('[data-metric="stop"]').waitFor();
    assert.deepEqual(await snapshot(), before);
  });
});
