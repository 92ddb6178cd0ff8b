// The migration engine's public surface, used by the CLI, the VS Code code lenses and quick fixes (migrate/vscode/),
// and @bedrock /migrate — the extension loads it through engineLoader.ts.
//
//   await initMigrationEngine();                       // once: loads the Python grammar (WASM)
//   findSites(text, 'python' | 'app.ts', { from })     // → Site[]: kind, source, start/end offsets, 1-based line, streaming, async
//   migrate(text, fileName, { target, from, modelMap, openaiVersion, region, range })
//                                                      // → { text, sites: SiteResult[] (status + notes), edits: TextEdit[], dependencies, syntaxError? }
//   checkSyntax(text, fileName)                        // → { line, column, message } where the file stops parsing, or undefined
//
// Edits are offset replacements against the input, one per changed run of lines, so applying
// them (one undo step) gives `text`; everything outside them keeps its bytes. A site whose
// rewrite would not parse gets no edit and the status 'manual'. Running migrate on its own
// output changes nothing.
import { runFindSites, runMigration, runSyntaxCheck } from './engine';
import { languageOf } from './language';
import type { MigrateOptions, MigrationResult, Site, SourceSelection, SyntaxProblem } from './model';
import { initPythonParser, pythonParserReady } from './python/parser';

export type { Dependency, Language, MigrateOptions, MigrationResult, MigrationTarget, Site, SiteKind, SiteResult, SiteStatus, SourceSdk, SourceSelection, SyntaxProblem, TextEdit } from './model';
export { applyEdits } from './edits';
export { MARKER } from './model';
export { unifiedDiff } from './unifiedDiff';
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

/** Where the file stops parsing (1-based line and column), or undefined when it parses. */
export function checkSyntax(text: string, fileNameOrLanguageId: string): SyntaxProblem | undefined {
  ensureReady(fileNameOrLanguageId);
  return runSyntaxCheck(text, fileNameOrLanguageId);
}
