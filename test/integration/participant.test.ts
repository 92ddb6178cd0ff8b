// Issue 10, point 2 in a real VS Code: the @bedrock participant's handler, run for each slash command with a
// recorder that implements ChatResponseStream, against the emulator and the real migration engine.
import * as assert from 'assert';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import type { BedrockWorkbenchApi } from '../../src/extension';
import { screenshot } from './screenshot';
import { pointAtEmulator } from './emulatorSettings';

const EXTENSION_ID = 'bedrock-workbench.bedrock-workbench';

/** Everything a participant can send to VS Code's chat view, kept in order. */
class ResponseRecorder implements vscode.ChatResponseStream {
  readonly parts: Array<{ kind: string; value: unknown }> = [];
  markdown(value: string | vscode.MarkdownString): void { this.parts.push({ kind: 'markdown', value: typeof value === 'string' ? value : value.value }); }
  anchor(value: vscode.Uri | vscode.Location, title?: string): void { this.parts.push({ kind: 'anchor', value: { value, title } }); }
  button(command: vscode.Command): void { this.parts.push({ kind: 'button', value: command }); }
  filetree(value: vscode.ChatResponseFileTree[], baseUri: vscode.Uri): void { this.parts.push({ kind: 'filetree', value: { value, baseUri } }); }
  progress(value: string): void { this.parts.push({ kind: 'progress', value }); }
  reference(value: vscode.Uri | vscode.Location): void { this.parts.push({ kind: 'reference', value }); }
  push(part: vscode.ChatResponsePart): void { this.parts.push({ kind: 'push', value: part }); }
  get text(): string { return this.parts.filter(p => p.kind === 'markdown').map(p => p.value as string).join(''); }
  get markdownCount(): number { return this.parts.filter(p => p.kind === 'markdown').length; }
  get buttons(): vscode.Command[] { return this.parts.filter(p => p.kind === 'button').map(p => p.value as vscode.Command); }
}

