import * as vscode from 'vscode';
import type { MigrationTarget, SourceSdk } from '../model';
import { CallSiteCodeActions, CallSiteDiagnostics } from './callSiteDiagnostics';
import { CALL_SITES_VIEW, CallSiteTreeProvider, isFileNode, type CallSiteNode } from './callSiteTree';
import { MIGRATE_SITE_COMMAND, MigrationCodeLensProvider } from './migrationCodeLensProvider';
import { migrateResources, MigrateResourcesOptions } from './migrateResources';
import { WorkspaceCallSiteScan, type ScanSummary } from './workspaceScan';
import { MigrationReview } from './migrationReview';

const LANGUAGES = ['python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact'];

export interface MigrationFeatures {
  disposables: vscode.Disposable[];
  /** The scan results behind the tree view and the problems-panel hints (tests read them). */
  callSites: CallSiteTreeProvider;
  diagnostics: vscode.DiagnosticCollection;
  /** The migration review (kept here so it is disposed with the rest). */
  review?: MigrationReview;
}

/** The migration front end: code lenses on SDK calls, the migrate commands, and the workspace scan. */
export function registerMigrationFeatures(log: vscode.LogOutputChannel): MigrationFeatures {
  const lenses = new MigrationCodeLensProvider();
  const scan = new WorkspaceCallSiteScan();
  const tree = new CallSiteTreeProvider(scan);
  const diagnostics = new CallSiteDiagnostics(scan);
  const documents = LANGUAGES.map(language => ({ language, scheme: 'file' }));
  const migrateFile = async (uri: vscode.Uri, target: MigrationTarget, sources: SourceSdk[]) => {
    for (const source of sources) await migrateResources(source, [uri], log, { target, preview: false });
    if (scan.hasScanned) await scan.rescan(uri);
  };
  const migrateNode = (target: MigrationTarget) => (node: CallSiteNode) =>
    migrateFile(node.uri, target, isFileNode(node) ? [...new Set(node.sites.map(s => s.source))] : [node.source]);
  const view = vscode.window.createTreeView(CALL_SITES_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  const review = new MigrationReview();

  return {
    callSites: tree,
    diagnostics: diagnostics.collection,
    review,
    disposables: [
      review,
      lenses,
      scan,
      tree,
      diagnostics,
      view,
      vscode.languages.registerCodeLensProvider(documents, lenses),
      vscode.languages.registerCodeActionsProvider(documents, new CallSiteCodeActions(), { providedCodeActionKinds: CallSiteCodeActions.kinds }),
      // a lens migrates its whole file: the call's client construction and imports must change with it
      vscode.commands.registerCommand(MIGRATE_SITE_COMMAND, (uri: vscode.Uri, target: MigrationTarget, source: SourceSdk) => migrateFile(uri, target, [source])),
      // explorer menus pass (clicked, all selected); the editor passes its file (and an editor-group object); tests pass options
      ...(['openai', 'anthropic'] as const).map(from => vscode.commands.registerCommand(
        from === 'openai' ? 'bedrock.migrateOpenAICode' : 'bedrock.migrateAnthropicCode',
        (clicked?: vscode.Uri, selected?: vscode.Uri[] | object, options?: MigrateResourcesOptions) => {
          const fromExplorer = Array.isArray(selected);
          const uris = fromExplorer && selected.length ? selected : clicked instanceof vscode.Uri ? [clicked] : [];
          return migrateResources(from, uris, log, { fromEditor: !fromExplorer, review, ...options });
        })),
      vscode.commands.registerCommand('bedrock.callSites.migrateMantle', migrateNode('mantle')),
      vscode.commands.registerCommand('bedrock.callSites.migrateConverse', migrateNode('converse')),
      vscode.commands.registerCommand('bedrock.scanWorkspaceForOpenAICalls', (options?: { token?: vscode.CancellationToken }) => scanWorkspace(scan, view, options?.token)),
      vscode.workspace.onDidSaveTextDocument(doc => { if (scan.tracks(doc.uri)) void scan.rescan(doc.uri); }),
    ],
  };
}

/** Runs the scan under a cancellable progress notification (tests may pass a token of their own to cancel with). */
async function scanWorkspace(scan: WorkspaceCallSiteScan, view: vscode.TreeView<CallSiteNode>, extra?: vscode.CancellationToken): Promise<ScanSummary> {
  void vscode.commands.executeCommand(`${CALL_SITES_VIEW}.focus`);
  view.message = 'Scanning…';
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Bedrock: scanning for OpenAI and Anthropic calls', cancellable: true },
    async (progress, token) => {
      const cancel = new vscode.CancellationTokenSource();
      const links = [token.onCancellationRequested(() => cancel.cancel()), extra?.onCancellationRequested(() => cancel.cancel())];
      try {
        if (extra?.isCancellationRequested) cancel.cancel();
        return await scan.scan(cancel.token, progress);
      } finally {
        for (const l of links) l?.dispose();
        cancel.dispose();
      }
    });
  const counts = `${summary.sites} call site${summary.sites === 1 ? '' : 's'} in ${summary.files} file${summary.files === 1 ? '' : 's'}${summary.unparsed ? `, ${summary.unparsed} file${summary.unparsed === 1 ? '' : 's'} not parsing` : ''}`;
  view.message = summary.cancelled ? `Scan cancelled: ${counts} so far.` : summary.sites || summary.unparsed ? undefined : 'No OpenAI or Anthropic calls found.';
  view.description = summary.sites || summary.unparsed ? counts : undefined;
  return summary;
}
