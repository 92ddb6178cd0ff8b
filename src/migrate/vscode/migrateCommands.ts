import * as vscode from 'vscode';
import type { MigrationTarget, SourceSelection } from '../model';
import { loadEngine } from './engineLoader';
import { MIGRATE_SITE_COMMAND, MigrationCodeLensProvider } from './migrationCodeLensProvider';
import { migrateResources, MigrateResourcesOptions } from './migrateResources';

const LANGUAGES = ['python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact'];

/**
 * Migrates a file's OpenAI (or Anthropic) code to Bedrock as one edit, so one undo restores it. The whole file is
 * migrated: a call's client construction and imports change with it, and the engine checks the result parses.
 */
export async function migrateDocument(uri: vscode.Uri, target: MigrationTarget, from: SourceSelection, log: vscode.LogOutputChannel): Promise<{ migrated: number; manual: number }> {
  const engine = await loadEngine();
  const doc = await vscode.workspace.openTextDocument(uri);
  const region = vscode.workspace.getConfiguration('bedrock').get<string>('region') || 'us-east-1';
  const result = engine.migrate(doc.getText(), doc.fileName, { target, from, region });
  const migrated = result.sites.filter(s => s.status === 'migrated').length;
  const manual = result.sites.filter(s => s.status === 'manual');
  for (const s of manual) log.info(`migrate ${vscode.workspace.asRelativePath(uri)}:${s.line} ${s.kind}: manual: ${s.notes.join('; ')}`);
  if (result.edits.length) {
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) edit.replace(uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
    await vscode.workspace.applyEdit(edit);
  }
  if (manual.length) {
    void vscode.window.showInformationMessage(`Bedrock: ${migrated} call site(s) migrated, ${manual.length} need a manual step (marked in the code).`, 'Show Log').then(c => c && log.show(true));
  }
  return { migrated, manual: manual.length };
}

export function registerMigrationFeatures(log: vscode.LogOutputChannel): vscode.Disposable[] {
  const lenses = new MigrationCodeLensProvider();
  return [
    lenses,
    vscode.languages.registerCodeLensProvider(LANGUAGES.map(language => ({ language, scheme: 'file' })), lenses),
    vscode.commands.registerCommand(MIGRATE_SITE_COMMAND, (uri: vscode.Uri, target: MigrationTarget, source: 'openai' | 'anthropic') =>
      migrateDocument(uri, target, source, log)),
    // explorer menus pass (clicked, all selected); the editor passes its file; tests pass options
    ...(['openai', 'anthropic'] as const).map(from => vscode.commands.registerCommand(
      from === 'openai' ? 'bedrock.migrateOpenAICode' : 'bedrock.migrateAnthropicCode',
      (clicked?: vscode.Uri, selected?: vscode.Uri[], options?: MigrateResourcesOptions) =>
        migrateResources(from, selected?.length ? selected : clicked instanceof vscode.Uri ? [clicked] : [], log, options))),
  ];
}