suite('@bedrock chat participant against the emulator', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let handler: vscode.ChatRequestHandler;
  let model: vscode.LanguageModelChat;
  const config = () => vscode.workspace.getConfiguration('bedrock');
  const SETTINGS = ['runtimeEndpoint', 'mantleEndpoint', 'controlPlaneEndpoint', 'region'];
  const workspaceFile = (name: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);

  async function run(command: string | undefined, prompt: string, references: vscode.ChatPromptReference[] = []): Promise<{ out: ResponseRecorder; result: vscode.ChatResult }> {
    const out = new ResponseRecorder();
    const request: vscode.ChatRequest = { prompt, command, references, toolReferences: [], toolInvocationToken: undefined as never, model };
    const result = (await handler(request, { history: [] }, out, new vscode.CancellationTokenSource().token)) ?? {};
    return { out, result };
  }

  /**
   * VS Code's own chat view needs a default chat agent (Copilot, signed in online), so it is not available in the
   * offline harness: the screenshot shows the recorded answer rendered by VS Code's markdown preview instead.
   */
  async function showTranscript(prompt: string, out: ResponseRecorder, name: string): Promise<void> {
    const buttons = out.buttons.map(b => `\`[${b.title}]\``).join(' ');
    // a file, not an untitled document: closing it afterwards asks nothing
    const file = vscode.Uri.file(path.join(os.tmpdir(), `${name}.md`));
    await vscode.workspace.fs.writeFile(file, Buffer.from(`**You:** ${prompt}\n\n---\n\n**@bedrock:**\n\n${out.text}\n\n${buttons}\n`));
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.commands.executeCommand('markdown.showPreview', file);
    // the rendered bold drops the asterisks: this text exists only once the preview has rendered
    await screenshot(name, 45_000, `You: ${prompt}`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }

  suiteSetup(async () => {
    emu = await startEmulator();
    await pointAtEmulator(emu);
    const testing = (await vscode.extensions.getExtension<BedrockWorkbenchApi>(EXTENSION_ID)!.activate()).testing!;
    await testing.credentials.storeAccessKeys(emu.accessKeyId, emu.secretAccessKey);
    handler = testing.chatHandler;
    // the model chosen in VS Code's chat model picker: a Bedrock model, as the participant's user would pick it
    [model] = await vscode.lm.selectChatModels({ vendor: 'bedrock', id: 'mistral.mistral-large-3' });
    assert.ok(model, 'the mantle model is offered');
  });

  suiteTeardown(async () => {
    for (const key of SETTINGS) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    const testing = (await vscode.extensions.getExtension<BedrockWorkbenchApi>(EXTENSION_ID)!.activate()).testing!;
    await testing.credentials.forgetSecrets();
    await emu.close();
  });

  test('/ask (and no command) streams the answer as markdown from the model chosen in the picker', async () => {
    for (const command of ['ask', undefined]) {
      // paced, so the answer arrives over several network reads (a burst in one read is one part)
      emu.scriptFaults([{ fault: 'tokens-per-second:400', path: 'chat/completions' }]);
      const before = emu.requests.length;
      const { out, result } = await run(command, 'What is a Bedrock inference profile?');
      assert.match(out.text, /You asked: "What is a Bedrock inference profile\?"/);
      assert.ok(out.markdownCount > 3, `streamed in ${out.markdownCount} parts`);
      assert.deepStrictEqual(result.metadata, { command: 'ask' });
      const sent = emu.requests.slice(before).find(r => r.family === 'mantle');
      assert.strictEqual(sent?.route, 'chat.completions', 'the picker\'s mantle model answered');
      assert.strictEqual((sent.body as { model: string }).model, 'mistral.mistral-large-3');
    }
  });

  test('/ask reports a Bedrock failure as the turn\'s error with the next step as a button', async () => {
    emu.scriptFaults([{ fault: 'expired-token', family: 'mantle' }]);
    const { out, result } = await run('ask', 'This will fail');
    assert.match(result.errorDetails?.message ?? '', /^Bedrock: Your AWS credentials have expired\./);
    assert.deepStrictEqual(out.buttons.map(b => b.command), ['bedrock.signIn']);
  });

  test('/explain sends the active selection and streams the explanation', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('app.py'));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(5, 0, 10, 0);
    const selected = doc.getText(editor.selection);
    const before = emu.requests.length;
    emu.scriptFaults([{ fault: 'tokens-per-second:400', path: 'chat/completions' }]);
    const { out, result } = await run('explain', '');
    assert.ok(out.markdownCount > 3);
    assert.deepStrictEqual(result.metadata, { command: 'explain' });
    const ref = out.parts.find(p => p.kind === 'reference')?.value as vscode.Location;
    assert.strictEqual(ref.uri.toString(), doc.uri.toString());
    assert.strictEqual(ref.range.start.line, 5);
    const body = emu.requests.slice(before).find(r => r.family === 'mantle')?.body as { messages: { content: string }[] };
    const prompt = body.messages.at(-1)!.content;
    assert.match(prompt, /^Explain what this code from app\.py does/);
    assert.ok(prompt.includes(selected), 'the selected code went to the model');
  });

  test('/migrate streams the migration diff of the active file; its button applies exactly that change', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('app.py'));
    await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    const { out, result } = await run('migrate', '');
    assert.deepStrictEqual(result.metadata, { command: 'migrate', target: 'mantle' });
    const diff = /````?diff\n([\s\S]*?)\n````?/.exec(out.text)?.[1];
    assert.ok(diff, `a diff block in: ${out.text}`);
    assert.match(diff, /^-client = OpenAI\(\)$/m);
    assert.match(diff, /^\+.*bedrock/m);
    assert.strictEqual(doc.getText(), original, 'nothing changes before the user applies it');
    const [button] = out.buttons;
    assert.strictEqual(button.command, 'bedrock.migrateOpenAICode');
    assert.deepStrictEqual(button.arguments?.[2], { target: 'mantle', preview: true });
    // the button opens the refactor preview; apply without it here, then the file must carry the diff's added lines
    await vscode.commands.executeCommand(button.command, button.arguments![0], button.arguments![1], { ...button.arguments![2], preview: false });
    const added = diff.split('\n').filter(l => l.startsWith('+') && !l.startsWith('+++')).map(l => l.slice(1));
    for (const line of added) assert.ok(doc.getText().includes(line), `the file has ${line}`);
    assert.ok(!doc.getText().includes('client = OpenAI()\n'));
    await vscode.commands.executeCommand('undo');

    const converse = await run('migrate', 'converse');
    assert.deepStrictEqual(converse.result.metadata, { command: 'migrate', target: 'converse' });
    assert.match(converse.out.text, /boto3/);
    await showTranscript('@bedrock /migrate', out, 'integration-participant-migrate');
  });

  test('/migrate without an SDK call says so instead of showing an empty diff', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'print("no SDK here")\n' });
    await vscode.window.showTextDocument(doc);
    const { out } = await run('migrate', '');
    assert.match(out.text, /No OpenAI or Anthropic SDK calls were found/);
    assert.deepStrictEqual(out.buttons, []);
  });

  test('/api answers from the decision table with a starter snippet and a button that opens it', async () => {
    const { out, result } = await run('api', 'a real-time voice assistant in Python');
    assert.deepStrictEqual(result.metadata, { command: 'api', need: 'realtime-voice' });
    assert.match(out.text, /Use \*\*InvokeModelWithBidirectionalStream\*\* on \*\*bedrock-runtime\*\*/);
    assert.match(out.text, /````python\n/);
    const [button] = out.buttons;
    assert.strictEqual(button.command, 'bedrock.whichApi');
    const opened = await vscode.commands.executeCommand<{ snippet: vscode.Uri; apiName: string }>(button.command, ...(button.arguments ?? []));
    assert.strictEqual(opened.apiName, 'InvokeModelWithBidirectionalStream');
    assert.strictEqual((await vscode.workspace.openTextDocument(opened.snippet)).languageId, 'python');

    await showTranscript('@bedrock /api a real-time voice assistant in Python', out, 'integration-participant-api');

    const table = await run('api', 'hmm');
    assert.match(table.out.text, /\| you are building \| use \| endpoint family \|/);
    assert.strictEqual(table.out.text.split('\n').filter(l => l.startsWith('| ') && !l.startsWith('| you')).length, 8);
  });
});
