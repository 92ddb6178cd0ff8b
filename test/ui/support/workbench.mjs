// UI-test support: the real workbench (code-server) with this extension in development mode, optionally wired to
// an in-process Bedrock emulator, in Debian Chromium driven by Playwright.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startCodeServer } from '../../../scripts/harness/codeServer.mjs';
import { findWebviewFrame, injectDevelopmentOptions, launchBrowser, openWorkbench } from '../../../scripts/harness/browser.mjs';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
export const results = path.join(root, 'test-results');
const require = createRequire(import.meta.url);

/**
 * @param {{ emulator?: boolean | object, settings?: Record<string, unknown>, colorScheme?: 'dark' | 'light' }} o
 */
export async function startWorkbench(o = {}) {
  fs.mkdirSync(results, { recursive: true });
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  const runDir = fs.mkdtempSync(path.join(root, 'out', 'ui-run-'));
  let emu;
  const settings = { ...o.settings };
  const env = {};
  if (o.emulator) {
    const { startEmulator } = require(path.join(root, 'out/emulator/index.js'));
    emu = await startEmulator(typeof o.emulator === 'object' ? o.emulator : {});
    Object.assign(settings, {
      'bedrock.region': emu.region, 'bedrock.runtimeEndpoint': emu.runtimeEndpoint, 'bedrock.mantleEndpoint': emu.mantleEndpoint,
      'bedrock.controlPlaneEndpoint': emu.runtimeEndpoint, 'bedrock.defaultModel': 'us.amazon.nova-lite-v1:0',
    });
    Object.assign(env, { AWS_ACCESS_KEY_ID: emu.accessKeyId, AWS_SECRET_ACCESS_KEY: emu.secretAccessKey, AWS_REGION: emu.region });
  }
  for (const k of ['AWS_PROFILE', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_SESSION_TOKEN']) env[k] = '';
  const server = await startCodeServer({ runDir, settings, env });
  const browser = await launchBrowser({ colorScheme: o.colorScheme });
  const page = browser.page;
  await injectDevelopmentOptions(page, server.authority, [root]);
  await openWorkbench(page, `${server.url}/?folder=${encodeURIComponent(path.join(root, 'test/fixtures/workspace'))}`);
  return {
    server, browser, page, emu, runDir,
    async openBedrockView() {
      const entry = page.locator('.activitybar [aria-label^="Bedrock"]').first();
      await entry.waitFor({ timeout: 60_000 });
      if (!(await entry.getAttribute('class'))?.includes('checked')) await entry.click();
      return findWebviewFrame(page, '#input');
    },
    async close() {
      await browser.close();
      await server.stop();
      await emu?.close();
    },
  };
}

/** Waits until the chat has rendered a reply completely (the webview marks the last rendered message id). */
export async function waitForReplyRendered(frame, previous) {
  await frame.waitForFunction(prev => document.body.dataset.lastRendered && document.body.dataset.lastRendered !== prev, previous ?? null, { timeout: 60_000 });
  return frame.evaluate(() => document.body.dataset.lastRendered);
}
