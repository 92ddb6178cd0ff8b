// What the engine asks of each language (js/jsLanguage.ts, python/pythonLanguage.ts). In its own file so the
// languages implement it without importing the engine that imports them.
import type { MigrateOptions, Site, SyntaxProblem, TextEdit } from './model';
import type { Need, SitePlan } from './plan';

export interface FileSession {
  sites: Site[];
  plan(site: Site): SitePlan;
  /** Edits that belong to the file rather than one site (type annotations), given the accepted plans. */
  filePlan(accepted: readonly SitePlan[]): { edits: TextEdit[]; needs: Need[] };
  importEdits(needs: ReadonlySet<Need>): TextEdit[];
  /** The first syntax error in the opened text, if it does not parse. */
  syntaxError(): SyntaxProblem | undefined;
  dispose(): void;
}

export interface LanguageSupport {
  /** Sites only: the cheapest parse that can find them. */
  find(text: string, fileName: string): Site[];
  open(text: string, fileName: string, options: MigrateOptions & { region: string }): FileSession;
  parses(text: string, fileName: string): boolean;
  syntaxError(text: string, fileName: string): SyntaxProblem | undefined;
  /** Runs after the rewrite on the new text (e.g. removing SDK imports that lost their last use). */
  tidy(text: string, fileName: string, options: MigrateOptions): string;
}
