// The most the smoke run can cost, worked out before anything is sent: each request's prompt estimate plus an
// allowance for what the API adds, at the full output cap, priced by the extension's pricing code.
import { MAX_TOKENS } from './matrix.mjs';
import { requestFor } from './runCheck.mjs';

/** Regions the shipped table has no prices for are estimated at this region's prices (and the line says so). */
const FALLBACK_REGION = 'us-east-1';

/**
 * @param {any[]} checks from smokeMatrix
 * @param {{ pricing: any, estimateTokens: (messages: any[], system?: string) => number, region: string }} env
 * @returns {{ total: number, currency: string, tableDate: string, priceRegion: string, unpriced: string[] }}
 */
export function estimateCost(checks, { pricing, estimateTokens, region }) {
  const priceRegion = pricing.PRICE_TABLE.regions[region] ? region : FALLBACK_REGION;
  let total = 0;
  const unpriced = [];
  for (const check of checks) {
    if (check.kind === 'count') continue; // CountTokens is free
    if (check.kind === 'guardrail') {
      total += check.costBound ?? 0;
      continue;
    }
    const found = pricing.findPrice(check.priceAs ?? check.model, priceRegion);
    if (!found) {
      unpriced.push(check.model);
      continue;
    }
    const inputTokens = estimateTokens(requestFor(check).messages) + check.allowance;
    total += pricing.costOf({ inputTokens, outputTokens: MAX_TOKENS }, found.price);
  }
  return { total, currency: pricing.PRICE_TABLE.currency, tableDate: pricing.PRICE_TABLE.date, priceRegion, unpriced };
}
