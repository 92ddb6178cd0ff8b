// End-to-end: the real workbench (code-server) in Debian Chromium, driven like a user with Playwright.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { findWebviewFrame, runFromPalette } from '../../scripts/harness/browser.mjs';
import { results, startWorkbench } from './support/workbench.mjs';

let wb;
before(async () => { wb = await startWorkbench(); });
after(() => wb?.close());

test('the Bedrock activity-bar view opens and, with no credentials, says so with next steps', async () => {
  await wb.page.locator('.activitybar [aria-label^="Bedrock"]').first().click();
  const view = await findWebviewFrame(wb.page, '#status-summary', 60_000);
  await view.locator('#status-summary').waitFor();
  assert.match(await view.locator('#status-summary').textContent(), /No backend configured/);
  const buttons = await view.locator('#status button.action').allTextContents();
  assert.deepEqual(buttons.map(b => b.trim()), ['Sign in', 'Region', 'Settings', 'Log']);
  await view.evaluate(() => document.fonts.ready);
  assert.equal(await view.evaluate(() => document.fonts.check('16px codicon')), true, 'codicon font did not load in the webview');
});

test('a command run from the command palette answers in the workbench', async () => {
  await runFromPalette(wb.page, 'Bedrock: Show Connection Status');
  const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'Bedrock:' });
  await toast.first().waitFor({ timeout: 30_000 });
  assert.match(await toast.first().textContent(), /Bedrock: (No backend configured|.*·)/);
  // toasts slide in: let the transition end so the screenshot shows it in place
  await toast.first().evaluate(el => Promise.all(el.getAnimations({ subtree: true }).map(a => a.finished)));
  const shot = path.join(results, 'ui-bedrock-view.png');
  await wb.page.screenshot({ path: shot });
  assert.ok(fs.statSync(shot).size > 10_000, 'screenshot is empty');
});

test('the view\'s Log button opens the Bedrock output channel through the host', async () => {
  const view = await findWebviewFrame(wb.page, '#status');
  await view.locator('#status button', { hasText: 'Log' }).click();
  const output = wb.page.locator('.part.panel .monaco-editor', { hasText: 'Bedrock Workbench' });
  await output.first().waitFor({ timeout: 30_000 });
  assert.match(await output.first().textContent(), /activated/);
});

test('the status-bar item names the credentials in use and the region, and opens the region picker, which also offers credentials', async () => {
  const item = wb.page.locator('.statusbar-item[aria-label^="Bedrock credentials"]').first();
  await item.waitFor({ timeout: 30_000 });
  assert.match(await item.textContent(), /default chain · us-east-1/);
  await item.click();
  const rows = wb.page.locator('.quick-input-list .monaco-list-row');
  await rows.filter({ hasText: 'Change credentials' }).first().waitFor();
  await wb.page.locator('.quick-input-widget input').fill('eu-west-1');
  await rows.filter({ hasText: 'Europe (Ireland)' }).first().waitFor();
  await wb.page.keyboard.press('Escape');
});
