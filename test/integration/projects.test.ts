// Issue 18 in a real VS Code against the emulator: a Bedrock Project created from the extension, chosen for a chat
// conversation, reaches mantle as the Project header on Responses and as the Workspace header on Messages; then it
// is archived. Also the store switch: a conversation kept off the server sends store: false and never chains.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import type { BedrockWorkbenchApi } from '../../src/extension';
import type { StoredMessage } from '../../src/chat/conversation';
import type { Selection } from '../../src/chat/protocol';
import type { Project } from '../../src/service/control/projects';
import { openChatOnEmulator, sendAndWait as sendAndWaitIn } from './emulatorSettings';

const EXTENSION_ID = 'bedrock-workbench.bedrock-workbench';
const GPT = 'openai.gpt-oss-120b';
const CLAUDE = 'anthropic.claude-sonnet-4-5';

suite('Projects and server-side state in the chat (issue 18)', function () {
  this.timeout(90_000);
  let emu: Emulator;
  let api: Required<BedrockWorkbenchApi>;
  const config = () => vscode.workspace.getConfiguration('bedrock');
  const SETTINGS = ['runtimeEndpoint', 'mantleEndpoint', 'controlPlaneEndpoint', 'region', 'project'];
  const controller = () => api.chatView.controller;

  const sendAndWait = (text: string): Promise<StoredMessage> => sendAndWaitIn(controller(), text);

  async function switchTo(selection: Omit<Selection, 'project'>): Promise<void> {
    const { project } = controller().selection();
    await controller().setSelection({ ...selection, ...(project ? { project } : {}) });
  }

  suiteSetup(async () => {
    emu = await startEmulator();
    api = await openChatOnEmulator(emu, EXTENSION_ID);
  });

  suiteTeardown(async () => {
    for (const key of SETTINGS) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await api.testing.credentials.forgetSecrets();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await emu.close();
  });

  test('a project created from the extension, chosen for a conversation, is sent on Responses (Project) and Messages (Workspace); then archived', async () => {
    const made = await vscode.commands.executeCommand<Project>('bedrock.projects.create', { name: 'integration team', tags: [{ key: 'team', value: 'qa' }], dataRetention: 'none' });
    assert.ok(made && /^proj_/.test(made.id), 'CreateProject returned a project');
    const created = emu.requests.find(r => r.route === 'create-project');
    assert.deepStrictEqual(created?.body, { name: 'integration team', tags: [{ key: 'team', value: 'qa' }], dataRetention: { mode: 'none' } });

    await controller().newConversation();
    await controller().setSelection({ model: GPT, apiStyle: 'responses', family: 'mantle' });
    const chosen = await vscode.commands.executeCommand('bedrock.chooseProject', { id: made.id, name: made.name });
    assert.deepStrictEqual(chosen, { id: made.id, name: made.name });
    assert.deepStrictEqual(controller().selection().project, { id: made.id, name: made.name }, 'kept with the conversation');

    const before = emu.requests.length;
    const first = await sendAndWait('Hello from a project');
    assert.match(first.via ?? '', /project integration team/, 'the footer names the project');
    await switchTo({ model: CLAUDE, apiStyle: 'messages', family: 'mantle' });
    const second = await sendAndWait('And from its workspace');
    assert.match(second.via ?? '', /workspace integration team/);
    const sent = emu.requests.slice(before).filter(r => r.route === 'responses.create' || r.route === 'messages');
    assert.deepStrictEqual(sent.map(r => r.route), ['responses.create', 'messages']);
    assert.strictEqual(sent[0].headers['openai-project'], made.id, 'Responses carries the Project header');
    assert.strictEqual(sent[1].headers['anthropic-workspace-id'], made.id, 'Messages carries the Workspace header');
    assert.deepStrictEqual(sent.map(r => r.project), [made.id, made.id], 'the emulator attributed both to the project');
    const billed = api.testing.usage.summary().rows.filter(r => r.project === made.id).map(r => r.apiStyle).sort();
    assert.deepStrictEqual(billed, ['messages', 'responses'], 'Usage This Session names the project each was billed to');

    // runtime cannot carry it: nothing is sent, and the footer says so
    await switchTo({ model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream', family: 'runtime' });
    const third = await sendAndWait('On runtime');
    assert.match(third.via ?? '', /project integration team not sent/);

    const archived = await vscode.commands.executeCommand<Project>('bedrock.projects.archive', { id: made.id }, { confirmed: true });
    assert.strictEqual(archived?.status, 'archived');
    assert.ok(emu.requests.some(r => r.route === 'archive-project' && r.path === `/projects/${made.id}/archive`));
  });

  test('the bedrock.project setting is the default for a conversation that chose none', async () => {
    const made = await vscode.commands.executeCommand<Project>('bedrock.projects.create', { name: 'from settings' });
    await config().update('project', made.id, vscode.ConfigurationTarget.Global);
    await controller().newConversation();
    await controller().setSelection({ model: GPT, apiStyle: 'chat-completions', family: 'mantle' });
    const before = emu.requests.length;
    await sendAndWait('Default project from settings');
    const sent = emu.requests.slice(before).find(r => r.route === 'chat.completions');
    assert.strictEqual(sent?.headers['openai-project'], made.id);
  });

  test('toggling server state off sends store: false and the whole history, without previous_response_id', async () => {
    await config().update('project', undefined, vscode.ConfigurationTarget.Global);
    await controller().newConversation();
    await controller().setSelection({ model: GPT, apiStyle: 'responses', family: 'mantle' });
    assert.strictEqual(await vscode.commands.executeCommand('bedrock.chat.toggleServerState', false), false);
    assert.strictEqual(controller().selection().store, false, 'kept with the conversation');
    const before = emu.requests.length;
    await sendAndWait('one');
    await sendAndWait('two');
    const bodies = emu.requests.slice(before).filter(r => r.route === 'responses.create').map(r => r.body as { store?: boolean; previous_response_id?: string; input: unknown[] });
    assert.deepStrictEqual(bodies.map(b => [b.store, b.previous_response_id]), [[false, undefined], [false, undefined]]);
    assert.strictEqual(bodies[1].input.length, 3, 'the second turn carries the history');
  });
});
