// Runs a module inside code-server's real Node extension host (as extensionTestsPath), with this repository loaded as
// an Extension Development Host, the way scripts/harness/run-integration.mjs runs the integration suite. Resolves to
// the module's exit code (0 when its run() resolved) and the workbench page's long tasks (its main thread busy over
// 50 ms at once: nothing in the window, an extension's editor edits included, is drawn meanwhile); rejects on harness
// failure or timeout.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { ensureInstalled, startCodeServer } from '../../scripts/harness/codeServer.mjs';
import { injectDevelopmentOptions, launchBrowser } from '../../scripts/harness/browser.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/**
 * @param {{ testsPath: string, env?: Record<string,string>, timeoutMs?: number, log?: (line: string) => void }} o
 * @returns {Promise<{ code: number, longTasks: { startEpochMs: number, ms: number }[] }>}
 */
export async function runInVsCode(o) {
  ensureInstalled(root);
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  const runDir = fs.mkdtempSync(path.join(root, 'out', 'bench-run-'));
  const workspace = path.join(runDir, 'workspace');
  fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  const server = await startCodeServer({ runDir, env: o.env });
  let browser;
  let timer;
  try {
    browser = await launchBrowser();
    const { page } = browser;
    const exit = new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no result within ${o.timeoutMs ?? 300_000} ms (logs in ${runDir})`)), o.timeoutMs ?? 300_000);
      page.exposeFunction('codeAutomationExit', code => resolve(code)).catch(reject);
    });
    // The workbench relays the module's console output through this hook (the @vscode/test-web convention).
    await page.exposeFunction('codeAutomationLog', (_type, args) => o.log?.(util.format(...args)));
    // The workbench's own main thread (not its iframes, which would report the same tasks again), on the epoch clock.
    await page.addInitScript(() => {
      if (window.top !== window) return;
      const tasks = window.__benchLongTasks = [];
      new window.PerformanceObserver(list => {
        for (const e of list.getEntries()) tasks.push({ startEpochMs: performance.timeOrigin + e.startTime, ms: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await injectDevelopmentOptions(page, server.authority, [root], o.testsPath);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    const code = await exit;
    return { code, longTasks: await page.evaluate(() => window.__benchLongTasks ?? []) };
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await server.stop();
  }
}
