import * as vscode from 'vscode';
import { Disposable } from '../../common/disposable';
import { AppendBatcher, DEFAULT_BATCH_INTERVAL_MS } from './appendBatcher';

export const OUTPUT_SCHEME = 'bedrock-output';

/**
 * Read-only virtual documents (`bedrock-output:`) that grow while a model streams into them. A virtual document
 * cannot be edited or saved by mistake and never asks "save changes?" on close, unlike an untitled one; VS Code
 * re-reads its content on every `onDidChange`, which is why writers batch their appends (AppendBatcher).
 */
export class OutputDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private counter = 0;

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(OUTPUT_SCHEME, this));
    // Free a closed pane's text; a writer still streaming into it keeps its own copy.
    this._register(vscode.workspace.onDidCloseTextDocument(d => {
      if (d.uri.scheme === OUTPUT_SCHEME) this.contents.delete(d.uri.toString());
    }));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /**
   * A new document holding `initial` (empty by default); the extension picks its language mode (markdown, json).
   * Text that is known before the pane opens belongs here: the editor opens with it, while each later change costs
   * a round trip to the editor (the first ones of a session wait for VS Code's diff worker and markdown start-up).
   */
  create(title: string, extension = 'md', initial = ''): vscode.Uri {
    const name = title.replace(/[\\/:*?"<>|#%]+/g, ' ').replace(/\s+/g, ' ').trim() || 'Bedrock';
    const uri = vscode.Uri.from({ scheme: OUTPUT_SCHEME, path: `/${name} (${++this.counter}).${extension}` });
    this.contents.set(uri.toString(), initial);
    return uri;
  }

  text(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  set(uri: vscode.Uri, text: string): void {
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  append(uri: vscode.Uri, text: string): void {
    this.set(uri, this.text(uri) + text);
  }

  /** Opens the document beside the active editor without taking focus from it. */
  async show(uri: vscode.Uri, column = vscode.ViewColumn.Beside): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { viewColumn: column, preview: false, preserveFocus: true });
  }

  /** A batching writer for one document. */
  writer(uri: vscode.Uri, intervalMs = DEFAULT_BATCH_INTERVAL_MS): OutputPane {
    return new OutputPane(this, uri, intervalMs);
  }
}

/** Appends to one output document through an AppendBatcher, and keeps the view on the end while it grows. */
export class OutputPane {
  private readonly batcher: AppendBatcher;

  constructor(private readonly docs: OutputDocuments, readonly uri: vscode.Uri, intervalMs: number) {
    // No gap bound here (AppendBatcher's maxGapMs): VS Code cancels a virtual document's pending re-read when the next
    // change arrives, so an edit overlapping a slow one made the pane move less often, not more (issue 21's bench:
    // 62 batches became 46 visible changes and the longest gap grew from 732 ms to 1871 ms on the same loaded machine).
    this.batcher = new AppendBatcher(text => this.applyBatch(text), intervalMs);
  }

  /** Edits applied to the document so far (one per batch, not per delta). */
  get edits(): number {
    return this.batcher.edits;
  }

  get text(): string {
    return this.docs.text(this.uri);
  }

  append(text: string): void {
    this.batcher.push(text);
  }

  /** Everything appended so far is in the document. */
  flush(): Promise<void> {
    return this.batcher.flush();
  }

  /** Replaces the whole content (after a flush), e.g. to strip a code fence from a finished refactoring. */
  async replace(text: string): Promise<void> {
    await this.batcher.flush();
    const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === this.uri.toString());
    const shown = doc ? documentShows(doc, d => d.getText() === text) : Promise.resolve();
    this.docs.set(this.uri, text);
    await shown;
  }

  /**
   * One batch: update the content, then wait until the open document has it. VS Code re-reads a virtual document
   * asynchronously; waiting gives the batcher real backpressure (the next batch waits for the editor) and makes
   * flush() mean "the editor shows it".
   */
  private async applyBatch(text: string): Promise<void> {
    const key = this.uri.toString();
    const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === key);
    // Follow the output only in editors whose last line is visible, so a user who scrolled up to read stays put.
    const followers = vscode.window.visibleTextEditors.filter(e => e.document.uri.toString() === key
      && e.visibleRanges.some(r => r.end.line >= e.document.lineCount - 2));
    const expected = this.docs.text(this.uri).length + text.length;
    const shown = doc ? documentShows(doc, d => d.offsetAt(d.lineAt(d.lineCount - 1).range.end) >= expected) : Promise.resolve();
    this.docs.append(this.uri, text);
    await shown;
    if (!doc || doc.isClosed) return;
    const end = new vscode.Position(doc.lineCount - 1, 0);
    for (const e of followers) e.revealRange(new vscode.Range(end, end), vscode.TextEditorRevealType.Default);
  }
}

/**
 * Resolves once the document passes `check`, or after a while (closed documents never change). The wait is generous:
 * on a loaded machine VS Code took up to 3 s to re-read a long pane, and giving up early made flush() return before
 * the editor showed the text.
 */
function documentShows(doc: vscode.TextDocument, check: (d: vscode.TextDocument) => boolean, timeoutMs = 10_000): Promise<void> {
  const has = () => doc.isClosed || check(doc);
  if (has()) return Promise.resolve();
  return new Promise(resolve => {
    const done = () => { sub.dispose(); clearTimeout(timer); resolve(); };
    const sub = vscode.workspace.onDidChangeTextDocument(e => { if (e.document === doc && has()) done(); });
    const timer = setTimeout(done, timeoutMs);
  });
}
