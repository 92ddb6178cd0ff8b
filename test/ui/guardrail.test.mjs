// Guardrails in the chat panel end to end: the real workbench (code-server) + the extension + the local emulator,
// driven like a user in Debian Chromium. The guardrail is chosen from the account with the panel's shield pill; a
// blocked question shows what was blocked and why, in words, and the next question gets a normal answer.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { askChat, results, startWorkbench } from './support/workbench.mjs';

describe('guardrails in the chat panel', () => {
  let wb, chat;
  before(async () => {
    wb = await startWorkbench({ emulator: true, settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
    chat = await wb.openBedrockView();
  });
  after(() => wb?.close());

  const ask = text => askChat(chat, text);
  const reply = id => chat.locator(`.message.assistant[data-id="${id}"]`);

  test('the shield pill lists the account\'s guardrails and chooses one (and a version) for this chat', async () => {
    await chat.locator('#pick-guardrail.at-default[aria-label^="No guardrail"]').waitFor();
    await chat.locator('#pick-guardrail').click();
    const row = name => wb.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
    await row('emulator-default').waitFor({ timeout: 30_000 });
    await row('emulator-default').click();
    await row('Version 1').waitFor({ timeout: 30_000 });
    await row('Version 1').click();
    await chat.locator('#pick-guardrail', { hasText: 'emulator-default v1' }).waitFor({ timeout: 15_000 });
    assert.ok(wb.emu.requests.some(r => r.route === 'list-guardrails'), 'listed from the account (ListGuardrails)');
  });

  test('a blocked question shows what was blocked and why, and the conversation goes on', async () => {
    const id = await ask('Give me stock tips for investing my savings');
    const sent = wb.emu.requests.at(-1);
    assert.deepEqual(sent.body.guardrailConfig, { guardrailIdentifier: 'gr0emulator01', guardrailVersion: '1', trace: 'enabled' });
    const msg = reply(id);
    assert.equal((await msg.locator('.md-body').textContent()).trim(), 'Sorry, the model cannot answer this question.');
    const box = msg.locator('.message-guardrail');
    assert.equal(await box.getAttribute('role'), 'note');
    assert.equal(await box.locator('.guardrail-headline').textContent(), 'Guardrail emulator-default blocked the input: denied topic Investment advice.');
    assert.deepEqual(await box.locator('.guardrail-findings li').allTextContents(), ['Input · Denied topic: Investment advice — blocked']);
    assert.doesNotMatch(await box.textContent(), /[{}]|topicPolicy/, 'described in words, not raw JSON');
    assert.match(await msg.locator('.message-footer .meta').textContent(), /blocked by guardrail/);
    await wb.page.screenshot({ path: path.join(results, 'chat-guardrail.png') });

    wb.emu.scriptReplies(['Rivers carve valleys over millions of years.']);
    const next = reply(await ask('Tell me about rivers'));
    assert.equal((await next.locator('.md-body').textContent()).trim(), 'Rivers carve valleys over millions of years.');
    assert.equal(await next.locator('.message-guardrail').count() && await next.locator('.message-guardrail').textContent(), '');
    const texts = wb.emu.requests.at(-1).body.messages.map(m => m.content.map(c => c.text).join(''));
    assert.deepEqual(texts, ['Tell me about rivers'], 'the blocked turn is not sent again');
  });

  test('an API style without guardrails says the guardrail is not applied', async () => {
    await chat.locator('#pick-style').click();
    const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'OpenAI Chat Completions' }).first();
    await row.waitFor();
    await row.click();
    await chat.locator('.selection-warning', { hasText: 'guardrail is not applied' }).waitFor({ timeout: 15_000 });
  });
});
