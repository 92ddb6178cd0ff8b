// End-to-end: the real workbench (code-server) in Debian Chromium, driven like a user with Playwright.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startCodeServer } from '../../scripts/harness/codeServer.mjs';
import { findWebviewFrame, injectDevelopmentOptions, launchBrowser, openWorkbench, runFromPalette } from '../../scripts/harness/browser.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const results = path.join(root, 'test-results');
let server, browser, page;

before(async () => {
  fs.mkdirSync(results, { recursive: true });
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  const runDir = fs.mkdtempSync(path.join(root, 'out', 'ui-run-'));
  server = await startCodeServer({ runDir });
  browser = await launchBrowser();
  page = browser.page;
  await injectDevelopmentOptions(page, server.authority, [root]);
  await openWorkbench(page, `${server.url}/?folder=${encodeURIComponent(path.join(root, 'test/fixtures/workspace'))}`);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the Bedrock activity-bar view opens and shows the connection status', async () => {
  const entry = page.locator('.activitybar [aria-label^="Bedrock"]').first();
  await entry.waitFor({ timeout: 60_000 });
  await entry.click();
  const view = await findWebviewFrame(page, '#status');
  await view.locator('#status-summary').waitFor();
  assert.match(await view.locator('#status-summary').textContent(), /No backend configured|AWS|local endpoint/);
  const buttons = await view.locator('button.action').allTextContents();
  assert.deepEqual(buttons.map(b => b.trim()), ['Settings', 'Status', 'Log']);
  await view.evaluate(() => document.fonts.ready);
  assert.equal(await view.evaluate(() => document.fonts.check('16px codicon')), true, 'codicon font did not load in the webview');
});

test('a command run from the command palette answers in the workbench', async () => {
  await runFromPalette(page, 'Bedrock: Show Connection Status');
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Bedrock:' });
  await toast.first().waitFor({ timeout: 30_000 });
  assert.match(await toast.first().textContent(), /Bedrock: (No backend configured|.*·)/);
  // toasts slide in: let the transition end so the screenshot shows it in place
  await toast.first().evaluate(el => Promise.all(el.getAnimations({ subtree: true }).map(a => a.finished)));
  const shot = path.join(results, 'ui-bedrock-view.png');
  await page.screenshot({ path: shot });
  assert.ok(fs.statSync(shot).size > 10_000, 'screenshot is empty');
});

test('the view\'s Log button opens the Bedrock output channel through the host', async () => {
  const view = await findWebviewFrame(page, '#status');
  await view.locator('button[data-command="bedrock.showLog"]').click();
  const output = page.locator('.part.panel .monaco-editor', { hasText: 'Bedrock Workbench' });
  await output.first().waitFor({ timeout: 30_000 });
  assert.match(await output.first().textContent(), /activated/);
});
