// Tools in the chat, end to end: the real workbench, the extension and the emulator. The emulator's model calls the
// tool the question names with the path it mentions, then quotes the tool's result (emulator/README.md).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { results, root, sendChat, startWorkbench } from './support/workbench.mjs';

const NOTES = 'Remember: the owl delivers the mail at dawn.';
const AXE = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe findings in the chat (as test/ui/accessibility.test.mjs checks them), one line each. */
async function axeFindings(frame) {
  await frame.evaluate(AXE);
  const violations = await frame.evaluate(async () => (await globalThis.axe.run(document, { resultTypes: ['violations'] })).violations
    .map(v => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 4).map(n => n.target.join(' ')) })));
  return violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

describe('tools in the chat', () => {
  let wb, chat, workspace;
  before(async () => {
    wb = await startWorkbench({ emulator: true, settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
    workspace = path.join(wb.runDir, 'workspace');
    fs.writeFileSync(path.join(workspace, 'notes.txt'), NOTES);
    chat = await wb.openBedrockView();
  });
  after(() => wb?.close());

  /** Picks one row of an open quick pick by its text. */
  async function pickRow(text) {
    const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
  }

  /** The tools pill's multi-select: tick these tools, untick the rest, accept. */
  async function chooseTools(names) {
    await chat.locator('#pick-tools').click();
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'read_file' }).first().waitFor({ timeout: 15_000 });
    for (const row of await wb.page.locator('.quick-input-list .monaco-list-row').all()) {
      const label = (await row.getAttribute('aria-label')) ?? (await row.textContent()) ?? '';
      const name = label.split(/[ ,]/)[0];
      const checked = (await row.getAttribute('aria-checked')) === 'true';
      if (checked !== names.includes(name) && /^[a-z_]+$/.test(name)) await row.click();
    }
    await wb.page.locator('.quick-input-widget input').press('Enter');
    await chat.locator('#pick-tools', { hasText: names.length === 1 ? '1 tool' : `${names.length} tools` }).waitFor({ timeout: 15_000 });
  }

  /** Sends the question and waits until the loop's last reply (the answer after the tool result) has rendered. */
  async function askWithTools(text, answer = /The tool returned/) {
    const before = await chat.locator('.message.assistant').count();
    await sendChat(chat, text);
    await chat.waitForFunction(({ n, source }) => {
      const all = [...document.querySelectorAll('.message.assistant')];
      const last = all.at(-1);
      return all.length >= n + 2 && last && !last.classList.contains('streaming') && document.body.dataset.lastRendered === last.dataset.id
        && new RegExp(source).test(last.querySelector('.md-body')?.textContent ?? '');
    }, { n: before, source: answer.source }, { timeout: 60_000 });
    const all = chat.locator('.message.assistant');
    return { call: all.nth(before), answer: all.nth(before + 1) };
  }

  /** For the screenshot: drag the side bar's edge so the card and the answer fit side by side with the editor. */
  async function widenSideBar() {
    const bar = await wb.page.locator('.part.sidebar').boundingBox();
    if (!bar) return;
    const edge = bar.x + bar.width + 1;
    await wb.page.mouse.move(edge, bar.y + bar.height / 2);
    await wb.page.mouse.down();
    await wb.page.mouse.move(edge + 360, bar.y + bar.height / 2, { steps: 8 });
    await wb.page.mouse.up();
    await wb.page.mouse.move(bar.x + bar.width + 500, bar.y + 40);
  }

  async function openCard(msg) {
    const card = msg.locator('.md-tool-call').first();
    assert.equal(await card.getAttribute('open'), null, 'collapsed by default');
    await card.locator('summary').focus();
    await card.locator('summary').press('Enter');
    await card.locator('.md-tool-call-result').waitFor();
    return card;
  }

  test('ConverseStream: the model reads a workspace file with read_file and answers with it; the tool result goes back as toolResult', async () => {
    await chooseTools(['read_file']);
    const { call, answer } = await askWithTools('Use read_file to show me notes.txt');
    assert.match(await answer.locator('.md-body').textContent(), /the owl delivers the mail at dawn/);
    const card = await openCard(call);
    assert.match(await card.locator('.md-tool-call-name').textContent(), /^read_file$/);
    assert.deepEqual(JSON.parse(await card.locator('.md-tool-call-arguments').textContent()), { path: 'notes.txt' });
    assert.equal(await card.locator('.md-tool-call-result').textContent(), NOTES);
    assert.match(await card.locator('.md-tool-call-status').textContent(), /\d+(\.\d)? m?s/);

    const sent = wb.emu.requests.filter(r => r.route === 'converse-stream').slice(-2);
    assert.deepEqual(sent[0].body.toolConfig.tools.map(t => t.toolSpec.name), ['read_file']);
    const toolUse = sent[1].body.messages.at(-2).content.find(c => c.toolUse).toolUse;
    assert.deepEqual(toolUse.input, { path: 'notes.txt' });
    assert.deepEqual(sent[1].body.messages.at(-1), { role: 'user', content: [{ toolResult: { toolUseId: toolUse.toolUseId, content: [{ text: NOTES }], status: 'success' } }] });
  });

  test('Responses (chained): the second request carries only the function_call_output on previous_response_id', async () => {
    await chat.locator('button[aria-label="New chat"]').click();
    await chat.locator('#pick-model').click();
    await wb.page.locator('.quick-input-widget input').fill('gpt-oss-120b');
    await pickRow('gpt-oss-120b');
    await chat.locator('#pick-family').click();
    await pickRow('bedrock-mantle');
    await chat.locator('#pick-style').click();
    await pickRow('OpenAI Responses');
    await chat.locator('#pick-style', { hasText: 'OpenAI Responses' }).waitFor({ timeout: 15_000 });
    await chat.locator('#pick-tools', { hasText: '1 tool' }).waitFor({ timeout: 15_000 });

    const { call, answer } = await askWithTools('Use read_file to show me notes.txt');
    assert.match(await answer.locator('.md-body').textContent(), /the owl delivers the mail at dawn/);
    const card = await openCard(call);
    assert.equal(await card.locator('.md-tool-call-result').textContent(), NOTES);

    const sent = wb.emu.requests.filter(r => r.route === 'responses.create').slice(-2);
    assert.deepEqual(sent[0].body.tools.map(t => t.name), ['read_file']);
    assert.ok(sent[1].body.previous_response_id, 'the tool result is chained on the reply that called the tool');
    assert.equal(sent[1].body.input.length, 1);
    assert.equal(sent[1].body.input[0].type, 'function_call_output');
    assert.equal(sent[1].body.input[0].output, NOTES);
    assert.deepEqual(await axeFindings(chat), [], 'an open tool card and the tools pill pass axe');
    await widenSideBar();
    await call.evaluate(e => e.scrollIntoView({ block: 'start' }));
    await wb.page.screenshot({ path: path.join(results, 'chat-tools.png') });
    fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
  });

  test('propose_edit shows a diff; Reject leaves the file as it was, Accept writes it', async () => {
    await chooseTools(['read_file', 'propose_edit']);
    const file = path.join(workspace, 'notes.txt');
    const toast = wb.page.locator('.notification-toast', { hasText: 'proposed edit to notes.txt' });

    await sendChat(chat, 'Use propose_edit on notes.txt with "The owl now comes at noon."');
    await wb.page.locator('.monaco-diff-editor').first().waitFor({ timeout: 30_000 });
    await wb.page.locator('.tab', { hasText: 'proposed edit' }).first().waitFor();
    await toast.waitFor();
    // the shot once the question is in view and the toast has faded in
    await chat.evaluate(() => { const t = document.getElementById('transcript'); t.scrollTop = t.scrollHeight; });
    await wb.page.waitForFunction(() => [...document.querySelectorAll('.notification-toast')].some(t => getComputedStyle(t).opacity === '1'));
    await wb.page.screenshot({ path: path.join(results, 'chat-propose-edit.png') });
    await toast.locator('.monaco-button', { hasText: 'Reject' }).click();
    const rejected = await lastAnswer(/The tool returned/);
    assert.equal(fs.readFileSync(file, 'utf8'), NOTES, 'rejected: unchanged');
    const rejectedCard = await openCard(rejected.call);
    assert.match(await rejectedCard.locator('.md-tool-call-result').textContent(), /rejected the edit/);

    await sendChat(chat, 'Use propose_edit on notes.txt with "The owl now comes at noon."');
    await toast.locator('.monaco-button', { hasText: 'Accept' }).click();
    await lastAnswer(/accepted the edit/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'The owl now comes at noon.');
  });

  /** The reply that called the tool and the answer after it, once that answer has rendered. */
  async function lastAnswer(answer) {
    await chat.waitForFunction(source => {
      const last = [...document.querySelectorAll('.message.assistant')].at(-1);
      return last && !last.classList.contains('streaming') && document.body.dataset.lastRendered === last.dataset.id && new RegExp(source).test(last.querySelector('.md-body')?.textContent ?? '');
    }, answer.source, { timeout: 60_000 });
    const all = chat.locator('.message.assistant');
    const n = await all.count();
    return { call: all.nth(n - 2), answer: all.nth(n - 1) };
  }

  test('tool cards survive closing and reopening VS Code', async () => {
    const before = await chat.locator('.md-tool-call-result').allTextContents();
    assert.ok(before.length >= 3);
    await wb.restart();
    chat = await wb.openBedrockView();
    await chat.locator('.md-tool-call').first().waitFor({ timeout: 30_000 });
    assert.deepEqual(await chat.locator('.md-tool-call-result').allTextContents(), before);
  });
});
