import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { BedrockWorkbenchApi } from '../../src/extension';
import type { CallSiteNode } from '../../src/migrate/vscode/callSiteTree';
import type { ScannedFile, ScannedSite, ScanSummary } from '../../src/migrate/vscode/workspaceScan';

const root = path.resolve(__dirname, '../../..');
const corpus = path.join(root, 'test/fixtures/migrate/corpus');
const expected = path.join(root, 'test/fixtures/migrate/expected');
const workspace = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

interface Golden { sites: { line: number; kind: string }[]; status: { mantle: string[]; converse: string[] } }
const golden = (group: string, name: string) => JSON.parse(fs.readFileSync(path.join(expected, group, `${name}.sites.json`), 'utf8')) as Golden;

async function migration() {
  const api = await vscode.extensions.getExtension<BedrockWorkbenchApi>('bedrock-workbench.bedrock-workbench')!.activate();
  return api.testing!.migration;
}

function place(relative: string, text: string): string {
  const file = path.join(workspace(), relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const copyOf = (group: string, name: string, to: string) => place(to, fs.readFileSync(path.join(corpus, group, name), 'utf8'));
const scan = (token?: vscode.CancellationToken) => vscode.commands.executeCommand<ScanSummary>('bedrock.scanWorkspaceForOpenAICalls', { token });

suite('Bedrock: Scan Workspace for OpenAI Calls', () => {
  const samples = [['openai-py', '04-tools.py'], ['openai-js', '02-stream.ts'], ['anthropic', '01-basic.py']] as const;
  const sdkCode = fs.readFileSync(path.join(corpus, 'openai-py', '01-basic-chat.py'), 'utf8');

  suiteSetup(() => {
    for (const [group, name] of samples) copyOf(group, name, path.join('scan', group, name));
    // Places no scan should look: installed packages, virtual environments, and a folder files.exclude hides.
    place('scan/node_modules/openai-helper/index.js', fs.readFileSync(path.join(corpus, 'openai-js', '01-basic-chat.ts'), 'utf8'));
    place('scan/.venv/lib/python3.12/site-packages/helper.py', sdkCode);
    place('scan/excluded-by-setting/app.py', sdkCode);
    // OpenAI code that stops parsing on line 5 (the call is never closed)
    place('scan/broken.py', 'from openai import OpenAI\n\nclient = OpenAI()\ndef ask(q):\n    return client.chat.completions.create(model="gpt-4o"\n');
  });

  test('lists file → call sites with kind and target status, skipping node_modules, venvs and files.exclude', async () => {
    const files = vscode.workspace.getConfiguration('files');
    await files.update('exclude', { '**/excluded-by-setting': true }, vscode.ConfigurationTarget.Workspace);
    try {
      const summary = await scan();
      assert.strictEqual(summary.cancelled, false);
      const { callSites } = await migration();
      const listed = callSites.getChildren() as ScannedFile[];
      const rel = (f: ScannedFile) => vscode.workspace.asRelativePath(f.uri, false);
      assert.ok(listed.some(f => rel(f) === 'app.py'), `the fixture's own app.py is listed: ${listed.map(rel).join(', ')}`);
      assert.deepStrictEqual(listed.map(rel).filter(p => /node_modules|\.venv|excluded-by-setting/.test(p)), [], 'nothing from excluded folders');
      assert.strictEqual(summary.files + summary.unparsed, listed.length);

      const broken = listed.find(f => rel(f) === 'scan/broken.py');
      assert.ok(broken?.syntaxError, 'a file that does not parse is listed with its syntax error');
      assert.match(String(callSites.getTreeItem(broken).description), /^syntax error at line 5/);
      assert.deepStrictEqual(callSites.getChildren(broken), []);
      const problem = vscode.languages.getDiagnostics(broken.uri).filter(d => d.source === 'Bedrock');
      assert.deepStrictEqual(problem.map(d => [d.range.start.line + 1, d.severity, d.code]), [[5, vscode.DiagnosticSeverity.Warning, 'syntax-error']]);

      for (const [group, name] of samples) {
        const file = listed.find(f => rel(f) === `scan/${group}/${name}`);
        assert.ok(file, `scan/${group}/${name} is listed`);
        const want = golden(group, name);
        const runtime = group === 'anthropic' ? 'AnthropicBedrock' : 'converse';
        const items = callSites.getChildren(file).map(site => callSites.getTreeItem(site));
        assert.deepStrictEqual(items.map(i => i.label), want.sites.map(s => s.kind));
        assert.deepStrictEqual(items.map(i => i.description), want.sites.map((s, i) => {
          const [m, c] = [want.status.mantle[i], want.status.converse[i]];
          const status = m === 'migrated' && c === 'migrated' ? `mantle · ${runtime}` : m === 'migrated' ? `mantle (${runtime}: ${c})` : c === 'migrated' ? `${runtime} (mantle: ${m})` : 'manual';
          return `line ${s.line} · ${status}`;
        }), `${group}/${name}`);
        assert.match(String(callSites.getTreeItem(file).description), new RegExp(`${want.sites.length} call sites?$`));

        const hints = vscode.languages.getDiagnostics(file.uri).filter(d => d.source === 'Bedrock');
        assert.deepStrictEqual(hints.map(d => d.range.start.line + 1), want.sites.map(s => s.line), `problems-panel hints for ${name}`);
        assert.ok(hints.every(d => d.severity === vscode.DiagnosticSeverity.Information), 'hints are Information, not warnings');
        assert.ok(hints.every((d, i) => d.message.includes(want.sites[i].kind)), hints.map(d => d.message).join('\n'));
      }
    } finally {
      await files.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('clicking a call site reveals it in the editor', async () => {
    const { callSites } = await migration();
    const file = (callSites.getChildren() as ScannedFile[]).find(f => f.uri.path.endsWith('scan/openai-js/02-stream.ts'))!;
    const site = callSites.getChildren(file)[1] as ScannedSite;
    const command = callSites.getTreeItem(site).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.fsPath, file.uri.fsPath);
    assert.strictEqual(editor.selection.start.line + 1, golden('openai-js', '02-stream.ts').sites[1].line);
  });

  test("a hint's quick fix migrates its file, and the tree's context action does the same for a file node", async () => {
    const { callSites } = await migration();
    const uri = vscode.Uri.file(path.join(workspace(), 'scan/anthropic/01-basic.py'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const hint = vscode.languages.getDiagnostics(uri).find(d => d.source === 'Bedrock')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, hint.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find(a => a.title === 'Use AnthropicBedrock');
    assert.ok(fix?.command, actions.map(a => a.title).join(', '));
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.strictEqual(doc.getText(), fs.readFileSync(path.join(expected, 'anthropic', '01-basic.py.converse'), 'utf8'));

    const file = (callSites.getChildren() as CallSiteNode[]).find(f => f.uri.path.endsWith('scan/openai-py/04-tools.py'))!;
    await vscode.commands.executeCommand('bedrock.callSites.migrateMantle', file);
    const migrated = await vscode.workspace.openTextDocument(file.uri);
    assert.strictEqual(migrated.getText(), fs.readFileSync(path.join(expected, 'openai-py', '04-tools.py.mantle'), 'utf8'));
  });

  test('cancelling stops the scan before it reaches the remaining files', async () => {
    for (let i = 0; i < 30; i++) place(`scan-many/module${String(i).padStart(2, '0')}.py`, sdkCode);
    const { callSites } = await migration();
    const cancel = new vscode.CancellationTokenSource();
    // the tree fills as files are found: cancel as soon as the first file shows up
    const listener = callSites.onDidChangeTreeData(() => { if (callSites.getChildren().length > 0) cancel.cancel(); });
    let summary: ScanSummary;
    try {
      summary = await scan(cancel.token);
    } finally {
      listener.dispose();
      cancel.dispose();
    }
    assert.strictEqual(summary.cancelled, true);
    assert.strictEqual(summary.files, 1, 'the scan stopped after the file that triggered the cancel');
    assert.strictEqual(callSites.getChildren().length, 1);

    const full = await scan();
    assert.strictEqual(full.cancelled, false);
    assert.ok(full.files >= 30, `a scan without cancel reaches every file (${full.files})`);
  });
});
