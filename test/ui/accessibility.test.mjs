// Accessibility of the webviews, in the real workbench: axe-core runs inside the chat and the compare panel after a
// streamed reply with a table and a code block, in the dark, light and high-contrast themes, and must find no
// serious or critical violation (contrast, names that contain the visible label, keyboard-reachable scrolling code),
// nor a misused role, a misplaced landmark or a missing level-one heading.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findWebviewFrame, runFromPalette } from '../../scripts/harness/browser.mjs';
import { askChat, root, startWorkbench } from './support/workbench.mjs';

const AXE = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
const REPLY = [
  'Two ways to call Bedrock:',
  '',
  '| API | Endpoint | Streams |',
  '| --- | --- | --- |',
  '| Converse | bedrock-runtime | yes |',
  '| Responses | bedrock-mantle | yes |',
  '',
  '```python',
  'import boto3',
  'client = boto3.client("bedrock-runtime")',
  'print(len(client.converse(modelId="us.amazon.nova-lite-v1:0", messages=[])["output"]["message"]["content"]), "parts in a very long line that has to scroll sideways inside its code block")',
  '```',
].join('\n');

/** Rules checked whatever axe's impact for them: the page's structure as a screen reader walks it. */
const STRUCTURE = new Set(['aria-allowed-role', 'page-has-heading-one', 'landmark-main-is-top-level', 'landmark-no-duplicate-main', 'landmark-unique']);
const COLUMN = 'Claude Sonnet 4.5 · Anthropic Messages · bedrock-mantle';

/** Serious and critical axe findings in the page (and structural ones), one line each: rule, impact, targets. */
async function axeFindings(frame) {
  await frame.evaluate(AXE);
  const violations = await frame.evaluate(async () => (await globalThis.axe.run(document, { resultTypes: ['violations'] })).violations
    .map(v => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 4).map(n => n.target.join(' ')) })));
  return violations.filter(v => v.impact === 'serious' || v.impact === 'critical' || STRUCTURE.has(v.id)).map(v => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

for (const theme of ['Default Dark Modern', 'Default Light Modern', 'Default High Contrast']) {
  describe(`webview accessibility, ${theme}`, () => {
    let wb, chat;
    before(async () => {
      wb = await startWorkbench({ emulator: true, settings: { 'workbench.colorTheme': theme } });
      chat = await wb.openBedrockView();
    });
    after(() => wb?.close());

    test('a streamed reply with a table and code has no serious or critical axe violation', async () => {
      wb.emu.scriptReplies([REPLY]);
      const id = await askChat(chat, 'Which API streams?');
      const reply = chat.locator(`.message.assistant[data-id="${id}"]`);
      assert.equal(await reply.locator('table').count(), 1, await reply.innerHTML());
      assert.ok(await reply.locator('pre code .hljs-built_in').count() > 0, 'the code block has a built-in token');
      assert.deepEqual(await axeFindings(chat), []);
    });

    test('the compare panel with a streamed reply has no serious or critical axe violation', async () => {
      wb.emu.setReplyGenerator(() => REPLY);
      await runFromPalette(wb.page, 'Bedrock: Compare Models and APIs');
      const frame = await findWebviewFrame(wb.page, '#prompt', 60_000);
      await frame.locator('.column-choice').first().click();
      const input = wb.page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 30_000 });
      await input.fill(COLUMN);
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: COLUMN }).first().click();
      await frame.locator(`.compare-column[data-label="${COLUMN}"]`).waitFor();
      await frame.locator('#prompt').fill('Which API streams?');
      await frame.locator('#prompt').press('Enter');
      await frame.waitForFunction(() => Number(document.body.dataset.completedRuns ?? 0) > 0, null, { timeout: 60_000 });
      assert.equal(await frame.locator('.compare-column table').count(), 1);
      assert.deepEqual(await axeFindings(frame), []);
    });
  });
}
