// Issue 17, "Conversations and state", through the chat's controller in a real VS Code against the emulator: a
// second store on the chat's storage folder stands in for a second window (each window has its own extension host).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import type { BedrockWorkbenchApi } from '../../src/extension';
import { ConversationStore } from '../../src/chat/conversationStore';
import type { HostMessage } from '../../src/chat/protocol';
import { openChatOnEmulator } from './emulatorSettings';

const EXTENSION_ID = 'bedrock-workbench.bedrock-workbench';
const NOVA = 'us.amazon.nova-lite-v1:0';

suite('Conversations across windows, and edit and resend (issue 17)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let api: Required<BedrockWorkbenchApi>;
  let sub: vscode.Disposable | undefined;
  const posted: HostMessage[] = [];
  const listeners = new Set<(m: HostMessage) => void>();
  const controller = () => api.chatView.controller;
  const SETTINGS = ['runtimeEndpoint', 'mantleEndpoint', 'controlPlaneEndpoint', 'region'];

  /** The next message the chat posts to its webview that `matches`. */
  function nextPosted(matches: (m: HostMessage) => boolean): Promise<HostMessage> {
    return new Promise(resolve => {
      const l = (m: HostMessage) => {
        if (!matches(m)) return;
        listeners.delete(l);
        resolve(m);
      };
      listeners.add(l);
    });
  }

  suiteSetup(async () => {
    emu = await startEmulator();
    api = await openChatOnEmulator(emu, EXTENSION_ID);
    sub = api.chatView.onDidPostMessage(m => {
      posted.push(m);
      for (const l of [...listeners]) l(m);
    });
  });

  suiteTeardown(async () => {
    sub?.dispose();
    for (const key of SETTINGS) await vscode.workspace.getConfiguration('bedrock').update(key, undefined, vscode.ConfigurationTarget.Global);
    await api.testing.credentials.forgetSecrets();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await emu.close();
  });

  test('edit and resend sends the model exactly the edited text, `$$`, `$&`, `` $` `` and `$\'` included', async () => {
    await controller().newConversation();
    await controller().setSelection({ model: NOVA, apiStyle: 'converse-stream', family: 'runtime' });
    await controller().send('What does the first plan cost?');
    const first = controller().store.active.messages.find(m => m.role === 'user')!;
    const edited = 'Is it $$5, or $& with $` and $\' as typed?';
    const before = emu.requests.length;
    await controller().editResend(first.id, edited);
    const sent = emu.requests.slice(before).find(r => r.route === 'converse-stream')?.body as { messages: { role: string; content: { text?: string }[] }[] };
    assert.deepStrictEqual(sent.messages.map(m => [m.role, m.content.map(c => c.text)]), [['user', [edited]]]);
    assert.strictEqual(controller().store.active.messages[0].text, edited, 'the chat shows what was sent');
  });

  test('a message and a deletion made in another window reach the open chat without a reload', async () => {
    await controller().newConversation();
    await controller().send('Hello from this window');
    const id = controller().store.active.id;
    const other = new ConversationStore(controller().store.dir);
    try {
      const shown = nextPosted(m => m.type === 'conversation' && m.conversation.id === id && m.conversation.messages.some(x => x.text === 'Typed in the other window'));
      const conv = other.get(id)!;
      conv.messages.push({ id: 'other-1', role: 'user', text: 'Typed in the other window' });
      await other.save(conv);
      await shown;
      assert.deepStrictEqual(controller().store.active.messages.map(m => m.role), ['user', 'assistant', 'user']);

      const switched = nextPosted(m => m.type === 'conversation' && m.conversation.id !== id);
      await other.delete(id);
      await switched;
      assert.strictEqual(controller().store.get(id), undefined, 'the deleted chat is gone here too');
      await controller().send('A message after the deletion');
      assert.strictEqual(new ConversationStore(controller().store.dir, { watch: false }).get(id), undefined, 'and it is not written back');
    } finally {
      other.dispose();
    }
  });
});
