// Issue 18 in the real workbench against the emulator: reasoning chosen from the chat's pill shows collapsed with its
// token count, prompt caching puts cache read and write tokens in the second reply's footer, and a reply sent to the
// background survives closing and reopening VS Code and shows its text when done.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { askChat, results, startWorkbench } from './support/workbench.mjs';

describe('reasoning, caching and background replies in the chat panel', () => {
  let wb, chat;
  // long enough that the job is still running when the window is reopened
  before(async () => {
    wb = await startWorkbench({ emulator: { asyncJobDurationMs: 15_000 }, settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
    chat = await wb.openBedrockView();
  });
  after(() => wb?.close());

  async function pick(pill, filter, row) {
    await chat.locator(pill).click();
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor();
    if (filter) await input.fill(filter);
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first().waitFor();
    await wb.page.keyboard.press('Enter');
  }

  test('Claude with a thinking budget: the reply shows its reasoning collapsed with a token count; the second reply\'s footer has cache tokens', async () => {
    await pick('#pick-model', 'Claude Sonnet 4.5', 'Claude Sonnet 4.5');
    await chat.locator('#pick-model', { hasText: 'Claude Sonnet' }).waitFor();
    await chat.locator('#toggle-cache.at-default[aria-label^="Cache on"]').waitFor();
    await pick('#pick-reasoning', '4,096', 'Thinking budget 4,096');
    await chat.locator('#pick-reasoning', { hasText: 'Thinking 4,096' }).waitFor();
    const first = chat.locator(`.message.assistant[data-id="${await askChat(chat, 'Why is the sky blue?')}"]`);
    const reasoning = first.locator('details.md-reasoning');
    assert.equal(await reasoning.count(), 1, 'a reasoning block');
    assert.equal(await reasoning.evaluate(d => d.open), false, 'collapsed');
    assert.match(await reasoning.locator('summary').textContent(), /Reasoning · ≈\d+ tokens \(estimate\)/);
    const second = chat.locator(`.message.assistant[data-id="${await askChat(chat, 'And at sunset?')}"]`);
    const footer = await second.locator('.message-footer .meta').first().textContent();
    assert.match(footer, /\d+ cache read/);
    assert.match(footer, /\d+ cache write/);
    // the reply from its top: the collapsed reasoning, the answer and the footer in one picture
    await second.evaluate(el => el.scrollIntoView({ block: 'start' }));
    await wb.page.screenshot({ path: path.join(results, 'chat-reasoning.png') });
  });

  test('a reply sent to the background survives closing and reopening VS Code and shows its text when done', async () => {
    await pick('#pick-model', 'gpt-oss-120b', 'gpt-oss-120b');
    await chat.locator('#pick-model', { hasText: 'gpt-oss-120b' }).waitFor();
    await pick('#pick-style', 'OpenAI Responses', 'OpenAI Responses');
    await chat.locator('#pick-style', { hasText: 'OpenAI Responses' }).waitFor();
    await pick('#pick-family', 'mantle', 'bedrock-mantle');
    await chat.locator('#pick-family', { hasText: 'bedrock-mantle' }).waitFor();
    await chat.locator('#send-background:not([disabled])').waitFor({ timeout: 15_000 });
    await chat.locator('#input').fill('Summarise the history of queues.');
    const users = await chat.locator('.message.user').count();
    await chat.locator('#send-background').click();
    await chat.locator('.message.user').nth(users).waitFor();
    const pending = chat.locator('.message.assistant').last();
    await pending.locator('.background-status').waitFor({ timeout: 15_000 });
    assert.match(await pending.locator('.background-status').textContent(), /(Queued|In progress) in the background/);
    await wb.page.screenshot({ path: path.join(results, 'chat-background.png') });
    const id = await pending.getAttribute('data-id');
    // the next turn chains on it: sending waits, and the typed text stays
    await chat.locator('#input').fill('Next question');
    await chat.locator('#input').press('Enter');
    await chat.locator('.composer-notice', { hasText: 'background reply is still running' }).waitFor();
    assert.equal(await chat.locator('#input').inputValue(), 'Next question');
    assert.equal(await chat.locator('.message.user').count(), users + 1, 'nothing sent');
    await chat.locator('#input').fill('');
    await wb.restart();
    chat = await wb.openBedrockView();
    const reply = chat.locator(`.message.assistant[data-id="${id}"]`);
    await reply.locator('.meta', { hasText: 'done in the background' }).waitFor({ timeout: 60_000 });
    await chat.locator('#transcript:not([aria-busy="true"])').waitFor(); // older replies render in idle time
    assert.ok((await reply.locator('.md-body').textContent()).length > 0, 'its text');
    assert.match(await reply.locator('.message-footer .meta').first().textContent(), /\d+ in · \d+ out/);
    assert.ok(!wb.emu.requests.some(r => r.route === 'responses.cancel'), 'closing VS Code did not cancel it');
  });
});
