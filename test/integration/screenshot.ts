// Asks the harness (scripts/harness/run-integration.mjs) to screenshot the live workbench; resolves once the PNG exists.
import * as fs from 'fs';
import * as path from 'path';

/** `waitForText`: the shot is taken once the page or a webview in it shows this text (e.g. a markdown preview). */
export async function screenshot(name: string, timeoutMs = 15_000, waitForText?: string): Promise<string | undefined> {
  const dir = process.env.HARNESS_SHOT_DIR;
  if (!dir) return undefined; // not under the harness (e.g. @vscode/test-electron)
  const file = path.join(dir, `${name}.png`);
  fs.rmSync(file, { force: true });
  console.log(`HARNESS_SCREENSHOT ${name}${waitForText ? ` ${waitForText.replace(/\s+/g, ' ')}` : ''}`);
  const end = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > end) throw new Error(`screenshot ${name} was not taken`);
    await new Promise(r => setTimeout(r, 100));
  }
  return file;
}
