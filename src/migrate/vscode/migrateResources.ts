import * as vscode from 'vscode';
import type { MigrationTarget, SourceSdk } from '../model';
import { loadEngine } from '../engineLoader';
import type { MigrationReview, ProposedFile } from './migrationReview';
import * as fs from 'node:fs';
import { decodeSource, realRoots, refusalFor } from '../safeFiles';

export interface MigrateResourcesOptions {
  target?: MigrationTarget;
  /** false applies at once (tests, scripted use); by default the changes open in the review (multi-file diff). */
  preview?: boolean;
  /** Started from the editor (its context menu or the palette): a non-empty selection limits the migration to it. */
  fromEditor?: boolean;
  /** Where proposals are reviewed (set by the command registration). */
  review?: MigrationReview;
}

const SOURCE_GLOB = '**/*.{py,ts,tsx,js,jsx,mjs,cjs}';
const EXCLUDE = '{**/node_modules/**,**/.venv/**,**/venv/**,**/dist/**,**/out/**,**/site-packages/**}';

async function chooseTarget(from: SourceSdk): Promise<MigrationTarget | undefined> {
  const picked = await vscode.window.showQuickPick([
    { label: 'Migrate to Bedrock (mantle)', detail: from === 'openai' ? 'Keep the OpenAI SDK: its own Bedrock provider, Bedrock model ids' : 'Keep the Anthropic SDK: mantle Messages with a Bedrock API key', target: 'mantle' as const },
    { label: from === 'openai' ? 'Convert to Converse' : 'Use AnthropicBedrock', detail: from === 'openai' ? 'Rewrite with the bedrock-runtime Converse API (boto3 / AWS SDK for JavaScript)' : "The Anthropic SDK's own Bedrock client (SigV4)", target: 'converse' as const },
  ], { title: `Migrate ${from === 'openai' ? 'OpenAI' : 'Anthropic'} code to Bedrock` });
  return picked?.target;
}

/**
 * "Bedrock: Migrate OpenAI Code" from the editor (selection or file) or the explorer (files and folders): every
 * file's edits go into one WorkspaceEdit, shown in the refactor preview before anything changes.
 */
export async function migrateResources(from: SourceSdk, resources: vscode.Uri[], log: vscode.LogOutputChannel, options: MigrateResourcesOptions = {}): Promise<{ files: number; migrated: number; manual: number } | undefined> {
  const editor = vscode.window.activeTextEditor;
  // the editor's own file with a selection: only the selection (the explorer passes its files without one)
  const onEditorFile = !!editor && (!resources.length || (options.fromEditor !== false && resources.length === 1 && resources[0].toString() === editor.document.uri.toString()));
  const selection = onEditorFile && !editor.selection.isEmpty ? editor.selection : undefined;
  const roots = resources.length ? resources : editor ? [editor.document.uri] : [];
  if (!roots.length) {
    void vscode.window.showInformationMessage('Bedrock: open a file or choose files or folders in the explorer to migrate.');
    return undefined;
  }
  const target = options.target ?? await chooseTarget(from);
  if (!target) return undefined;
  const region = vscode.workspace.getConfiguration('bedrock').get<string>('region') || 'us-east-1';
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Bedrock: migrating', cancellable: true }, async (progress, token) => {
    const engine = await loadEngine();
    const files: vscode.Uri[] = [];
    for (const uri of roots) {
      const stat = await vscode.workspace.fs.stat(uri);
      // findFiles answers in no set order: sorted, the review lists a folder's files the same way every time
      if (stat.type & vscode.FileType.Directory) files.push(...(await vscode.workspace.findFiles(new vscode.RelativePattern(uri, SOURCE_GLOB), EXCLUDE, undefined, token)).sort((a, b) => a.path.localeCompare(b.path)));
      else files.push(uri);
    }
    const edit = new vscode.WorkspaceEdit();
    const title = `Migrate ${from === 'openai' ? 'OpenAI' : 'Anthropic'} code to Bedrock (${target})`;
    const proposals: ProposedFile[] = [];
    let migrated = 0, manual = 0, changedFiles = 0, skipped = 0;
    // findFiles follows symbolic links; the same rules as the CLI decide what may be opened and edited.
    const boundaries = realRoots(roots.filter(r => r.scheme === 'file').map(r => r.fsPath));
    for (const [i, uri] of files.entries()) {
      if (token.isCancellationRequested) return undefined;
      progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / files.length });
      const why = uri.scheme === 'file' ? unsafeReason(uri.fsPath, boundaries) : undefined;
      if (why) {
        skipped++;
        log.info(`migrate ${vscode.workspace.asRelativePath(uri)}: skipped: ${why}`);
        continue;
      }
      const doc = await vscode.workspace.openTextDocument(uri);
      if (!engine.languageOf(doc.fileName)) continue;
      const range = selection && i === 0 ? { start: doc.offsetAt(selection.start), end: doc.offsetAt(selection.end) } : undefined;
      const result = engine.migrate(doc.getText(), doc.fileName, { target, from, region, ...(range ? { range } : {}) });
      migrated += result.sites.filter(s => s.status === 'migrated').length;
      for (const s of result.sites.filter(x => x.status === 'manual')) {
        manual++;
        log.info(`migrate ${vscode.workspace.asRelativePath(uri)}:${s.line} ${s.kind}: manual: ${s.notes.join('; ')}`);
      }
      if (result.edits.length) changedFiles++;
      const edits = result.edits.map(e => ({ range: new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), newText: e.newText }));
      if (edits.length) proposals.push({ uri, version: doc.version, proposed: result.text, edits });
      for (const e of edits) edit.replace(uri, e.range, e.newText);
    }
    if (!changedFiles) {
      void vscode.window.showInformationMessage(`Bedrock: no ${from === 'openai' ? 'OpenAI' : 'Anthropic'} calls to migrate${manual ? ` (${manual} need a manual step; see the log)` : ''}${skipped ? ` (${skipped} file(s) skipped; see the log)` : ''}.`);
      return { files: 0, migrated, manual };
    }
    // The review shows every file's change in one diff editor, where Apply All migrates; without one, apply at once.
    if (options.preview !== false && options.review) await options.review.show(title, proposals);
    else await vscode.workspace.applyEdit(edit, { isRefactoring: true });
    if (manual) {
      void vscode.window.showInformationMessage(`Bedrock: ${migrated} call site(s) migrated, ${manual} need a manual step (marked in the code).`, 'Show Log').then(c => c && log.show(true));
    }
    return { files: changedFiles, migrated, manual };
  });
}

/**
 * Why a file must not be opened for migration here: a symbolic link, a FIFO or device, too large, or
 * text VS Code would not write back byte for byte (anything but UTF-8; the CLI keeps Latin-1).
 */
function unsafeReason(file: string, boundaries: readonly string[]): string | undefined {
  const why = refusalFor(file, boundaries);
  if (why) return why;
  const decoded = decodeSource(fs.readFileSync(file), file);
  if ('refused' in decoded) return decoded.refused;
  if (decoded.encoding.kind !== 'utf8') return 'Latin-1 text: run bedrock-migrate on it, which keeps its encoding (the editor may not)';
  return undefined;
}
