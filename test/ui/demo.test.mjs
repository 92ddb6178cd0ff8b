// The README's first quick-start command: `npm run demo` serves a real VS Code with the extension installed, prints
// `Open: <url>`, and stops everything on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { test } from 'node:test';
import { launchBrowser, openWorkbench, findWebviewFrame } from '../../scripts/harness/browser.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

test('npm run demo serves the workbench with the extension, then stops on SIGTERM', async () => {
  const env = { ...process.env };
  for (const k of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_BEARER_TOKEN_BEDROCK']) delete env[k];
  const demo = spawn(process.execPath, ['scripts/demo.mjs', '--port', '0'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise(resolve => demo.once('exit', (code, signal) => resolve({ code, signal })));
  const lines = [];
  const url = await new Promise((resolve, reject) => {
    readline.createInterface({ input: demo.stdout }).on('line', l => {
      lines.push(l);
      const m = /^Open: (http:\/\/127\.0\.0\.1:\d+\/\S*)$/.exec(l);
      if (m) resolve(m[1]);
    });
    exited.then(r => reject(new Error(`demo exited early (${JSON.stringify(r)}):\n${lines.join('\n')}`)));
  });
  const browser = await launchBrowser();
  try {
    await openWorkbench(browser.page, url);
    const entry = browser.page.locator('.activitybar [aria-label^="Bedrock"]').first();
    await entry.waitFor({ timeout: 60_000 });
    await entry.click();
    const view = await findWebviewFrame(browser.page, '#input');
    assert.ok(lines.some(l => /^\[demo\] backend: local Bedrock emulator/.test(l)), `demo says it uses the emulator:\n${lines.join('\n')}`);
    // the quick start works end to end: a question typed in the chat gets the emulator's streamed answer
    await view.locator('#input').fill('What does the demo do?');
    await view.locator('#input').press('Enter');
    const reply = view.locator('.message.assistant:not(.streaming) .md-body');
    await reply.first().waitFor({ timeout: 60_000 });
    assert.match(await reply.first().textContent(), /demo do/i);
  } finally {
    await browser.close();
    demo.kill('SIGTERM');
  }
  assert.deepEqual(await exited, { code: 0, signal: null });
  await assert.rejects(fetch(new URL(url).origin + '/healthz'), 'code-server still answers after the demo stopped');
});
