import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

// The review that applies (issue 19): a folder's migration opens in the multi-file diff editor,
// Apply All writes every file at once, and a file's change is one undo step; the editor's
// right-click on a selection migrates only the selection.

const root = path.resolve(__dirname, '../../..');
const corpus = path.join(root, 'test/fixtures/migrate/corpus');
const expected = path.join(root, 'test/fixtures/migrate/expected');

function copy(dir: string, group: string, name: string): string {
  const file = path.join(dir, group, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.copyFileSync(path.join(corpus, group, name), file);
  return file;
}

function reviewTab(title: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap(g => g.tabs).find(t => t.label.startsWith(title));
}

suite('Migration review: the changes editor with Apply All', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('bedrock.migration.discard');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a folder: the review shows both files, unchanged until Apply All, then equal to the goldens', async () => {
    const dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'migrate-review');
    const files = [['openai-py', '03-async-chat.py'], ['openai-js', '02-stream.ts']] as const;
    const paths = files.map(([group, name]) => copy(dir, group, name));
    const originals = paths.map(p => fs.readFileSync(p, 'utf8'));
    const folder = vscode.Uri.file(dir);
    await vscode.commands.executeCommand('bedrock.migrateOpenAICode', folder, [folder], { target: 'converse' });

    const title = 'Migrate OpenAI code to Bedrock (converse)';
    const tab = reviewTab(title);
    // VS Code labels the multi-file diff editor with the title and the number of files
    assert.ok(tab, `no review tab among ${vscode.window.tabGroups.all.flatMap(g => g.tabs).map(t => t.label).join(', ')}`);
    assert.match(tab.label, /\(2 files\)$/);
    const input = tab.input as { textDiffs?: Array<{ original: vscode.Uri; modified: vscode.Uri }> };
    if (input.textDiffs) assert.deepStrictEqual(input.textDiffs.map(d => d.original.fsPath).sort(), [...paths].sort());
    for (const [i, p] of paths.entries()) assert.strictEqual((await vscode.workspace.openTextDocument(p)).getText(), originals[i], 'changed before Apply');

    await vscode.commands.executeCommand('bedrock.migration.applyAll');
    for (const [i, [group, name]] of files.entries()) {
      const doc = await vscode.workspace.openTextDocument(paths[i]);
      assert.strictEqual(doc.getText(), fs.readFileSync(path.join(expected, group, `${name}.converse`), 'utf8'), `${group}/${name}`);
    }
    assert.strictEqual(reviewTab(title), undefined, 'the review stays open after Apply All');
    for (const p of paths) await (await vscode.workspace.openTextDocument(p)).save();
  });

  test('one file: Apply All gives the golden, and one undo restores it', async () => {
    const dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'migrate-review-one');
    const file = copy(dir, 'openai-py', '01-basic-chat.py');
    const original = fs.readFileSync(file, 'utf8');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('bedrock.migrateOpenAICode', doc.uri, { groupId: 0 }, { target: 'mantle' });
    assert.strictEqual(doc.getText(), original);
    await vscode.commands.executeCommand('bedrock.migration.applyAll');
    assert.strictEqual(doc.getText(), fs.readFileSync(path.join(expected, 'openai-py', '01-basic-chat.py.mantle'), 'utf8'));
    // code already on Bedrock offers no migration: the lenses are gone as soon as the text changed
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
    assert.deepStrictEqual(lenses.filter(l => l.command?.command === 'bedrock.migrateSite').map(l => l.range.start.line + 1), []);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), original, 'one undo restores the file');
  });

  test('the editor right-click on a selection migrates only the selected call', async () => {
    const dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'migrate-selection');
    const file = copy(dir, 'openai-py', '01-basic-chat.py');
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    const callLine = doc.getText().split('\n').findIndex(l => l.includes('client.chat.completions.create('));
    editor.selection = new vscode.Selection(callLine, 0, callLine + 1, 0);
    await vscode.commands.executeCommand('bedrock.migrateOpenAICode', doc.uri, { groupId: 0 }, { target: 'mantle', preview: false });
    const text = doc.getText();
    assert.match(text, /model="openai\.gpt-oss-20b"/, 'the selected call was not migrated');
    assert.match(text, /^client = OpenAI\(api_key=os\.environ\["OPENAI_API_KEY"\]\)$/m, 'the construction outside the selection changed');
  });
});
