// Issue 8 points 1 and 5 in a real VS Code against the local emulator: guardrails listed, chosen and sent (the
// emulator's request log shows guardrailConfig and the InvokeModel headers), interventions shown in words in panes
// and stored on chat replies while the chat goes on, Check Text with Guardrail on a selection, and an application
// inference profile created, listed, used as the model id and deleted.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import type { BedrockWorkbenchApi } from '../../src/extension';
import type { PaneStreamResult } from '../../src/frontEndKit/panes/streamIntoPane';
import type { CheckGuardrailResult } from '../../src/commands/guardrails/guardrailCommands';
import type { StoredMessage } from '../../src/chat/conversation';
import type { GuardrailRef } from '../../src/service/model';
import { pointAtEmulator } from './emulatorSettings';

const EXTENSION_ID = 'bedrock-workbench.bedrock-workbench';
const NOVA = 'us.amazon.nova-lite-v1:0';
const HAIKU = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const GUARDRAIL_ID = 'gr0emulator01';

const run = <T>(command: string, args?: unknown) => vscode.commands.executeCommand<T>(command, args);

/**
 * An output pane's text once its footer (or, for Check Text, its verdict) is in: VS Code re-reads a virtual document
 * asynchronously, so a loaded machine can hand back the previous content for a moment.
 */
async function paneText(uri: vscode.Uri, complete = /\n---\n[\s\S]*\*\n$/): Promise<string> {
  const doc = await vscode.workspace.openTextDocument(uri);
  if (complete.test(doc.getText())) return doc.getText();
  await new Promise<void>(resolve => {
    const done = () => { sub.dispose(); clearTimeout(timer); resolve(); };
    const sub = vscode.workspace.onDidChangeTextDocument(e => { if (e.document === doc && complete.test(doc.getText())) done(); });
    const timer = setTimeout(done, 15_000);
  });
  return doc.getText();
}
const api = async () => (await vscode.extensions.getExtension<BedrockWorkbenchApi>(EXTENSION_ID)!.activate());

