// Runs a module inside code-server's real Node extension host (as extensionTestsPath), with this repository loaded as
// an Extension Development Host, the way scripts/harness/run-integration.mjs runs the integration suite. Resolves to
// the module's exit code (0 when its run() resolved); rejects on harness failure or timeout.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { ensureInstalled, startCodeServer } from '../../scripts/harness/codeServer.mjs';
import { injectDevelopmentOptions, launchBrowser } from '../../scripts/harness/browser.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** @param {{ testsPath: string, env?: Record<string,string>, timeoutMs?: number, log?: (line: string) => void }} o */
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
    await injectDevelopmentOptions(page, server.authority, [root], o.testsPath);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    return await exit;
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await server.stop();
  }
}
