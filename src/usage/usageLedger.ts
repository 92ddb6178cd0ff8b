import type { UsageRecord } from '../service/bedrockService';
import { API_STYLE_LABELS, type ApiStyle } from '../service/model';
import { costOf, type PriceFound } from '../service/pricing/pricing';

/** One model · API style (· project) group's totals for this window's session (or the grand total, without model and style). */
export interface UsageTotals {
  model: string;
  apiStyle?: ApiStyle;
  /** The project the requests were billed to, when they named one (the account's default project otherwise). */
  project?: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Sum over the priced requests. */
  cost: number;
  currency: string;
  /** Requests for which no price was known (their cost is not in `cost`). */
  unpriced: number;
}

export interface UsageSummary {
  rows: UsageTotals[];
  total: UsageTotals;
}

export function emptyTotals(model: string, apiStyle?: ApiStyle): UsageTotals {
  return { model, ...(apiStyle ? { apiStyle } : {}), requests: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, cost: 0, currency: 'USD', unpriced: 0 };
}

export function rowLabel(t: UsageTotals): string {
  const label = t.apiStyle ? `${t.model} · ${API_STYLE_LABELS[t.apiStyle]}` : t.model;
  return t.project ? `${label} · project ${t.project}` : label;
}

/**
 * Token and cost totals of every request this session, from the usage each API returned, grouped by model and API
 * style, and by project where a request named one. Each request is priced when it is recorded, with the prices in
 * force then. Plain code: no vscode.
 */
export class UsageLedger {
  private readonly rows = new Map<string, UsageTotals>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly priceFor: (model: string, region: string) => PriceFound | undefined) {}

  add(r: UsageRecord): void {
    const key = `${r.model}\u0000${r.apiStyle}\u0000${r.project ?? ''}`;
    const row = this.rows.get(key) ?? { ...emptyTotals(r.model, r.apiStyle), ...(r.project ? { project: r.project } : {}) };
    this.rows.set(key, row);
    const found = this.priceFor(r.model, r.region);
    accumulate(row, r, found);
    for (const l of this.listeners) l();
  }

  /** A snapshot: later requests do not change it. */
  summary(): UsageSummary {
    const rows = [...this.rows.values()].map(r => ({ ...r })).sort((a, b) => rowLabel(a).localeCompare(rowLabel(b)));
    const total = emptyTotals('All models');
    for (const r of rows) {
      total.requests += r.requests;
      total.inputTokens += r.inputTokens;
      total.outputTokens += r.outputTokens;
      total.cacheReadTokens += r.cacheReadTokens;
      total.cacheWriteTokens += r.cacheWriteTokens;
      total.cost += r.cost;
      total.unpriced += r.unpriced;
      total.currency = r.currency;
    }
    return { rows, total };
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}

function accumulate(row: UsageTotals, r: UsageRecord, found: PriceFound | undefined): void {
  row.requests++;
  row.inputTokens += r.usage.inputTokens;
  row.outputTokens += r.usage.outputTokens;
  row.cacheReadTokens += r.usage.cacheReadTokens ?? 0;
  row.cacheWriteTokens += r.usage.cacheWriteTokens ?? 0;
  if (found) {
    row.cost += costOf(r.usage, found.price);
    row.currency = found.currency;
  } else {
    row.unpriced++;
  }
}
