// End-to-end: "Bedrock: Migrate OpenAI Code" from the explorer's context menu on a folder, through VS Code's
// Refactor Preview, as a user does it (right-click, pick the target, read the preview, Apply, save).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runFromPalette } from '../../scripts/harness/browser.mjs';
import { results, root, startWorkbench } from './support/workbench.mjs';

const corpus = path.join(root, 'test/fixtures/migrate/corpus');
const expected = path.join(root, 'test/fixtures/migrate/expected');
const files = [['openai-py', '03-async-chat.py'], ['openai-js', '02-stream.ts']];

let wb;
before(async () => { wb = await startWorkbench(); });
after(() => wb?.close());

/** Resolves once `check()` holds, polling the file system (edits reach the disk only when VS Code saves). */
async function until(check, what, timeout = 30_000) {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

test('the explorer context menu on a folder shows the refactor preview, and Apply migrates every file in it', async () => {
  const { page } = wb;
  const folder = path.join(wb.runDir, 'workspace', 'migrate-folder');
  const copies = files.map(([group, name]) => {
    const to = path.join(folder, name);
    fs.mkdirSync(folder, { recursive: true });
    fs.copyFileSync(path.join(corpus, group, name), to);
    return { to, original: fs.readFileSync(to, 'utf8'), golden: fs.readFileSync(path.join(expected, group, `${name}.converse`), 'utf8') };
  });

  // Activate the extension first: otherwise the menu click also pays for activation, which on a loaded machine can
  // outlast the wait below, and the retry's Escape then closes the quick pick as it appears (seen in CI).
  await runFromPalette(page, 'Bedrock: Show Log');
  await page.locator('.statusbar-item[aria-label^="Bedrock credentials"]').first().waitFor({ timeout: 60_000 });
  await runFromPalette(page, 'View: Show Explorer');
  // the folder was written behind the workbench's back: refresh rather than wait for the file watcher
  await page.locator('.part.sidebar [aria-label="Refresh Explorer"]').first().click();
  const row = page.locator('.part.sidebar .monaco-list-row[aria-label="migrate-folder"]');
  await row.waitFor({ timeout: 30_000 });
  const target = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Convert to Converse' }).first();
  // A click can land while the context menu is still laying out and close it instead (seen once in CI under load):
  // open it again, up to three times, until the command's quick pick is there.
  for (let attempt = 1; ; attempt++) {
    await row.click({ button: 'right' });
    // The menu takes a click only once it is ready for the pointer; an item the pointer rests on is marked focused.
    await page.locator('.monaco-menu .action-item', { hasText: 'Migrate OpenAI Code' }).first().hover();
    await page.locator('.monaco-menu .action-item.focused', { hasText: 'Migrate OpenAI Code' }).first().waitFor({ timeout: 5_000 });
    await page.locator('.monaco-menu .action-item', { hasText: 'Migrate OpenAI Code' }).first().click();
    try {
      await target.waitFor({ timeout: 20_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await target.click();

  const preview = page.locator('.bulk-edit-panel');
  await preview.waitFor({ timeout: 60_000 });
  for (const { to } of copies) await preview.locator('.monaco-list-row', { hasText: path.basename(to) }).first().waitFor();
  await page.screenshot({ path: path.join(results, 'ui-migrate-refactor-preview.png') });
  for (const c of copies) assert.equal(fs.readFileSync(c.to, 'utf8'), c.original, 'nothing changes before Apply');

  // VS Code leaves edits an extension marks for confirmation unticked: the user ticks each file, then applies
  for (const { to } of copies) {
    const checkbox = preview.locator('.monaco-list-row', { hasText: path.basename(to) }).first().locator('.edit-checkbox').first();
    await checkbox.click();
    assert.equal(await checkbox.getAttribute('aria-checked'), 'true', `${path.basename(to)} is ticked`);
  }

  await preview.locator('.monaco-button', { hasText: 'Apply' }).first().click();
  await preview.waitFor({ state: 'hidden', timeout: 30_000 });
  await runFromPalette(page, 'File: Save All');
  for (const c of copies) {
    await until(() => fs.readFileSync(c.to, 'utf8') === c.golden, `${path.basename(c.to)} to match its golden Converse output`);
  }
});
