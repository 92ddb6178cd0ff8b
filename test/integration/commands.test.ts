// Issue 6 end to end in a real VS Code: every editor command run with its inputs passed as arguments, against the
// local emulator; assertions read the panes, the files written, the Jobs view rows and the emulator's request log.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import type { BedrockWorkbenchApi } from '../../src/extension';
import type { PaneStreamResult } from '../../src/frontEndKit/panes/streamIntoPane';
import type { RefactorResult } from '../../src/commands/invoke/selectionCommands';
import type { RawPayloadResult } from '../../src/commands/rawPayload/rawPayloadCommand';
import type { JobRow } from '../../src/commands/jobs/jobsTree';
import type { VideoJobResult } from '../../src/commands/jobs/videoJobCommand';
import type { SonicResult } from '../../src/commands/runtimeJobs/sonicCommand';
import type { WhichApiResult } from '../../src/commands/whichApiCommand';
import { payloadTemplate, writeWav } from '../../src/service/runtime';
import { screenshot } from './screenshot';
import { pointAtEmulator } from './emulatorSettings';

const EXTENSION_ID = 'bedrock-workbench.bedrock-workbench';
const NOVA = 'us.amazon.nova-lite-v1:0';
const CLAUDE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

const run = <T>(command: string, args?: unknown) => vscode.commands.executeCommand<T>(command, args);
const text = async (uri: vscode.Uri) => (await vscode.workspace.openTextDocument(uri)).getText();

/** Counts document changes per URI while `body` runs: what the editor actually received, not what the code says. */
async function countingChanges<T>(body: () => Thenable<T>): Promise<{ result: T; changes: (uri: vscode.Uri) => number }> {
  const counts = new Map<string, number>();
  const sub = vscode.workspace.onDidChangeTextDocument(e => {
    if (e.contentChanges.length) counts.set(e.document.uri.toString(), (counts.get(e.document.uri.toString()) ?? 0) + 1);
  });
  try {
    const result = await body();
    return { result, changes: uri => counts.get(uri.toString()) ?? 0 };
  } finally {
    sub.dispose();
  }
}

