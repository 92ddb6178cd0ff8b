import type { Price, PriceOverrides } from './pricing';

/**
 * The most any token kind may cost per 1M tokens in `bedrock.prices`. The dearest list prices are below 100 USD per
 * 1M tokens; anything past this is a typo (a per-token price typed per 1M, an extra digit run) and would turn every
 * total into nonsense, or into Infinity.
 */
export const MAX_PRICE_PER_MILLION = 10_000;

const FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite'] as const;

export interface PriceOverridesRead {
  prices: PriceOverrides;
  /** One sentence per ignored entry (or for the whole setting), naming it and saying why. */
  problems: string[];
}

/** Why a `bedrock.prices` entry is not a price; undefined when it is one. */
export function priceProblem(p: unknown): string | undefined {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return `it is ${kindOf(p)}, not { "input": …, "output": … }`;
  const r = p as Record<string, unknown>;
  for (const field of FIELDS) {
    const v = r[field];
    const optional = field === 'cacheRead' || field === 'cacheWrite';
    if (v === undefined && optional) continue;
    if (v === undefined) return `"${field}" is missing`;
    if (typeof v !== 'number') return `"${field}" is ${kindOf(v)}, not a number`;
    if (Number.isNaN(v)) return `"${field}" is not a number`;
    if (v < 0) return `"${field}" is negative`;
    if (!(v <= MAX_PRICE_PER_MILLION)) return `"${field}" is above ${MAX_PRICE_PER_MILLION} per 1M tokens`;
  }
  return undefined;
}

/**
 * `bedrock.prices` as the user wrote it, checked entry by entry: a bad entry is left out and named, the good ones
 * still count. A value that is not an object at all (a string, an array) is ignored as a whole.
 */
export function readPriceOverrides(raw: unknown): PriceOverridesRead {
  if (raw === undefined || raw === null) return { prices: {}, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { prices: {}, problems: [`bedrock.prices is ${kindOf(raw)}, not an object of model id → price, so it is ignored.`] };
  }
  const prices: PriceOverrides = {};
  const problems: string[] = [];
  for (const [model, p] of Object.entries(raw as Record<string, unknown>)) {
    const problem = model.trim() ? priceProblem(p) : 'its model id is empty';
    if (problem) problems.push(`bedrock.prices entry ${JSON.stringify(model.slice(0, 80))} is ignored: ${problem}.`);
    else prices[model] = pick(p as Price);
  }
  return { prices, problems };
}

function pick(p: Price): Price {
  return { input: p.input, output: p.output, ...(p.cacheRead !== undefined ? { cacheRead: p.cacheRead } : {}), ...(p.cacheWrite !== undefined ? { cacheWrite: p.cacheWrite } : {}) };
}

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': return 'text';
    case 'number': return 'a number';
    case 'boolean': return 'true or false';
    default: return typeof v === 'object' ? 'an object' : `of type ${typeof v}`;
  }
}
