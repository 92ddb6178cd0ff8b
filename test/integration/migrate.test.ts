import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

const root = path.resolve(__dirname, '../../..');
const corpus = path.join(root, 'test/fixtures/migrate/corpus');
const expected = path.join(root, 'test/fixtures/migrate/expected');

/** Copies a corpus file into the (scratch) workspace and opens it. */
async function openCopy(group: string, name: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const file = path.join(folder, 'migrate-samples', group, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.copyFileSync(path.join(corpus, group, name), file);
  const doc = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function lenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
  return found.filter(l => l.command?.command === 'bedrock.migrateSite');
}

suite('Migration code lenses in the real editor', () => {
  for (const [group, name] of [['openai-py', '01-basic-chat.py'], ['openai-js', '01-basic-chat.ts']] as const) {
    test(`${group}/${name}: lenses above each call site, and "Migrate to Bedrock (mantle)" gives the golden text in one undo step`, async () => {
      const doc = await openCopy(group, name);
      const original = doc.getText();
      const sites = (JSON.parse(fs.readFileSync(path.join(expected, group, `${name}.sites.json`), 'utf8')) as { sites: { line: number }[] }).sites;
      const found = await lenses(doc);
      assert.strictEqual(found.length, sites.length * 2, found.map(l => `${l.range.start.line + 1}: ${l.command?.title}`).join('\n'));
      assert.deepStrictEqual([...new Set(found.map(l => l.range.start.line + 1))], sites.map(s => s.line));
      assert.deepStrictEqual(found.slice(0, 2).map(l => l.command?.title), ['Migrate to Bedrock (mantle)', 'Convert to Converse']);

      const mantle = found.find(l => l.command?.title === 'Migrate to Bedrock (mantle)')!;
      await vscode.commands.executeCommand(mantle.command!.command, ...(mantle.command!.arguments ?? []));
      assert.strictEqual(doc.getText(), fs.readFileSync(path.join(expected, group, `${name}.mantle`), 'utf8'));
      await vscode.commands.executeCommand('undo');
      assert.strictEqual(doc.getText(), original, 'one undo restores the file');
    });
  }

  test('the setting turns the lenses off', async () => {
    const doc = await openCopy('openai-py', '02-streaming-chat.py');
    const config = vscode.workspace.getConfiguration('bedrock');
    await config.update('migration.codeLens', false, vscode.ConfigurationTarget.Global);
    try {
      assert.strictEqual((await lenses(doc)).length, 0);
    } finally {
      await config.update('migration.codeLens', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.ok((await lenses(doc)).length > 0);
  });
});

suite('Bedrock: Migrate OpenAI Code on a folder', () => {
  test('migrates every file in the folder to its golden output in one workspace edit', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const dir = path.join(folder, 'migrate-folder');
    const files = [['openai-py', '03-async-chat.py'], ['openai-js', '02-stream.ts']] as const;
    for (const [group, name] of files) {
      fs.mkdirSync(path.join(dir, group), { recursive: true });
      fs.copyFileSync(path.join(corpus, group, name), path.join(dir, group, name));
    }
    const result = await vscode.commands.executeCommand<{ files: number; migrated: number }>('bedrock.migrateOpenAICode', vscode.Uri.file(dir), undefined, { target: 'converse', preview: false });
    assert.strictEqual(result.files, 2);
    for (const [group, name] of files) {
      const doc = await vscode.workspace.openTextDocument(path.join(dir, group, name));
      assert.strictEqual(doc.getText(), fs.readFileSync(path.join(expected, group, `${name}.converse`), 'utf8'), `${group}/${name}`);
    }
  });
});