suite('Editor commands against the emulator (issue 6)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let tmp: string;
  const config = () => vscode.workspace.getConfiguration('bedrock');
  const SETTINGS = ['runtimeEndpoint', 'mantleEndpoint', 'controlPlaneEndpoint', 'region', 'jobs.pollIntervalSeconds'];

  suiteSetup(async () => {
    emu = await startEmulator({ asyncJobDurationMs: 1500 });
    await pointAtEmulator(emu);
    await config().update('jobs.pollIntervalSeconds', 0.25, vscode.ConfigurationTarget.Global);
    const ext = vscode.extensions.getExtension<BedrockWorkbenchApi>(EXTENSION_ID)!;
    // SigV4 credentials: Nova Sonic's bidirectional stream does not take API keys.
    await (await ext.activate()).testing!.credentials.storeAccessKeys(emu.accessKeyId, emu.secretAccessKey);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-commands-'));
  });

  suiteTeardown(async () => {
    for (const key of SETTINGS) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    const ext = vscode.extensions.getExtension<BedrockWorkbenchApi>(EXTENSION_ID)!;
    await (await ext.activate()).testing!.credentials.forgetSecrets();
    // Untitled and edited documents would ask "save changes?" on close and block the next suite: revert them first.
    for (const doc of vscode.workspace.textDocuments.filter(d => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await emu.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('Invoke Model… streams the answer into a read-only pane beside the editor, with usage at the end', async () => {
    emu.scriptReplies(['Hello from the emulator, streamed into a pane.']);
    const before = emu.requests.length;
    const r = await run<PaneStreamResult>('bedrock.invokeModel', { model: NOVA, apiStyle: 'converse-stream', prompt: 'Say hello' });
    assert.strictEqual(r.uri.scheme, 'bedrock-output');
    assert.strictEqual(r.answer, 'Hello from the emulator, streamed into a pane.');
    const pane = await text(r.uri);
    assert.match(pane, /^## Prompt\n\n> Say hello\n\nHello from the emulator, streamed into a pane\.\n\n---\n\*us\.amazon\.nova-lite-v1:0 · ConverseStream · \d+ in \/ \d+ out tokens · first token [\d.]+ s · total [\d.]+ s\*\n$/);
    assert.ok(vscode.window.visibleTextEditors.some(e => e.document.uri.toString() === r.uri.toString()), 'the pane is visible');
    // the one inference request (the catalogue may be listed meanwhile by another front end: not counted)
    assert.deepStrictEqual(emu.requests.slice(before).map(q => q.route).filter(route => !/^(list|get)-|^models\./.test(route)), ['converse-stream']);
  });

  test('Invoke Model… remembers model and API style per workspace: the selection commands use them', async () => {
    emu.scriptReplies(['Chat Completions answer.', 'Explained with the remembered style.']);
    await run('bedrock.invokeModel', { model: 'openai.gpt-oss-120b', apiStyle: 'chat-completions', prompt: 'hi' });
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'export const two = 1 + 1;\n' });
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(0, 0, 1, 0);
    const r = await run<PaneStreamResult>('bedrock.explainSelection', {});
    assert.strictEqual(r.answer, 'Explained with the remembered style.');
    const last = emu.requests.at(-1)!;
    assert.strictEqual(last.route, 'chat.completions');
    assert.match(JSON.stringify(last.body), /openai\.gpt-oss-120b/);
    assert.match(JSON.stringify(last.body), /export const two = 1 \+ 1;/, 'the selection was sent');
  });

  test('Invoke Model… for people: the quick picks start on the remembered model and API style', async () => {
    emu.scriptReplies(['Remembered.', 'Picked from the quick picks.']);
    await run('bedrock.invokeModel', { model: NOVA, apiStyle: 'converse', prompt: 'remember this choice' });
    const done = run<PaneStreamResult>('bedrock.invokeModel', { prompt: 'chosen in the UI' });
    let r: PaneStreamResult | undefined;
    // Accept whatever quick pick is open (model, then API style) until the command finishes: bounded polling.
    for (let i = 0; i < 100 && !r; i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      r = await Promise.race([done, new Promise<undefined>(resolve => setTimeout(() => resolve(undefined), 50))]);
    }
    assert.ok(r, 'the command finished');
    assert.strictEqual(r.answer, 'Picked from the quick picks.');
    const last = emu.requests.at(-1)!;
    assert.strictEqual(decodeURIComponent(last.path), `/model/${NOVA}/converse`);
  });

  test('a 20k-token answer arrives in few batched edits (no edit per token), all of it', async () => {
    // paced (4,000 tokens/s, twice a fast model): the service hands up each network read, the pane batches them
    emu.scriptFaults([{ fault: 'long:20000,tokens-per-second:4000', path: 'converse-stream' }]);
    const { result: r, changes } = await countingChanges(() => run<PaneStreamResult>('bedrock.invokeModel', { model: NOVA, apiStyle: 'converse-stream', prompt: 'Write a very long answer' }));
    assert.ok(r.deltas >= 200, `${r.deltas} deltas streamed`);
    assert.ok(r.edits < 100 && r.edits < r.deltas, `${r.edits} edits for ${r.deltas} deltas`);
    assert.ok(changes(r.uri) <= r.edits + 1, `the editor saw ${changes(r.uri)} changes`);
    assert.ok(changes(r.uri) >= 1);
    const pane = await text(r.uri);
    assert.ok(pane.includes(r.answer), 'every streamed character is in the pane');
    assert.match(pane, /\d+ out tokens/);
    assert.ok(r.answer.length > 20_000, `${r.answer.length} characters`);
    await screenshot('integration-pane-20k-tokens');
  });

  test('cancelling stops the stream and leaves the partial text, marked as cancelled', async () => {
    emu.scriptFaults([{ fault: 'long:20000,tokens-per-second:2000', path: 'converse-stream' }]);
    const abort = new AbortController();
    // Cancel once the pane shows some of the answer: a real change event, not a timer.
    const sub = vscode.workspace.onDidChangeTextDocument(e => {
      const t = e.document.uri.scheme === 'bedrock-output' ? e.document.getText() : '';
      if (t.startsWith('## Prompt\n\n> Count slowly') && t.length > 600) abort.abort();
    });
    const started = Date.now();
    let r: PaneStreamResult;
    try {
      r = (await run<PaneStreamResult>('bedrock.invokeModel', { model: NOVA, apiStyle: 'converse-stream', prompt: 'Count slowly', signal: abort.signal }))!;
    } finally {
      sub.dispose();
    }
    assert.strictEqual(r.cancelled, true);
    assert.strictEqual(r.error, undefined);
    assert.ok(Date.now() - started < 8000, 'stopped long before the 10 s the stream would take');
    assert.ok(r.answer.length > 100 && r.answer.length < 60_000, `${r.answer.length} characters kept`);
    const pane = await text(r.uri);
    assert.ok(pane.includes(r.answer), 'the partial answer stays in the pane');
    assert.match(pane, /\*\*Cancelled\*\* — the text above is what arrived before you stopped it\./);
  });

  test('an in-stream error keeps the partial text and says what happened in the pane', async () => {
    emu.scriptFaults([{ fault: 'long:3000,model-stream-error:40', path: 'converse-stream' }]);
    const r = await run<PaneStreamResult>('bedrock.invokeModel', { model: NOVA, apiStyle: 'converse-stream', prompt: 'This will break' });
    assert.strictEqual(r.error?.kind, 'stream-error');
    assert.ok(r.answer.length > 0, 'text before the error is kept');
    const pane = await text(r.uri);
    assert.ok(pane.includes(r.answer));
    assert.match(pane, /\*\*Stopped by an error:\*\* The model stream broke off/);
  });

  test('Ask About Selection sends the question with the code and streams the answer', async () => {
    emu.scriptReplies(['It doubles the input.']);
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'def f(x):\n    return x * 2\n' });
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(0, 0, 2, 0);
    const r = await run<PaneStreamResult>('bedrock.askAboutSelection', { question: 'What does f do?', model: NOVA, apiStyle: 'converse' });
    assert.strictEqual(r.answer, 'It doubles the input.');
    const pane = await text(r.uri);
    assert.ok(pane.startsWith('## What does f do?\n\n> def f(x):\n>     return x * 2'), pane.slice(0, 80));
    const sent = JSON.stringify(emu.requests.at(-1)!.body);
    assert.match(sent, /What does f do\?/);
    assert.match(sent, /```python\\ndef f\(x\):/);
  });

  test('Refactor Selection shows a diff, and Apply replaces the selection in one undo step', async () => {
    const original = 'function add(a, b) {\n  return a + b;\n}\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: `// header\n${original}// footer\n` });
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(1, 0, 4, 0);
    emu.scriptReplies(['Here it is:\n```javascript\nconst add = (a, b) => a + b;\n```\n']);
    let diffSeen = false;
    const sub = vscode.window.tabGroups.onDidChangeTabs(e => {
      diffSeen ||= e.opened.some(t => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'bedrock-output');
    });
    let r: RefactorResult;
    try {
      r = (await run<RefactorResult>('bedrock.refactorSelection', { instruction: 'use an arrow function', model: NOVA, apiStyle: 'converse-stream', decision: 'apply' }))!;
    } finally {
      sub.dispose();
    }
    assert.ok(diffSeen, 'the proposal opened as a diff against the selection');
    assert.strictEqual(r.code, 'const add = (a, b) => a + b;\n');
    assert.strictEqual(r.applied, true);
    assert.strictEqual(doc.getText(), '// header\nconst add = (a, b) => a + b;\n// footer\n');
    assert.ok(!vscode.window.tabGroups.all.some(g => g.tabs.some(t => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === r.uri.toString())), 'the diff closed');
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), `// header\n${original}// footer\n`, 'one undo restores the original');
  });

  test('Refactor Selection with Discard leaves the file untouched', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: 'let x = 1;\n' });
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(0, 0, 1, 0);
    emu.scriptReplies(['```js\nconst x = 1;\n```']);
    const r = await run<RefactorResult>('bedrock.refactorSelection', { instruction: 'use const', model: NOVA, apiStyle: 'converse-stream', decision: 'discard' });
    assert.strictEqual(r.code, 'const x = 1;\n');
    assert.strictEqual(r.applied, false);
    assert.strictEqual(doc.getText(), 'let x = 1;\n');
  });

  test('Raw Payload opens a schema-backed JSON editor with the family template', async () => {
    const r = await run<RawPayloadResult>('bedrock.invokeRawPayload', { model: CLAUDE, stream: false });
    assert.strictEqual(r?.kind, 'opened');
    if (r?.kind !== 'opened') return;
    assert.match(r.document.path, /\.anthropic\.bedrock\.json$/);
    assert.deepStrictEqual(JSON.parse(await text(r.document)), payloadTemplate('anthropic'));
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), r.document.toString());
    assert.strictEqual(vscode.window.activeTextEditor?.document.languageId, 'json');
  });

  test('Raw Payload refuses an invalid body before sending: schema problems become diagnostics', async () => {
    const opened = await run<RawPayloadResult>('bedrock.invokeRawPayload', { model: CLAUDE, stream: false });
    assert.strictEqual(opened?.kind, 'opened');
    if (opened?.kind !== 'opened') return;
    const doc = await vscode.workspace.openTextDocument(opened.document);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), JSON.stringify({ max_tokens: 'ten', messages: [] }, null, 2));
    await vscode.workspace.applyEdit(edit);
    const before = emu.requests.length;
    const r = await run<RawPayloadResult>('bedrock.invokeRawPayload', { document: doc.uri });
    assert.strictEqual(r?.kind, 'invalid');
    if (r?.kind !== 'invalid') return;
    assert.deepStrictEqual(r.problems.map(p => p.message), [
      'the body: missing required field "anthropic_version"',
      '/max_tokens: expected integer, found string',
      '/messages: needs at least 1 item',
    ]);
    assert.strictEqual(emu.requests.length, before, 'nothing was sent');
    const diagnostics = vscode.languages.getDiagnostics(doc.uri).filter(d => d.source === 'Bedrock');
    assert.strictEqual(diagnostics.length, 3);
    assert.strictEqual(diagnostics[1].range.start.line, 1, 'the max_tokens problem is on its line');
    // A syntax error is caught too, with its position.
    const broken = new vscode.WorkspaceEdit();
    broken.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), '{\n  "messages": [\n}');
    await vscode.workspace.applyEdit(broken);
    const syntax = await run<RawPayloadResult>('bedrock.invokeRawPayload', { document: doc.uri });
    assert.strictEqual(syntax?.kind, 'invalid');
    if (syntax?.kind === 'invalid') assert.match(syntax.problems[0].message, /^Not valid JSON/);
    assert.strictEqual(vscode.languages.getDiagnostics(doc.uri).find(d => d.source === 'Bedrock')?.range.start.line, 2);
  });

  test('the JSON language server validates payload files against the family schema (contributes.jsonValidation)', async () => {
    const opened = await run<RawPayloadResult>('bedrock.invokeRawPayload', { model: 'amazon.titan-embed-text-v2:0' });
    assert.strictEqual(opened?.kind, 'opened');
    if (opened?.kind !== 'opened') return;
    const doc = await vscode.workspace.openTextDocument(opened.document);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), '{ "inputText": "x", "dimensions": 100 }');
    await vscode.workspace.applyEdit(edit);
    let fromSchema: vscode.Diagnostic[] = [];
    for (let i = 0; i < 100 && !fromSchema.length; i++) {
      await new Promise(r => setTimeout(r, 100)); // bounded poll: the language server reports asynchronously
      fromSchema = vscode.languages.getDiagnostics(doc.uri).filter(d => d.source !== 'Bedrock');
    }
    assert.ok(fromSchema.some(d => /256|512|1024/.test(d.message)), JSON.stringify(fromSchema.map(d => d.message)));
  });

  test('Raw Payload sends InvokeModel and shows the decoded and the raw response', async () => {
    emu.scriptReplies(['Raw hello from Claude.']);
    const r = await run<RawPayloadResult>('bedrock.invokeRawPayload', { model: CLAUDE, body: JSON.stringify(payloadTemplate('anthropic')) });
    assert.strictEqual(r?.kind, 'sent');
    if (r?.kind !== 'sent') return;
    assert.strictEqual(r.decoded, 'Raw hello from Claude.');
    const pane = await text(r.pane);
    assert.match(pane, /^## InvokeModel · us\.anthropic\.claude-sonnet-4-5-20250929-v1:0\n\n### Decoded\n\nRaw hello from Claude\.\n\n### Raw response \([\d,]+ bytes, application\/json\)/);
    assert.match(pane, /- `x-amzn-bedrock-output-token-count: \d+`/);
    assert.match(pane, /"text": "Raw hello from Claude\."/);
    assert.strictEqual(emu.requests.at(-1)?.route, 'invoke');
  });

  test('Raw Payload with the stream operation decodes chunks as they arrive and lists them raw', async () => {
    emu.scriptReplies(['Streamed raw Llama text.']);
    const r = await run<RawPayloadResult>('bedrock.invokeRawPayload', { model: 'meta.llama3-1-8b-instruct-v1:0', stream: true, body: JSON.stringify(payloadTemplate('llama', true)) });
    assert.strictEqual(r?.kind, 'sent');
    if (r?.kind !== 'sent') return;
    assert.strictEqual(r.decoded, 'Streamed raw Llama text.');
    const pane = await text(r.pane);
    assert.match(pane, /### Decoded\n\nStreamed raw Llama text\./);
    assert.match(pane, /### Raw stream \(\d+ chunks, one JSON per line\)\n\n```jsonl\n\{"generation"/);
    assert.strictEqual(emu.requests.at(-1)?.route, 'invoke-with-response-stream');
  });

  test('Generate Embeddings for Selection opens the vectors as JSON', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: 'text to embed' });
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(0, 0, 0, 13);
    const r = await run<{ pane: vscode.Uri; vectors: number[][] }>('bedrock.generateEmbeddings', { dimensions: 256 });
    const json = JSON.parse(await text(r.pane)) as { model: string; dimensions: number; texts: string[]; vectors: number[][] };
    assert.strictEqual(json.model, 'amazon.titan-embed-text-v2:0');
    assert.deepStrictEqual(json.texts, ['text to embed']);
    assert.strictEqual(json.dimensions, 256);
    assert.strictEqual(json.vectors[0].length, 256);
  });

  test('Rerank Documents ranks the documents in a table', async () => {
    const documents = ['Rivers flow to the sea.', 'Amazon Bedrock is a managed service for foundation models.', 'Cats sleep a lot.'];
    const r = await run<{ pane: vscode.Uri; ranked: Array<{ index: number; score: number }> }>('bedrock.rerankDocuments', { query: 'What is Amazon Bedrock?', documents });
    assert.deepStrictEqual([...r.ranked.map(x => x.index)].sort(), [0, 1, 2]);
    assert.ok(r.ranked[0].score >= r.ranked[1].score && r.ranked[1].score >= r.ranked[2].score, 'best first');
    const pane = await text(r.pane);
    assert.match(pane, /\| rank \| score \| # \| document \|/);
    assert.strictEqual(pane.split('\n').filter(l => /^\| \d \|/.test(l)).length, 3);
  });

  test('Generate Image saves a valid PNG where asked and opens it in the image preview', async () => {
    const target = vscode.Uri.file(path.join(tmp, 'lighthouse.png'));
    const r = await run<{ saved: vscode.Uri; bytes: number }>('bedrock.generateImage', { prompt: 'A lighthouse at dawn', width: 512, height: 512, saveTo: target });
    assert.strictEqual(r.saved.fsPath, target.fsPath);
    const png = fs.readFileSync(target.fsPath);
    assert.deepStrictEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.strictEqual(png.subarray(12, 16).toString('latin1'), 'IHDR');
    const open = vscode.window.tabGroups.all.flatMap(g => g.tabs).some(t => (t.input as { uri?: vscode.Uri } | undefined)?.uri?.fsPath === target.fsPath);
    assert.ok(open, 'the image is open in a tab');
  });

  test('Start Video Job: the Jobs view shows it in progress, polls it and shows it completed', async () => {
    const r = await run<VideoJobResult>('bedrock.startVideoJob', { prompt: 'A drone shot over a misty forest', s3Uri: 's3://my-bucket/videos/' });
    assert.ok(r.invocationArn, JSON.stringify(r.error));
    const row = (rows: JobRow[]) => rows.find(x => x.invocationArn === r.invocationArn);
    assert.strictEqual(row((await run<JobRow[]>('bedrock.refreshJobs', { fetch: false })))?.status, 'InProgress');
    const done = await r.finished!;
    assert.strictEqual(done.status, 'Completed');
    assert.match(done.outputS3Uri ?? '', /^s3:\/\/my-bucket\/videos\//);
    // The view's own polling moved the row (no refresh from the server in between).
    const rows = await run<JobRow[]>('bedrock.refreshJobs', { fetch: false });
    assert.strictEqual(row(rows)?.status, 'Completed');
    assert.match(row(rows)!.description, /^Completed/);
    assert.ok(emu.requests.filter(q => q.route === 'get-async-invoke' || /async-invoke\//.test(q.path)).length >= 2, 'polled GetAsyncInvoke');
    // Refresh lists every job from the server.
    assert.ok(row(await run<JobRow[]>('bedrock.refreshJobs')), 'ListAsyncInvokes returns the job');
  });

  test('Speak with Nova Sonic (text in): the transcript streams into a pane and the answer is saved as WAV', async () => {
    const target = vscode.Uri.file(path.join(tmp, 'answer.wav'));
    const r = await run<SonicResult>('bedrock.speakWithNovaSonic', { text: 'Hello Nova, what can you do?', saveTo: target });
    assert.strictEqual(r.error, undefined, JSON.stringify(r.error));
    assert.match(r.answer, /\*\*Nova Sonic:\*\* \S+/);
    assert.match(await text(r.uri), /InvokeModelWithBidirectionalStream/);
    assert.ok(r.audioBytes > 0);
    const wav = fs.readFileSync(target.fsPath);
    assert.strictEqual(wav.subarray(0, 4).toString('latin1'), 'RIFF');
    assert.strictEqual(wav.subarray(8, 16).toString('latin1'), 'WAVEfmt ');
    assert.strictEqual(wav.readUInt32LE(24), 24000, 'sample rate');
    assert.strictEqual(wav.readUInt32LE(40), wav.length - 44, 'data size');
  });

  test('Speak with Nova Sonic (WAV in): the recording is played to the model', async () => {
    const input = path.join(tmp, 'question.wav');
    const samples = new Int16Array(8000).map((_, i) => Math.round(8000 * Math.sin(i / 5)));
    fs.writeFileSync(input, writeWav(new Uint8Array(samples.buffer), 8000));
    const target = vscode.Uri.file(path.join(tmp, 'answer2.wav'));
    const r = await run<SonicResult>('bedrock.speakWithNovaSonic', { wavFile: vscode.Uri.file(input), saveTo: target });
    assert.strictEqual(r.error, undefined, JSON.stringify(r.error));
    assert.ok(fs.readFileSync(target.fsPath).subarray(0, 4).toString('latin1') === 'RIFF');
    const sent = emu.requests.at(-1)!;
    assert.match(JSON.stringify(sent.body), /audioInput/, 'audio was streamed up');
  });

  test('the manifest shows the commands: palette, editor context menu, Raw Payload run button, Jobs view', () => {
    const m = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when?: string }>>; views: Record<string, Array<{ id: string; name: string }>> } };
    const hidden = m.contributes.menus.commandPalette.filter(e => e.when === 'false').map(e => e.command);
    const built = ['invokeModel', 'askAboutSelection', 'explainSelection', 'refactorSelection', 'invokeRawPayload', 'generateEmbeddings', 'rerankDocuments', 'generateImage', 'startVideoJob', 'refreshJobs', 'speakWithNovaSonic', 'whichApi'].map(c => `bedrock.${c}`);
    assert.deepStrictEqual(built.filter(c => hidden.includes(c)), [], 'built commands are in the palette');
    for (const c of ['bedrock.askAboutSelection', 'bedrock.explainSelection', 'bedrock.refactorSelection']) {
      assert.strictEqual(m.contributes.menus['editor/context'].find(e => e.command === c)?.when, 'editorHasSelection', c);
    }
    assert.match(m.contributes.menus['editor/title'].find(e => e.command === 'bedrock.invokeRawPayload')?.when ?? '', /bedrock\\.json/);
    assert.strictEqual(m.contributes.views.bedrock.find(v => v.id === 'bedrock.jobsView')?.name, 'Bedrock Jobs');
  });

  test('Which Bedrock API Should I Use? explains the choice and opens a starter on the right endpoint family', async () => {
    const video = await run<WhichApiResult>('bedrock.whichApi', { need: 'video', language: 'python' });
    assert.strictEqual(video.api, 'start-async-invoke');
    assert.strictEqual(video.family, 'runtime');
    const py = await vscode.workspace.openTextDocument(video.snippet);
    assert.strictEqual(py.languageId, 'python');
    assert.match(py.getText(), /^# Recommended: StartAsyncInvoke on bedrock-runtime \(bedrock-runtime\.us-east-1\.amazonaws\.com\)\./);
    assert.match(py.getText(), /client\.start_async_invoke\(/);
    const migrate = await run<WhichApiResult>('bedrock.whichApi', { need: 'openai-migration', language: 'typescript' });
    assert.strictEqual(migrate.family, 'mantle');
    const ts = await vscode.workspace.openTextDocument(migrate.snippet);
    assert.strictEqual(ts.languageId, 'typescript');
    assert.match(ts.getText(), /baseURL: `https:\/\/bedrock-mantle\.\$\{region\}\.api\.aws\/v1`/);
  });
});
