// Issue 18, the extension's workspace tools (src/workspaceTools) in a real VS Code, called as the chat calls them:
// containment (.., absolute paths, symlinks out), size limits, files.exclude, result limits, secrets refused.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { WORKSPACE_TOOLS } from '../../src/workspaceTools';
import { MAX_READ_CHARS } from '../../src/workspaceTools/readFile';

const tool = (name: string) => WORKSPACE_TOOLS.find(t => t.name === name)!;
const run = (name: string, input: Record<string, unknown>) => tool(name).invoke(input, new AbortController().signal);

suite('Workspace tools (issue 18)', function () {
  this.timeout(30_000);
  const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  const made: string[] = [];
  const write = (rel: string, text: string) => {
    const p = path.join(root(), rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    made.push(p);
  };

  suiteTeardown(async () => {
    for (const p of made) fs.rmSync(p, { recursive: true, force: true });
    await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('read_file reads a workspace file and refuses paths outside the folder, through symlinks, and secrets', async () => {
    write('tools-test/hello.txt', 'hello tools');
    assert.deepStrictEqual(await run('read_file', { path: 'tools-test/hello.txt' }), { content: 'hello tools' });
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'tools-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'do not read');
    fs.symlinkSync(outside, path.join(root(), 'tools-link'));
    made.push(path.join(root(), 'tools-link'), outside);
    for (const [p, why] of [['../outside.txt', /outside the workspace/], [path.join(outside, 'secret.txt'), /not a workspace-relative path/], ['tools-link/secret.txt', /symbolic link/]] as const) {
      const r = await run('read_file', { path: p });
      assert.strictEqual(r.isError, true, p);
      assert.match(r.content, why, p);
      assert.doesNotMatch(r.content, /do not read/);
    }
    write('tools-test/.env', 'AWS_SECRET_ACCESS_KEY=abc');
    const env = await run('read_file', { path: 'tools-test/.env' });
    assert.strictEqual(env.isError, true);
    assert.doesNotMatch(env.content, /abc/);
  });

  test('read_file cuts a long file and says so', async () => {
    write('tools-test/long.txt', 'x'.repeat(MAX_READ_CHARS + 500));
    const r = await run('read_file', { path: 'tools-test/long.txt' });
    assert.ok(r.content.startsWith('x'.repeat(MAX_READ_CHARS)));
    assert.match(r.content, new RegExp(`truncated: showing ${MAX_READ_CHARS} of ${MAX_READ_CHARS + 500} characters`));
  });

  test('find_files lists matches, honours files.exclude and its limit', async () => {
    write('tools-test/a.md', 'a');
    write('tools-test/b.md', 'b');
    write('tools-test/hidden/c.md', 'c');
    await vscode.workspace.getConfiguration('files').update('exclude', { '**/hidden': true }, vscode.ConfigurationTarget.Workspace);
    assert.deepStrictEqual((await run('find_files', { pattern: 'tools-test/**/*.md' })).content.split('\n'), ['tools-test/a.md', 'tools-test/b.md']);
    assert.deepStrictEqual((await run('find_files', { pattern: 'tools-test/**/*.md', maxResults: 1 })).content.split('\n'), ['tools-test/a.md', '[more files match; showing the first 1]']);
  });

  test('search_text finds lines and skips secrets files', async () => {
    write('tools-test/code.ts', 'const owl = 1;\nconst cat = 2;\n');
    write('tools-test/.env.local', 'OWL_TOKEN=secret');
    const r = await run('search_text', { query: 'owl', include: 'tools-test/**' });
    assert.deepStrictEqual(r.content.split('\n'), ['tools-test/code.ts:1: const owl = 1;']);
  });

  test('get_selection returns the selected text; get_diagnostics lists Problems for a file', async () => {
    write('tools-test/sel.ts', 'first line\nsecond line\n');
    const doc = await vscode.workspace.openTextDocument(path.join(root(), 'tools-test/sel.ts'));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, 6);
    assert.strictEqual((await run('get_selection', {})).content, 'tools-test/sel.ts lines 2-2 (typescript):\nsecond');
    const diagnostics = vscode.languages.createDiagnosticCollection('tools-test');
    try {
      diagnostics.set(doc.uri, [new vscode.Diagnostic(new vscode.Range(0, 0, 0, 5), 'First is wrong', vscode.DiagnosticSeverity.Error)]);
      assert.strictEqual((await run('get_diagnostics', { path: 'tools-test/sel.ts' })).content, 'tools-test/sel.ts:1:1 error: First is wrong');
    } finally {
      diagnostics.dispose();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
