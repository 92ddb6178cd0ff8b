import * as vscode from 'vscode';
import { Disposable } from '../../common/disposable';
import type { ScannedFile, ScannedSite, WorkspaceCallSiteScan } from './workspaceScan';

export const CALL_SITES_VIEW = 'bedrock.callSitesView';

export type CallSiteNode = ScannedFile | ScannedSite;

export function isFileNode(node: CallSiteNode): node is ScannedFile {
  return 'sites' in node;
}

/** What the site can become, in the words of the two migrate actions: "mantle · converse", "mantle (converse: manual)", "manual". */
export function targetStatus(site: Pick<ScannedSite, 'source' | 'targets'>): string {
  const runtime = site.source === 'anthropic' ? 'AnthropicBedrock' : 'converse';
  const { mantle, converse } = site.targets;
  if (mantle === 'migrated' && converse === 'migrated') return `mantle · ${runtime}`;
  if (mantle === 'migrated') return `mantle (${runtime}: ${converse})`;
  if (converse === 'migrated') return `${runtime} (mantle: ${mantle})`;
  return mantle === 'unchanged' && converse === 'unchanged' ? 'unchanged' : 'manual';
}

/** The scan results as file → call sites; a click opens the site, the context menu migrates. */
export class CallSiteTreeProvider extends Disposable implements vscode.TreeDataProvider<CallSiteNode> {
  private readonly changed = this._register(new vscode.EventEmitter<CallSiteNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly scan: WorkspaceCallSiteScan) {
    super();
    this._register(scan.onDidChange(() => this.changed.fire(undefined)));
  }

  getChildren(node?: CallSiteNode): CallSiteNode[] {
    if (!node) return this.scan.files();
    return isFileNode(node) ? node.sites : [];
  }

  getParent(node: CallSiteNode): CallSiteNode | undefined {
    return isFileNode(node) ? undefined : this.scan.files().find(f => f.uri.toString() === node.uri.toString());
  }

  getTreeItem(node: CallSiteNode): vscode.TreeItem {
    if (isFileNode(node) && node.syntaxError) {
      const e = node.syntaxError;
      const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.None);
      item.description = `syntax error at line ${e.line}: not scanned`;
      item.tooltip = `${e.line}:${e.column}: ${e.message}. Fix it and save: the file is scanned again.`;
      item.iconPath = new vscode.ThemeIcon('warning');
      item.contextValue = 'bedrockUnparsedFile';
      item.command = { title: 'Show Syntax Error', command: 'vscode.open', arguments: [node.uri, { selection: new vscode.Range(e.position, e.position) } satisfies vscode.TextDocumentShowOptions] };
      return item;
    }
    if (isFileNode(node)) {
      const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${vscode.workspace.asRelativePath(node.uri.with({ path: node.uri.path.replace(/\/[^/]*$/, '') }))} · ${node.sites.length} call site${node.sites.length === 1 ? '' : 's'}`;
      item.contextValue = 'bedrockCallFile';
      return item;
    }
    const item = new vscode.TreeItem(node.kind, vscode.TreeItemCollapsibleState.None);
    const status = targetStatus(node);
    item.description = `line ${node.line} · ${status}`;
    item.iconPath = new vscode.ThemeIcon(status === 'manual' ? 'tools' : node.kind.endsWith('construct') ? 'symbol-class' : 'symbol-method');
    const flags = [node.streaming && 'streaming', node.async && 'async'].filter(Boolean).join(', ');
    item.tooltip = `${node.source === 'openai' ? 'OpenAI' : 'Anthropic'} ${node.kind}${flags ? ` (${flags})` : ''}, line ${node.line}\nmantle: ${node.targets.mantle}; ${node.source === 'anthropic' ? 'AnthropicBedrock' : 'Converse'}: ${node.targets.converse}`;
    item.contextValue = `bedrockCallSite.${node.source}`;
    item.command = { title: 'Show Call Site', command: 'vscode.open', arguments: [node.uri, { selection: node.range } satisfies vscode.TextDocumentShowOptions] };
    return item;
  }
}
