// Service tier, prompt size and cost in the chat panel as a user sees them: the real workbench + the extension +
// the local Bedrock emulator, driven in Debian Chromium.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { askChat, results, startWorkbench } from './support/workbench.mjs';

describe('service tier, token count and cost in the chat panel', () => {
  let wb, chat;
  before(async () => {
    wb = await startWorkbench({ emulator: true, settings: { 'workbench.colorTheme': 'Default Light Modern' } });
    chat = await wb.openBedrockView();
  });
  after(() => wb?.close());

  test('the input shows the prompt size against the context window, labelled as an estimate for Nova', async () => {
    await chat.locator('#input').click();
    await chat.locator('#input').fill('How big is this prompt?');
    const count = chat.locator('#token-count');
    await count.filter({ hasText: /tokens/ }).waitFor({ timeout: 15_000 });
    assert.match(await count.textContent(), /^≈[\d,]+ \/ 300,000 tokens \(estimate\)$/);
  });

  test('the tier chosen from the pill is sent, and the reply footer shows the reported tier and the cost', async () => {
    await chat.locator('#pick-tier').click();
    const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Flex' }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await chat.locator('#pick-tier', { hasText: 'Flex' }).waitFor({ timeout: 15_000 });
    const id = await askChat(chat, 'What does this cost?');
    const meta = await chat.locator(`.message.assistant[data-id="${id}"] .message-footer .meta`).textContent();
    assert.match(meta, /flex tier/);
    assert.match(meta, /\$0\.\d+ · chat \$0\.\d+/);
    const sent = wb.emu.requests.filter(r => r.route === 'converse-stream').at(-1);
    assert.deepEqual(sent.body.serviceTier, { type: 'flex' });
    await wb.page.screenshot({ path: path.join(results, 'chat-cost-light.png') });
  });
});
