// UI-test support: the real workbench (code-server) with this extension in development mode, optionally wired to
// an in-process Bedrock emulator, in Debian Chromium driven by Playwright.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startCodeServer } from '../../../scripts/harness/codeServer.mjs';
import { findWebviewFrame, injectDevelopmentOptions, launchBrowser, openWorkbench, runFromPalette } from '../../../scripts/harness/browser.mjs';

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
  // a copy of the sample workspace: tests type into and save its files, the fixtures must stay as committed
  const workspace = path.join(runDir, 'workspace');
  fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  let emu;
  const settings = { ...o.settings };
  const env = {};
  if (o.emulator) {
    const { startEmulator } = require(path.join(root, 'out/emulator/index.js'));
    emu = await startEmulator(typeof o.emulator === 'object' ? o.emulator : {});
    Object.assign(settings, {
      'bedrock.region': emu.region, 'bedrock.runtimeEndpoint': emu.runtimeEndpoint, 'bedrock.mantleEndpoint': emu.mantleEndpoint,
      'bedrock.controlPlaneEndpoint': emu.runtimeEndpoint, 'bedrock.defaultModel': 'us.amazon.nova-lite-v1:0',
    }, o.settings);
    Object.assign(env, { AWS_ACCESS_KEY_ID: emu.accessKeyId, AWS_SECRET_ACCESS_KEY: emu.secretAccessKey, AWS_REGION: emu.region });
  }
  for (const k of ['AWS_PROFILE', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_SESSION_TOKEN']) env[k] = '';
  const folderUrl = s => `${s.url}/?folder=${encodeURIComponent(workspace)}`;
  let server = await startCodeServer({ runDir, settings, env });
  const browser = await launchBrowser({ colorScheme: o.colorScheme });
  const page = browser.page;
  await injectDevelopmentOptions(page, server.authority, [root]);
  await openWorkbench(page, folderUrl(server));
  return {
    get server() { return server; },
    browser, page, emu, runDir,
    /**
     * Stops the server (and with it the extension host) and starts it again on the same port and user data, then
     * reopens the window: a cold restart. The browser profile stays, as a user's does: VS Code for the web keeps
     * extension state in the browser's storage for that origin.
     */
    async restart() {
      await page.goto('about:blank');
      await server.stop();
      server = await startCodeServer({ runDir, settings, env, port: server.port });
      await openWorkbench(page, folderUrl(server));
      // the restored Bedrock view activates the extension; its status-bar entry says it is up
      await page.locator('.statusbar-item[aria-label^="Bedrock credentials"]').first().waitFor({ timeout: 60_000 });
    },
    /** Opens the chat with its command (clicking the activity-bar entry would close a container restored open). */
    async openBedrockView() {
      await page.locator('.activitybar [aria-label^="Bedrock"]').first().waitFor({ timeout: 60_000 });
      // a window restored with the chat open shows it without help
      const open = await findWebviewFrame(page, '#input', 5_000).catch(() => undefined);
      if (open) return open;
      await runFromPalette(page, 'Bedrock: Open Chat');
      return findWebviewFrame(page, '#input', 60_000);
    },
    async close() {
      await browser.close();
      await server.stop();
      await emu?.close();
    },
  };
}

/** Types a message into the chat and sends it, as a user would (click, type, Enter); resolves once it is sent. */
export async function sendChat(frame, text) {
  const users = await frame.locator('.message.user').count();
  await frame.locator('#input').click();
  await frame.locator('#input').fill(text);
  await frame.locator('#input').press('Enter');
  await frame.locator('.message.user').nth(users).waitFor({ timeout: 15_000 });
}

/** Waits until the chat has rendered a reply completely (the webview marks the last rendered message id). */
export async function waitForReplyRendered(frame, previous) {
  await frame.waitForFunction(prev => document.body.dataset.lastRendered && document.body.dataset.lastRendered !== prev, previous ?? null, { timeout: 60_000 });
  return frame.evaluate(() => document.body.dataset.lastRendered);
}

/** Sends `text` and waits until the reply to it has rendered completely; resolves to the reply's message id. */
export async function askChat(frame, text) {
  const previous = await frame.evaluate(() => document.body.dataset.lastRendered ?? null);
  await sendChat(frame, text);
  return waitForReplyRendered(frame, previous);
}
