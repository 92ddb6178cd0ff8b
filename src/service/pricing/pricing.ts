/**
 * Cost of a reply from the usage the API returned and the price table that ships with the extension
 * (prices.json: dated, per region and model, USD per 1M tokens), with user overrides from `bedrock.prices`.
 */
import type { Usage } from '../model';
import { stripProfilePrefix } from '../modelIds';
import shipped from './prices.json';
import { priceProblem } from './priceOverrides';

export { formatCost } from '../../format/formatCost';

/** USD (or the table's currency) per 1M tokens. Missing cache prices fall back to the input price. */
export interface Price {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

export interface PriceTable {
  date: string;
  source: string;
  currency: string;
  regions: Record<string, Record<string, Price>>;
}

export const PRICE_TABLE: PriceTable = shipped;

/** `bedrock.prices`: model id (bare or profile id) → price, for every region. */
export type PriceOverrides = Record<string, Price>;

export interface PriceFound {
  price: Price;
  currency: string;
  /** Where the price came from, shown with the figure so nobody mistakes an override for AWS's list price. */
  from: 'setting' | 'table';
}

/** The exact id first (a `global.` profile is billed below the Geo rate), then the bare model id. */
export function findPrice(model: string, region: string, overrides: PriceOverrides = {}, table: PriceTable = PRICE_TABLE): PriceFound | undefined {
  const ids = [model, stripProfilePrefix(model)];
  for (const id of ids) {
    const o = overrides[id];
    if (o && isPrice(o)) return { price: o, currency: table.currency, from: 'setting' };
  }
  const regional = table.regions[region];
  for (const id of ids) {
    const p = regional?.[id];
    if (p) return { price: p, currency: table.currency, from: 'table' };
  }
  return undefined;
}

export function isPrice(p: unknown): p is Price {
  return priceProblem(p) === undefined;
}

/** Bedrock reports cache reads and writes apart from `inputTokens`, so each count is billed at its own rate. */
export function costOf(usage: Usage, price: Price): number {
  const perToken = (tokens: number | undefined, perMillion: number) => ((tokens ?? 0) * perMillion) / 1_000_000;
  return perToken(usage.inputTokens, price.input)
    + perToken(usage.outputTokens, price.output)
    + perToken(usage.cacheReadTokens, price.cacheRead ?? price.input)
    + perToken(usage.cacheWriteTokens, price.cacheWrite ?? price.input);
}
