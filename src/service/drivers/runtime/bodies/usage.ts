import type { Usage } from '../../../model';

/** Bedrock's own count, added to the last chunk of every InvokeModelWithResponseStream reply. */
export const INVOCATION_METRICS_KEY = 'amazon-bedrock-invocationMetrics';

export type Json = Record<string, unknown>;

export function asJson(v: unknown): Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Json : {};
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** `amazon-bedrock-invocationMetrics` on a stream chunk → usage, if this chunk carries it. */
export function invocationMetricsUsage(chunk: unknown): Usage | undefined {
  const m = asJson(asJson(chunk)[INVOCATION_METRICS_KEY]);
  const input = num(m.inputTokenCount);
  const output = num(m.outputTokenCount);
  if (input === undefined && output === undefined) return undefined;
  return {
    inputTokens: input ?? 0, outputTokens: output ?? 0,
    ...(num(m.cacheReadInputTokenCount) ? { cacheReadTokens: num(m.cacheReadInputTokenCount) } : {}),
    ...(num(m.cacheWriteInputTokenCount) ? { cacheWriteTokens: num(m.cacheWriteInputTokenCount) } : {}),
  };
}

/**
 * InvokeModel (non-streaming) puts usage in response headers for every model; bodies of some families (Mistral
 * prompt style, Titan) carry none. Header names are lower-case as Node delivers them.
 */
export function headerUsage(headers: Record<string, string | undefined>): Usage | undefined {
  const n = (name: string) => {
    const v = headers[name];
    return v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
  };
  const input = n('x-amzn-bedrock-input-token-count');
  const output = n('x-amzn-bedrock-output-token-count');
  if (input === undefined && output === undefined) return undefined;
  const cacheRead = n('x-amzn-bedrock-cache-read-input-token-count');
  const cacheWrite = n('x-amzn-bedrock-cache-write-input-token-count');
  return {
    inputTokens: input ?? 0, outputTokens: output ?? 0,
    ...(cacheRead ? { cacheReadTokens: cacheRead } : {}),
    ...(cacheWrite ? { cacheWriteTokens: cacheWrite } : {}),
  };
}
