import * as vscode from 'vscode';

// The review of a migration before it lands: every changed file in VS Code's multi-file diff editor
// (`vscode.changes`), the proposal on the right, and three ways out: Apply All (one workspace edit,
// so one undo), Apply File (one file at a time), Discard. A file edited since the proposal was made
// is not overwritten: it is skipped with a message to run the migration again.

export const PROPOSAL_SCHEME = 'bedrock-migrate-proposal';
export const APPLY_ALL_COMMAND = 'bedrock.migration.applyAll';
export const APPLY_FILE_COMMAND = 'bedrock.migration.applyFile';
export const DISCARD_COMMAND = 'bedrock.migration.discard';

export interface ProposedFile {
  uri: vscode.Uri;
  /** The document version the proposal was computed from. */
  version: number;
  proposed: string;
  edits: Array<{ range: vscode.Range; newText: string }>;
}

export class MigrationReview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private files = new Map<string, ProposedFile>();
  private title = '';
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registrations = [
    vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this),
    vscode.commands.registerCommand(APPLY_ALL_COMMAND, () => this.applyAll()),
    vscode.commands.registerCommand(APPLY_FILE_COMMAND, (uri?: vscode.Uri) => this.applyFile(uri)),
    vscode.commands.registerCommand(DISCARD_COMMAND, () => this.discard()),
  ];

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.files.get(uri.query)?.proposed ?? '';
  }

  private proposalUri(file: ProposedFile): vscode.Uri {
    return vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: file.uri.path, query: file.uri.toString() });
  }

  /** The files still waiting in the review (tests and the Apply File picker read them). */
  pending(): vscode.Uri[] {
    return [...this.files.values()].map(f => f.uri);
  }

  /** Opens the review; resolves once it is shown (the buttons answer later). */
  async show(title: string, files: ProposedFile[]): Promise<void> {
    await this.closeTab();
    this.files = new Map(files.map(f => [f.uri.toString(), f]));
    this.title = title;
    for (const f of files) this.changed.fire(this.proposalUri(f));
    await vscode.commands.executeCommand('setContext', 'bedrock.migrationReviewOpen', true);
    await vscode.commands.executeCommand('vscode.changes', title, files.map(f => [f.uri, f.uri, this.proposalUri(f)]));
    const many = files.length > 1;
    void vscode.window.showInformationMessage(`Bedrock: ${files.length} file${many ? 's' : ''} to migrate: review the changes, then apply them.`, 'Apply All', ...(many ? ['Apply File…'] : []), 'Discard')
      .then(async choice => {
        if (choice === 'Apply All') await this.applyAll();
        else if (choice === 'Apply File…') await this.applyFile();
        else if (choice === 'Discard') await this.discard();
      });
  }

  async applyAll(): Promise<number> {
    return this.apply([...this.files.values()]);
  }

  async applyFile(uri?: vscode.Uri): Promise<number> {
    let file = uri ? this.files.get(uri.toString()) : undefined;
    if (!uri) {
      const picked = await vscode.window.showQuickPick([...this.files.values()].map(f => ({ label: vscode.workspace.asRelativePath(f.uri), file: f })), { title: 'Apply the migration to which file?' });
      file = picked?.file;
    }
    return file ? this.apply([file]) : 0;
  }

  async discard(): Promise<void> {
    this.files.clear();
    await this.closeTab();
  }

  /** Applies the files' edits as one workspace edit (one undo step); returns how many files changed. */
  private async apply(files: ProposedFile[]): Promise<number> {
    const edit = new vscode.WorkspaceEdit();
    const stale: string[] = [];
    const applied: ProposedFile[] = [];
    for (const f of files) {
      const doc = await vscode.workspace.openTextDocument(f.uri);
      if (doc.version !== f.version) { stale.push(vscode.workspace.asRelativePath(f.uri)); continue; }
      for (const e of f.edits) edit.replace(f.uri, e.range, e.newText);
      applied.push(f);
    }
    if (applied.length && !await vscode.workspace.applyEdit(edit)) {
      void vscode.window.showErrorMessage('Bedrock: the migration could not be applied; run it again.');
      return 0;
    }
    for (const f of [...applied]) this.files.delete(f.uri.toString());
    for (const f of files.filter(x => stale.includes(vscode.workspace.asRelativePath(x.uri)))) this.files.delete(f.uri.toString());
    if (stale.length) void vscode.window.showWarningMessage(`Bedrock: ${stale.join(', ')} changed since the migration was proposed and was left as it is; run the migration again.`);
    if (this.files.size === 0) await this.closeTab();
    return applied.length;
  }

  private async closeTab(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'bedrock.migrationReviewOpen', this.files.size > 0);
    if (!this.title) return;
    const tabs = vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => t.label.startsWith(this.title) && !(t.input instanceof vscode.TabInputText) && !(t.input instanceof vscode.TabInputTextDiff));
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  dispose(): void {
    for (const r of this.registrations) r.dispose();
    this.changed.dispose();
  }
}
