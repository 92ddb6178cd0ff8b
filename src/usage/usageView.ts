import * as vscode from 'vscode';
import { Disposable } from '../common/disposable';
import { formatCost } from '../service/pricing/pricing';
import { rowLabel, type UsageLedger, type UsageSummary, type UsageTotals } from './usageLedger';

export const USAGE_VIEW_ID = 'bedrock.usageView';

type Node = { kind: 'row'; totals: UsageTotals; isTotal: boolean } | { kind: 'detail'; label: string; value: string };

const n = (v: number) => v.toLocaleString('en-US');

export function costText(t: UsageTotals): string {
  const priced = t.requests - t.unpriced;
  if (!priced) return 'no price known';
  return `${formatCost(t.cost, t.currency)}${t.unpriced ? ` (+${t.unpriced} unpriced)` : ''}`;
}

export function rowDescription(t: UsageTotals): string {
  return `${n(t.inputTokens)} in · ${n(t.outputTokens)} out · ${costText(t)}`;
}

/**
 * "Bedrock: Usage This Session": a plain tree (keyboard and screen-reader friendly by default) with a total row
 * and one row per model · API style; each row opens to its token counts and cost.
 */
export class UsageTreeProvider extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly ledger: UsageLedger) {
    super();
    this._register(ledger.onDidChange(() => this.changed.fire()));
  }

  summary(): UsageSummary {
    return this.ledger.summary();
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const { rows, total } = this.ledger.summary();
      if (!rows.length) return [];
      return [{ kind: 'row', totals: total, isTotal: true }, ...rows.map(totals => ({ kind: 'row' as const, totals, isTotal: false }))];
    }
    if (node.kind === 'detail') return [];
    const t = node.totals;
    return [
      { kind: 'detail', label: 'Requests', value: n(t.requests) },
      { kind: 'detail', label: 'Input tokens', value: n(t.inputTokens) },
      { kind: 'detail', label: 'Output tokens', value: n(t.outputTokens) },
      { kind: 'detail', label: 'Cache-read tokens', value: n(t.cacheReadTokens) },
      { kind: 'detail', label: 'Cache-write tokens', value: n(t.cacheWriteTokens) },
      { kind: 'detail', label: 'Cost', value: costText(t) },
    ];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'detail') {
      const item = new vscode.TreeItem(node.label);
      item.description = node.value;
      item.accessibilityInformation = { label: `${node.label}: ${node.value}` };
      return item;
    }
    const t = node.totals;
    const label = node.isTotal ? `Total (${n(t.requests)} request${t.requests === 1 ? '' : 's'})` : rowLabel(t);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = rowDescription(t);
    item.iconPath = new vscode.ThemeIcon(node.isTotal ? 'graph' : 'hubot');
    item.tooltip = `${label}\n${rowDescription(t)}\ncache read ${n(t.cacheReadTokens)} · cache write ${n(t.cacheWriteTokens)}\nPrices: the table shipped with the extension or your bedrock.prices setting.`;
    item.accessibilityInformation = { label: `${label}: ${rowDescription(t)}` };
    return item;
  }
}

export function registerUsageView(ledger: UsageLedger): vscode.Disposable[] {
  const provider = new UsageTreeProvider(ledger);
  return [
    provider,
    vscode.window.createTreeView(USAGE_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true }),
    // returns the totals, so tests (and other commands) read what the view shows
    vscode.commands.registerCommand('bedrock.showUsage', async (): Promise<UsageSummary> => {
      await vscode.commands.executeCommand(`${USAGE_VIEW_ID}.focus`);
      return provider.summary();
    }),
  ];
}
