// The migration engine's public surface: the CLI uses it now, VS Code code lenses later.
import { runFindSites, runMigration } from './engine';
import { languageOf } from './language';
import type { MigrateOptions, MigrationResult, Site, SourceSelection } from './model';
import { initPythonParser, pythonParserReady } from './python/parser';

export type { Language, MigrateOptions, MigrationResult, MigrationTarget, Site, SiteKind, SiteResult, SiteStatus, SourceSdk, SourceSelection, TextEdit } from './model';
export { applyEdits } from './edits';
export { defaultModelMap, mapModel } from './modelMap';
export { languageOf } from './language';

/** Loads the Python grammar (WASM); call once before findSites/migrate on Python text. JS/TS needs nothing. */
export function initMigrationEngine(): Promise<void> {
  return initPythonParser();
}

function ensureReady(fileNameOrLanguageId: string): void {
  if (languageOf(fileNameOrLanguageId) === 'python' && !pythonParserReady()) throw new Error('The Python parser is not loaded yet: await initMigrationEngine() first.');
}

/** Call sites in `text`; `fileNameOrLanguageId` is a path (`app.py`) or a VS Code language id (`python`). */
export function findSites(text: string, fileNameOrLanguageId: string, options: { from?: SourceSelection } = {}): Site[] {
  ensureReady(fileNameOrLanguageId);
  return runFindSites(text, fileNameOrLanguageId, options.from ?? 'all');
}

/** The migrated text, each selected site with its status, and the edits (offsets into `text`) that produce it. */
export function migrate(text: string, fileNameOrLanguageId: string, options: MigrateOptions): MigrationResult {
  ensureReady(fileNameOrLanguageId);
  return runMigration(text, fileNameOrLanguageId, options);
}
