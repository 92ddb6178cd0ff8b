// Projects and server-side state as a user meets them (issue 18), in the real workbench against the emulator: a
// project created from the Projects view (name, tags, retention asked in turn) is listed with its status, chosen for
// the chat from the project pill, and sent as the OpenAI-Project header on Responses; the server-state pill turns
// `store` off, and the next turn goes out with store: false and the whole history.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { askChat, results, startWorkbench } from './support/workbench.mjs';

describe('Projects view and the chat\'s project and server-state pills', () => {
  let wb, chat;
  before(async () => {
    wb = await startWorkbench({ emulator: true, settings: {
      'workbench.colorTheme': 'Default Dark Modern', 'bedrock.defaultModel': 'openai.gpt-oss-120b', 'bedrock.defaultApiStyle': 'responses',
      'bedrock.endpointFamily': 'mantle',
    } });
    chat = await wb.openBedrockView();
  });
  after(() => wb?.close());

  /**
   * Answers the quick input titled `title` once it is on screen: types `text` and accepts (Enter), or picks the row
   * showing `row`. Waiting for the title matters: the steps of one question reuse the same input element.
   */
  async function answer(title, text, row) {
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 30_000 });
    const input = wb.page.locator('.quick-input-widget input');
    await input.fill(text);
    if (row) {
      const item = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first();
      await item.waitFor({ timeout: 30_000 });
      await item.click();
    } else {
      await input.press('Enter');
    }
  }

  test('create a project in the Projects view, choose it from the pill, and the Responses turn carries it', async () => {
    const projectsView = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /Projects/i }) }).first();
    const header = projectsView.locator('.pane-header').first();
    await header.waitFor({ timeout: 30_000 });
    if (await header.getAttribute('aria-expanded') === 'false') await header.click();
    await header.hover();
    await projectsView.locator('.actions [aria-label*="Create"]').first().click();
    await answer('(1/3)', 'ui team');
    await answer('(2/3)', 'team=ui, env=test');
    await answer('(3/3)', 'No retention', 'No retention');
    const row = projectsView.locator('.monaco-list-row', { hasText: 'ui team' });
    await row.waitFor({ timeout: 30_000 });
    const created = wb.emu.requests.find(r => r.route === 'create-project');
    assert.deepEqual(created?.body, { name: 'ui team', tags: [{ key: 'team', value: 'ui' }, { key: 'env', value: 'test' }], dataRetention: { mode: 'none' } });

    const pill = chat.locator('#pick-project');
    // at its default the pill shows only its icon; the value is in its name and tooltip
    assert.match(await pill.getAttribute('aria-label'), /^Default project, choose project/);
    assert.equal((await pill.textContent()).trim(), '');
    await pill.click();
    await answer('Project for this chat', 'ui team', 'ui team');
    await chat.locator('#pick-project', { hasText: 'ui team' }).waitFor({ timeout: 15_000 });

    const before = wb.emu.requests.length;
    const id = await askChat(chat, 'Hello from the project');
    const sent = wb.emu.requests.slice(before).filter(r => r.route === 'responses.create');
    assert.equal(sent.length, 1);
    assert.match(sent[0].headers['openai-project'] ?? '', /^proj_/, 'the Responses request carries the OpenAI-Project header');
    const reply = chat.locator(`.message.assistant[data-id="${id}"]`);
    assert.equal((await reply.locator('.message-error').allTextContents()).join('').trim(), '', 'the reply did not fail');
    assert.match(await reply.locator('.message-footer .meta').textContent(), /openai\.gpt-oss-120b · OpenAI Responses · bedrock-mantle · project ui team/);
    await wb.page.screenshot({ path: path.join(results, 'chat-projects.png') });
  });

  test('the server-state pill keeps the next turn off the server: store false, no previous_response_id, the whole history', async () => {
    const pill = chat.locator('#toggle-server-state');
    assert.match(await pill.getAttribute('aria-label'), /^Stored on server/);
    await pill.click();
    await chat.locator('#toggle-server-state', { hasText: 'Not stored' }).waitFor({ timeout: 15_000 });
    const before = wb.emu.requests.length;
    await askChat(chat, 'And this one stays off the server');
    const [sent] = wb.emu.requests.slice(before).filter(r => r.route === 'responses.create');
    assert.equal(sent.body.store, false);
    assert.equal(sent.body.previous_response_id, undefined);
    assert.ok(Array.isArray(sent.body.input) && sent.body.input.length >= 3, `the whole history goes out: ${JSON.stringify(sent.body).slice(0, 600)}`);
  });
});

