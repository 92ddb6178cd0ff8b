import * as vscode from 'vscode';
import type { Site, SiteStatus, SyntaxProblem } from '../model';
import { loadEngine, mayHaveSdkCalls } from '../engineLoader';
import { findSourceFiles } from './sourceFiles';

/** One call site as the scan shows it: where it is, and what each target would make of it. */
export interface ScannedSite extends Site {
  uri: vscode.Uri;
  range: vscode.Range;
  /** What "Migrate to Bedrock (mantle)" and "Convert to Converse" / "Use AnthropicBedrock" would do to this site. */
  targets: { mantle: SiteStatus; converse: SiteStatus };
}

export interface ScannedFile {
  uri: vscode.Uri;
  sites: ScannedSite[];
  /** A file that names an SDK but does not parse: no sites are reported or migrated until it does. */
  syntaxError?: SyntaxProblem & { position: vscode.Position };
}

export interface ScanSummary {
  /** Files with call sites. */
  files: number;
  sites: number;
  /** Files that name an SDK but do not parse. */
  unparsed: number;
  cancelled: boolean;
}

/**
 * The workspace's OpenAI and Anthropic call sites, kept for the tree view and the problems panel. A full scan
 * replaces everything; a file that changes (saved, or migrated from the tree) is rescanned on its own.
 */
export class WorkspaceCallSiteScan implements vscode.Disposable {
  private readonly byFile = new Map<string, ScannedFile>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after every file that adds sites, so results show while a long scan runs. */
  readonly onDidChange = this.changed.event;
  private scanned = false;

  get hasScanned(): boolean { return this.scanned; }

  files(): ScannedFile[] {
    return [...this.byFile.values()].sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
  }

  async scan(token: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string; increment?: number }>): Promise<ScanSummary> {
    this.byFile.clear();
    this.scanned = true;
    this.changed.fire();
    const uris = await findSourceFiles(undefined, token);
    let done = 0, reported = 0;
    for (const uri of uris) {
      if (token.isCancellationRequested) break;
      await this.rescan(uri, false);
      done++;
      if (done - reported >= 20 || done === uris.length) {
        progress?.report({ message: `${done} of ${uris.length} files`, increment: ((done - reported) / uris.length) * 100 });
        reported = done;
      }
    }
    const sites = [...this.byFile.values()].reduce((n, f) => n + f.sites.length, 0);
    const unparsed = [...this.byFile.values()].filter(f => f.syntaxError).length;
    return { files: this.byFile.size - unparsed, sites, unparsed, cancelled: token.isCancellationRequested };
  }

  /** Re-reads one file (the open document's text if it has one) and replaces its entry. */
  async rescan(uri: vscode.Uri, notify = true): Promise<void> {
    const entry = await scanFile(uri);
    const had = this.byFile.delete(uri.toString());
    if (entry) this.byFile.set(uri.toString(), entry);
    if (entry || (had && notify)) this.changed.fire();
  }

  /** Whether a saved file is one this scan reports on, or could now hold sites. */
  tracks(uri: vscode.Uri): boolean {
    return this.scanned && (this.byFile.has(uri.toString()) || /\.(py|pyi|[cm]?[jt]sx?)$/.test(uri.path));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

async function readText(uri: vscode.Uri): Promise<{ text: string; doc?: vscode.TextDocument }> {
  const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
  if (open) return { text: open.getText(), doc: open };
  return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
}

async function scanFile(uri: vscode.Uri): Promise<ScannedFile | undefined> {
  let text: string, doc: vscode.TextDocument | undefined;
  try {
    ({ text, doc } = await readText(uri));
  } catch {
    return undefined; // deleted or unreadable since findFiles listed it: nothing to report
  }
  if (!mayHaveSdkCalls(text)) return undefined;
  const engine = await loadEngine();
  if (!engine.languageOf(uri.path)) return undefined;
  const problem = engine.checkSyntax(text, uri.path);
  if (problem) return { uri, sites: [], syntaxError: { ...problem, position: new vscode.Position(problem.line - 1, problem.column - 1) } };
  const found = engine.findSites(text, uri.path, { from: 'all' });
  if (!found.length) return undefined;
  // What each target would do, site by site: both runs see the whole file, as the migrate commands do.
  const statusFor = (target: 'mantle' | 'converse') => {
    const result = engine.migrate(text, uri.path, { target, from: 'all' });
    return new Map(result.sites.map(s => [s.start, s.status]));
  };
  const mantle = statusFor('mantle'), converse = statusFor('converse');
  const lines = doc ? undefined : lineStarts(text);
  const position = (offset: number) => (doc ? doc.positionAt(offset) : positionIn(lines!, offset));
  return {
    uri,
    sites: found.map(site => ({
      ...site,
      uri,
      range: new vscode.Range(position(site.start), position(site.end)),
      targets: { mantle: mantle.get(site.start) ?? 'manual', converse: converse.get(site.start) ?? 'manual' },
    })),
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionIn(starts: readonly number[], offset: number): vscode.Position {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return new vscode.Position(lo, offset - starts[lo]);
}
