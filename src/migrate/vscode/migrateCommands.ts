import * as vscode from 'vscode';
import type { MigrationTarget } from '../model';
import { MIGRATE_SITE_COMMAND, MigrationCodeLensProvider } from './migrationCodeLensProvider';
import { migrateResources, MigrateResourcesOptions } from './migrateResources';

const LANGUAGES = ['python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact'];

/** The migration front end: code lenses on SDK calls and the migrate commands for editors and the explorer. */
export function registerMigrationFeatures(log: vscode.LogOutputChannel): vscode.Disposable[] {
  const lenses = new MigrationCodeLensProvider();
  return [
    lenses,
    vscode.languages.registerCodeLensProvider(LANGUAGES.map(language => ({ language, scheme: 'file' })), lenses),
    // a lens migrates its whole file: the call's client construction and imports must change with it
    vscode.commands.registerCommand(MIGRATE_SITE_COMMAND, (uri: vscode.Uri, target: MigrationTarget, source: 'openai' | 'anthropic') =>
      migrateResources(source, [uri], log, { target, preview: false })),
    // explorer menus pass (clicked, all selected); the editor passes its file; tests pass options
    ...(['openai', 'anthropic'] as const).map(from => vscode.commands.registerCommand(
      from === 'openai' ? 'bedrock.migrateOpenAICode' : 'bedrock.migrateAnthropicCode',
      (clicked?: vscode.Uri, selected?: vscode.Uri[], options?: MigrateResourcesOptions) =>
        migrateResources(from, selected?.length ? selected : clicked instanceof vscode.Uri ? [clicked] : [], log, options))),
  ];
}
