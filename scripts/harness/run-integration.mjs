// Runs the mocha suite in out/test/integration INSIDE code-server's real Node extension host, with this repo loaded
// as an Extension Development Host, relays the suite's output and exits with its status (2 = harness error/timeout).
// Env: HARNESS_TIMEOUT_MS, HARNESS_RESULT_COPY (where to copy the {passes,failures} summary), plus anything the
// tests read (it reaches the extension host).
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { ensureInstalled, startCodeServer } from './codeServer.mjs';
import { injectDevelopmentOptions, launchBrowser } from './browser.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const testsPath = path.join(root, 'out/test/integration/index');
const TIMEOUT = Number(process.env.HARNESS_TIMEOUT_MS ?? 300_000);
const shotDir = path.join(root, 'test-results');
fs.mkdirSync(shotDir, { recursive: true });
if (!fs.existsSync(`${testsPath}.js`)) { console.error(`harness: ${testsPath}.js missing (run tsc -p tsconfig.json)`); process.exit(2); }

try { ensureInstalled(); } catch (e) { console.error(e.message); process.exit(1); }
const runDir = fs.mkdtempSync(path.join(root, 'out', 'harness-run-'));
// the suite runs in a copy of the sample workspace, so tests can edit and save files without touching fixtures
const workspace = path.join(runDir, 'workspace');
fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
const resultFile = path.join(runDir, 'result.json');
// HARNESS_USER_DATA_DIR: the sentinel-secret test scans everything the server and extension host wrote.
const server = await startCodeServer({ runDir, env: { HARNESS_RESULT_FILE: resultFile, HARNESS_SHOT_DIR: shotDir, HARNESS_USER_DATA_DIR: runDir } });
let browser;
let finishing = false;
async function finish(code, why) {
  if (finishing) return;
  finishing = true;
  if (why) console.error(why);
  await browser?.close();
  await server.stop();
  if (fs.existsSync(resultFile) && process.env.HARNESS_RESULT_COPY) fs.copyFileSync(resultFile, process.env.HARNESS_RESULT_COPY);
  console.log(`harness: extension host exit code ${code} (logs in ${runDir})`);
  process.exit(code);
}
setTimeout(() => finish(2, `harness: timeout after ${TIMEOUT} ms`), TIMEOUT).unref();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => finish(2, `harness: ${sig}`));

browser = await launchBrowser();
const { page } = browser;
// The workbench reports extension-test output and the exit code through these (the @vscode/test-web hooks).
await page.exposeFunction('codeAutomationLog', (type, args) => {
  let text = util.format(...args);
  if (!process.env.HARNESS_VERBOSE) text = text.split('\n').filter(l => !/^\s+at .*\/static\/out\/vs\//.test(l)).join('\n');
  (type === 'error' ? console.error : console.log)(text);
  // A test asks for a screenshot of the live UI by logging `HARNESS_SCREENSHOT <name> [text]`, then waits for the
  // file; with a text, the shot waits until the page or one of its webviews shows it (webviews render late).
  const m = /^HARNESS_SCREENSHOT (\S+)(?: (.+))?/.exec(text);
  if (m) untilShown(m[2]).then(() => page.screenshot()).then(buf => {
    const f = path.join(shotDir, `${m[1]}.png`);
    fs.writeFileSync(f + '.tmp', buf);
    fs.renameSync(f + '.tmp', f);
  }).catch(e => console.error(`harness: screenshot ${m[1]}: ${e.message}`));
});
/** Resolves once some frame of the page shows `text` (at once without one); rejects after 40 s, and the test's wait fails. */
async function untilShown(text) {
  const end = Date.now() + 40_000;
  while (text) {
    for (const f of page.frames()) if (await f.getByText(text).count().catch(() => 0)) return;
    if (Date.now() > end) throw new Error(`"${text}" never showed`);
    await new Promise(r => setTimeout(r, 200));
  }
}
await page.exposeFunction('codeAutomationExit', code => finish(code));
page.on('pageerror', e => console.error('[pageerror]', e.message));
// test/fixtures/tool-extension stands in for another extension that registers language-model tools (chat tools test)
await injectDevelopmentOptions(page, server.authority, [root, path.join(root, 'test/fixtures/tool-extension')], testsPath);
console.log(`harness: ${server.url} dev=${root} tests=${testsPath}`);
await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
