// Debian Chromium driven by playwright-core (never `playwright install`: no browser downloads here), plus the hook
// that loads an extension in development mode into code-server's workbench.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser({ width = 1400, height = 850, colorScheme } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-chrome-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width, height }, colorScheme,
    // without the background-networking flags Chromium keeps trying hosts this offline machine cannot reach
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = ctx.pages()[0] ?? await ctx.newPage();
  const close = async () => { await ctx.close().catch(() => {}); fs.rmSync(profile, { recursive: true, force: true }); };
  return { ctx, page, close };
}

/**
 * Loads extensions from folders (like --extensionDevelopmentPath) and optionally runs a test module inside the
 * Node extension host (like --extensionTestsPath). code-server rejects those flags and the built workbench ignores
 * the ?payload= query, but it reads developmentOptions from its page config, as @vscode/test-web relies on; an init
 * script adds them. (Intercepting the document request instead breaks the websocket on Local Network Access checks.)
 * Must be called before page.goto().
 */
export async function injectDevelopmentOptions(page, authority, devPaths, testsPath) {
  const remote = p => ({ scheme: 'vscode-remote', authority, path: p });
  await page.addInitScript(dev => {
    const orig = Element.prototype.getAttribute;
    Element.prototype.getAttribute = function (name) {
      const v = orig.call(this, name);
      if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || !v) return v;
      const cfg = JSON.parse(v);
      cfg.developmentOptions = { ...cfg.developmentOptions, extensions: dev.extensions, ...(dev.tests ? { extensionTestsPath: dev.tests } : {}) };
      return JSON.stringify(cfg);
    };
  }, { extensions: devPaths.map(remote), tests: testsPath ? remote(testsPath) : undefined });
}

export async function openWorkbench(page, url, { timeout = 90_000 } = {}) {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout });
  await page.waitForSelector('.part.statusbar', { timeout });
}

/** Runs a command through the command palette, as a user would. */
export async function runFromPalette(page, title) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  // Right after the window opens, the palette can be filled before the extension's commands are registered, and it
  // does not refresh its list when they arrive: close it and type again, a few times, before giving up.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor();
    await input.fill('>' + title);
    try {
      await row.waitFor({ timeout: 15_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await page.keyboard.press('Enter');
}

/** Webviews are overlay iframes outside the side bar's DOM: find the frame that holds a selector. */
export async function findWebviewFrame(page, selector, timeout = 30_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      if (await f.locator(selector).count().catch(() => 0)) return f;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no webview frame contains ${selector}`);
}
