import { asJson, num, type Json } from './usage';

/** Cohere Rerank 3.5 through InvokeModel; Bedrock wants `api_version: 2`. */
export function cohereRerankBody(query: string, documents: string[], topN?: number): Json {
  return { query, documents, ...(topN ? { top_n: topN } : {}), api_version: 2 };
}

export interface RerankResult {
  /** Position of the document in the list that was sent. */
  index: number;
  score: number;
}

/** `{ results: [{ index, relevance_score }] }`, sorted best first (re-sorted here rather than trusted). */
export function parseRerank(body: unknown): RerankResult[] {
  const results = asJson(body).results;
  if (!Array.isArray(results)) throw new Error('Rerank returned no results');
  return results
    .map(r => ({ index: num(asJson(r).index) ?? -1, score: num(asJson(r).relevance_score) ?? 0 }))
    .filter(r => r.index >= 0)
    .sort((a, b) => b.score - a.score || a.index - b.index);
}