/** Accepts whatever quick pick is open until `done` settles: bounded polling, as a user pressing Enter would. */
async function acceptQuickPicksUntil<T>(done: Thenable<T>): Promise<T> {
  let settled = false;
  let value: T | undefined;
  void Promise.resolve(done).then(v => { settled = true; value = v; }, () => { settled = true; });
  for (let i = 0; i < 150 && !settled; i++) {
    await new Promise(resolve => setTimeout(resolve, 100));
    if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  assert.ok(settled, 'the command finished');
  return value as T;
}

suite('Guardrails and application inference profiles against the emulator (issue 8)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  const config = () => vscode.workspace.getConfiguration('bedrock');
  const SETTINGS = ['runtimeEndpoint', 'mantleEndpoint', 'controlPlaneEndpoint', 'region', 'guardrail.identifier', 'guardrail.version', 'defaultModel'];

  suiteSetup(async () => {
    emu = await startEmulator();
    await pointAtEmulator(emu);
    await (await api()).testing!.credentials.storeAccessKeys(emu.accessKeyId, emu.secretAccessKey);
  });

  suiteTeardown(async () => {
    for (const key of SETTINGS) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await (await api()).testing!.credentials.forgetSecrets();
    for (const doc of vscode.workspace.textDocuments.filter(d => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await emu.close();
  });

  test('Choose Guardrail lists the account\'s guardrails and their versions, and keeps the choice in settings', async () => {
    const before = emu.requests.length;
    const choice = await acceptQuickPicksUntil(run<GuardrailRef | null | undefined>('bedrock.chooseGuardrail'));
    assert.deepStrictEqual(choice, { id: GUARDRAIL_ID, version: 'DRAFT', name: 'emulator-default' });
    const lists = emu.requests.slice(before).filter(r => r.route === 'list-guardrails');
    assert.strictEqual(lists.length, 2, 'the guardrails, then the versions of the one chosen');
    assert.strictEqual(lists[1].query.guardrailIdentifier, GUARDRAIL_ID);
    assert.strictEqual(config().get('guardrail.identifier'), GUARDRAIL_ID);
    assert.strictEqual(config().get('guardrail.version'), 'DRAFT');
    // and it can be set to a numbered version, or cleared, without UI
    await run('bedrock.chooseGuardrail', { guardrail: { id: GUARDRAIL_ID, version: '1' } });
    assert.strictEqual(config().get('guardrail.version'), '1');
  });

  test('Invoke Model sends guardrailConfig with trace; a blocked prompt shows in the pane what was blocked and why', async () => {
    const r = await run<PaneStreamResult>('bedrock.invokeModel', { model: NOVA, apiStyle: 'converse-stream', prompt: 'Give me stock tips for investing my savings' });
    const sent = emu.requests.at(-1)!;
    assert.strictEqual(sent.route, 'converse-stream');
    assert.deepStrictEqual((sent.body as { guardrailConfig?: unknown }).guardrailConfig, { guardrailIdentifier: GUARDRAIL_ID, guardrailVersion: '1', trace: 'enabled' });
    assert.strictEqual(r.stopReason, 'guardrail_intervened');
    assert.strictEqual(r.answer, 'Sorry, the model cannot answer this question.');
    const pane = await paneText(r.uri);
    assert.match(pane, /Guardrail gr0emulator01 v1 blocked the input: denied topic Investment advice\./);
    assert.match(pane, /Input · Denied topic: Investment advice — blocked/);
    assert.doesNotMatch(pane, /topicPolicy|"action"/, 'the trace is described, not dumped');
  });

  test('InvokeModel (native body) sends the guardrail headers; the verdict comes back from the body', async () => {
    const r = await run<PaneStreamResult>('bedrock.invokeModel', { model: HAIKU, apiStyle: 'invoke-model', prompt: 'This is top secret: summarise it' });
    const sent = emu.requests.at(-1)!;
    assert.strictEqual(sent.route, 'invoke');
    assert.strictEqual(sent.headers['x-amzn-bedrock-guardrailidentifier'], GUARDRAIL_ID);
    assert.strictEqual(sent.headers['x-amzn-bedrock-guardrailversion'], '1');
    assert.strictEqual(sent.headers['x-amzn-bedrock-trace'], 'ENABLED');
    assert.strictEqual(r.stopReason, 'guardrail_intervened');
    assert.match(await paneText(r.uri), /Input · Word filter: “top secret” — blocked/);
  });

  test('an OpenAI style on mantle says the guardrail is not applied, and sends none', async () => {
    emu.scriptReplies(['Unguarded answer.']);
    const r = await run<PaneStreamResult>('bedrock.invokeModel', { model: 'openai.gpt-oss-120b', apiStyle: 'chat-completions', prompt: 'stock tips?' });
    assert.strictEqual(r.answer, 'Unguarded answer.');
    assert.doesNotMatch(JSON.stringify(emu.requests.at(-1)!.body), /guardrail/i);
    assert.match(await paneText(r.uri), /guardrail gr0emulator01 v1 not applied/);
  });

  test('Check Text with Guardrail assesses the selection as output and shows the assessment and the masked text', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Contact jane.doe@example.com about the release.\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, doc.lineAt(0).text.length);
    const r = await run<CheckGuardrailResult>('bedrock.checkGuardrail', { source: 'output' });
    const sent = emu.requests.at(-1)!;
    assert.strictEqual(sent.route, 'apply-guardrail');
    assert.match(sent.path, /\/guardrail\/gr0emulator01\/version\/1\/apply$/);
    assert.deepStrictEqual(sent.body, { source: 'OUTPUT', content: [{ text: { text: 'Contact jane.doe@example.com about the release.' } }] });
    assert.strictEqual(r.report.intervened, true);
    const pane = await paneText(r.uri, /Text after the guardrail/);
    assert.match(pane, /Assessed as \*\*model output\*\*/);
    assert.match(pane, /Output · Sensitive information: Email — masked/);
    assert.match(pane, /Text after the guardrail: “Contact \{EMAIL\} about the release\.”/);
    // the source is asked when not given: the first choice is "as user input"
    await vscode.window.showTextDocument(doc);
    const asked = await acceptQuickPicksUntil(run<CheckGuardrailResult>('bedrock.checkGuardrail'));
    assert.strictEqual((emu.requests.at(-1)!.body as { source: string }).source, 'INPUT');
    assert.strictEqual(asked.report.findings[0]?.source, 'input');
  });

  test('the chat sends the conversation\'s guardrail; an intervention is stored with its reason and the next turn works', async () => {
    const a = await api();
    const chat = a.chatView.controller;
    await chat.newConversation();
    await chat.setSelection({ model: NOVA, apiStyle: 'converse', family: 'runtime', guardrail: { id: GUARDRAIL_ID, version: '1', name: 'emulator-default' } });
    const ended = () => new Promise<StoredMessage>(resolve => { const sub = chat.onDidEndTurn(m => { sub.dispose(); resolve(m); }); });
    let done = ended();
    await chat.send('Which stocks should I buy for investing?');
    const blocked = await done;
    assert.strictEqual(blocked.stopReason, 'guardrail_intervened');
    assert.strictEqual(blocked.guardrail?.headline, 'Guardrail emulator-default blocked the input: denied topic Investment advice.');
    assert.deepStrictEqual(blocked.guardrail?.lines, ['Input · Denied topic: Investment advice — blocked']);
    assert.match(blocked.via ?? '', /guardrail emulator-default v1$/);
    emu.scriptReplies(['Rivers carve valleys.']);
    done = ended();
    await chat.send('Tell me about rivers');
    const next = await done;
    assert.strictEqual(next.text, 'Rivers carve valleys.');
    assert.strictEqual(next.error, undefined);
    const sent = emu.requests.at(-1)!.body as { messages: { content: { text?: string }[] }[]; guardrailConfig?: unknown };
    assert.ok(sent.guardrailConfig, 'the next turn is guarded too');
    assert.deepStrictEqual(sent.messages.map(m => m.content.map(c => c.text).join('')), ['Tell me about rivers'], 'the blocked turn is not sent again');
  });

  test('an application inference profile: created from a system profile with tags, listed, in the catalogue, used as the model id, deleted', async () => {
    await run('bedrock.chooseGuardrail', { guardrail: null });
    const created = await run<{ arn: string }>('bedrock.manageInferenceProfiles', { action: 'create', name: 'team-search-nova', source: NOVA, tags: 'team=search, app=workbench' });
    assert.match(created.arn, /^arn:aws:bedrock:[a-z0-9-]+:\d{12}:application-inference-profile\/\w+$/);
    const createBody = emu.requests.at(-1)!.body as { inferenceProfileName: string; modelSource: { copyFrom: string }; tags: unknown };
    assert.strictEqual(createBody.inferenceProfileName, 'team-search-nova');
    assert.match(createBody.modelSource.copyFrom, /:inference-profile\/us\.amazon\.nova-lite-v1:0$/, 'copied from the system profile\'s ARN');
    assert.deepStrictEqual(createBody.tags, [{ key: 'team', value: 'search' }, { key: 'app', value: 'workbench' }]);

    const listed = await run<{ arn: string; name: string }[]>('bedrock.manageInferenceProfiles', { action: 'list' });
    assert.ok(listed.some(p => p.arn === created.arn && p.name === 'team-search-nova'));
    await run('bedrock.refreshModels');
    const cat = await (await api()).testing!.service.catalogue();
    assert.ok(cat.applicationProfiles.some(p => p.arn === created.arn), 'the catalogue shows the profile');

    await run('bedrock.manageInferenceProfiles', { action: 'use', arn: created.arn });
    assert.strictEqual(config().get('defaultModel'), created.arn);
    // the editor commands now send the ARN, untouched, as the model id
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'def double(x):\n    return x * 2\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 1, 16);
    emu.scriptReplies(['It doubles x.']);
    const r = await run<PaneStreamResult>('bedrock.explainSelection');
    assert.strictEqual(r.answer, 'It doubles x.');
    assert.strictEqual(decodeURIComponent(emu.requests.at(-1)!.path), `/model/${created.arn}/converse-stream`);
    // and so does a new chat, whose model is the default
    const chat = (await api()).chatView.controller;
    await chat.store.create();
    const ended = new Promise<StoredMessage>(resolve => { const sub = chat.onDidEndTurn(m => { sub.dispose(); resolve(m); }); });
    emu.scriptReplies(['Chat through the profile.']);
    await chat.send('hello profile');
    assert.strictEqual((await ended).text, 'Chat through the profile.');
    assert.strictEqual(decodeURIComponent(emu.requests.at(-1)!.path.split('/')[2]), created.arn);

    assert.strictEqual(await run('bedrock.manageInferenceProfiles', { action: 'delete', arn: created.arn, confirm: true }), true);
    const after = await run<{ arn: string }[]>('bedrock.manageInferenceProfiles', { action: 'list' });
    assert.ok(!after.some(p => p.arn === created.arn));
    assert.strictEqual(config().inspect('defaultModel')?.globalValue, undefined, 'a deleted default model is cleared');
  });

  test('the guardrail and profile commands are in the palette; Check Text with Guardrail is on the editor context menu', () => {
    const m = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when?: string }>> } };
    const hidden = m.contributes.menus.commandPalette.filter(e => e.when === 'false').map(e => e.command);
    for (const c of ['bedrock.chooseGuardrail', 'bedrock.checkGuardrail', 'bedrock.manageInferenceProfiles']) assert.ok(!hidden.includes(c), c);
    assert.strictEqual(m.contributes.menus['editor/context'].find(e => e.command === 'bedrock.checkGuardrail')?.when, 'editorHasSelection');
  });
});
