// The chat panel end to end: the real workbench (code-server) + the extension + the local Bedrock emulator,
// driven like a user in Debian Chromium.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findWebviewFrame, runFromPalette } from '../../scripts/harness/browser.mjs';
import { xssPayloads } from '../fixtures/render/xss-payloads.mjs';
import { askChat, results, sendChat, startWorkbench, waitForReplyRendered } from './support/workbench.mjs';

const CODE_REPLY = 'Here is a helper:\n\n```python\ndef greet(name: str) -> str:\n    return f"Hello, {name}!"\n```\n\nCall it with **your** name.';

describe('chat panel against the emulator', () => {
  let wb, chat, dialogs = 0;
  before(async () => {
    wb = await startWorkbench({ emulator: true, settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
    wb.page.on('dialog', d => { dialogs++; void d.dismiss(); });
    chat = await wb.openBedrockView();
  });
  after(() => wb?.close());

  const ask = text => askChat(chat, text);
  const reply = id => chat.locator(`.message.assistant[data-id="${id}"]`);

  test('a question gets a streamed markdown reply with a highlighted code block and usage', async () => {
    wb.emu.scriptReplies([CODE_REPLY]);
    const id = await ask('Write a greeting function');
    const msg = reply(id);
    assert.match(await msg.locator('.md-body').textContent(), /Call it with your name\./);
    assert.equal(await msg.locator('.md-body strong').textContent(), 'your');
    assert.ok(await msg.locator('pre code .hljs-keyword').count() > 0, 'the code block is syntax highlighted');
    assert.match(await msg.locator('.message-footer .meta').textContent(), /\d+ in · \d+ out.*first token \d+ ms/);
    await wb.page.screenshot({ path: path.join(results, 'chat-dark.png') });
  });

  test('a code block goes into the editor at the cursor', async () => {
    await runFromPalette(wb.page, 'Go to File');
    await wb.page.keyboard.type('app.py');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'app.py' }).first().waitFor();
    await wb.page.keyboard.press('Enter');
    const editor = wb.page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor();
    await editor.click();
    await wb.page.keyboard.press('Control+End');
    const msg = chat.locator('.message.assistant').last();
    await msg.locator('button[aria-label*="Insert"]').first().click();
    await wb.page.locator('.editor-instance .view-lines', { hasText: 'def greet(name: str)' }).waitFor({ timeout: 15_000 });
  });

  test('stopping mid-stream keeps the partial reply and says it stopped', async () => {
    wb.emu.scriptFaults(['tokens-per-second:40']);
    await sendChat(chat, 'Tell me a long story about rivers and mountains');
    const streaming = chat.locator('.message.assistant.streaming');
    await streaming.waitFor();
    await chat.waitForFunction(() => (document.querySelector('.message.assistant.streaming .md-body')?.textContent ?? '').length > 20);
    await chat.locator('#input').press('Escape');
    await chat.locator('.message.assistant').last().locator('.meta', { hasText: 'stopped' }).waitFor({ timeout: 15_000 });
    const text = await chat.locator('.message.assistant').last().locator('.md-body').textContent();
    assert.ok(text.length > 20, 'partial text kept');
  });

  test('an injected throttling fault shows the error inline, with Retry, under what already streamed', async () => {
    wb.emu.scriptFaults(['throttling', 'throttling', 'throttling']);
    const id = await ask('Will this be throttled?');
    const msg = reply(id);
    assert.match(await msg.locator('.message-error').textContent(), /throttling/i);
    assert.ok(await msg.locator('.message-error button', { hasText: 'Retry' }).count() === 1);
    // a cut stream keeps the text that arrived before the error
    wb.emu.scriptFaults(['stream-cut:8,tokens-per-second:400']);
    const cut = reply(await ask('Tell me about streams'));
    assert.match(await cut.locator('.message-error').textContent(), /broke off/);
    assert.ok((await cut.locator('.md-body').textContent()).length > 0, 'partial reply kept');
    // and Retry asks again, replacing the failed reply
    const cutId = await chat.evaluate(() => document.body.dataset.lastRendered);
    await cut.locator('.message-error button', { hasText: 'Retry' }).click();
    const retried = reply(await waitForReplyRendered(chat, cutId));
    assert.equal(await retried.locator('.message-error').count() && await retried.locator('.message-error').textContent(), '');
    assert.equal(await reply(cutId).count(), 0, 'the failed reply was replaced');
  });

  test('switching the model changes where the next question goes', async () => {
    await chat.locator('#pick-model').click();
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('Claude Haiku');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Claude Haiku' }).first().waitFor();
    await wb.page.keyboard.press('Enter');
    await chat.locator('#pick-model', { hasText: 'Claude Haiku' }).waitFor();
    await ask('Which model are you?');
    assert.match(wb.emu.requests.at(-1).path, /claude-haiku/);
  });

  test('model output cannot run script: 74 hostile payloads render inert in the real webview', async () => {
    const webviewUrl = await chat.evaluate(() => location.href);
    wb.emu.scriptReplies([xssPayloads.join('\n\n')]);
    const id = await ask('Show me some HTML');
    const report = await chat.evaluate(id => {
      const body = document.querySelector(`.message.assistant[data-id="${id}"] .md-body`);
      const all = [...body.querySelectorAll('*')];
      return {
        pwned: window.__pwned ?? window.parent?.__pwned,
        onAttrs: all.filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
        badUrls: all.filter(e => ['href', 'src', 'action', 'formaction', 'xlink:href', 'data-href'].some(n => /^\s*(javascript|vbscript|data:text)/i.test(e.getAttribute(n) ?? ''))).length,
        scripts: body.querySelectorAll('script, iframe, object, embed, form, style, svg, math').length,
        location: location.href,
      };
    }, id);
    assert.deepEqual({ ...report, location: report.location === webviewUrl }, { pwned: undefined, onAttrs: 0, badUrls: 0, scripts: 0, location: true }, 'the webview did not navigate');
    assert.equal(dialogs, 0, 'no dialog opened');
    assert.ok(xssPayloads.length >= 50);
  });

  test('the conversation survives closing and reopening VS Code intact', async () => {
    const before = await chat.locator('.message').allTextContents();
    assert.ok(before.length >= 6);
    await wb.restart();
    chat = await wb.openBedrockView();
    await chat.locator('.message').nth(before.length - 1).waitFor({ timeout: 30_000 });
    // Older replies of a restored conversation render in idle time after the newest, the transcript aria-busy meanwhile
    // (set in the same task that adds the messages).
    await chat.locator('#transcript:not([aria-busy="true"])').waitFor();
    const after = await chat.locator('.message').allTextContents();
    assert.deepEqual(after, before);
  });
});

describe('chat panel in the light theme', () => {
  let wb;
  before(async () => { wb = await startWorkbench({ emulator: true, colorScheme: 'light', settings: { 'workbench.colorTheme': 'Default Light Modern' } }); });
  after(() => wb?.close());

  test('renders with the theme\'s colours', async () => {
    const chat = await wb.openBedrockView();
    wb.emu.scriptReplies([CODE_REPLY]);
    await askChat(chat, 'Write a greeting function');
    const bg = await chat.evaluate(() => getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim());
    assert.match(bg, /^#f|^#e|^#ff|rgb\(2[45]\d/i, `light background, got ${bg}`);
    await wb.page.screenshot({ path: path.join(results, 'chat-light.png') });
    assert.ok(fs.statSync(path.join(results, 'chat-light.png')).size > 10_000);
    void findWebviewFrame;
  });
});
