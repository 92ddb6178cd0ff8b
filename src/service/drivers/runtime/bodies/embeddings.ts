import { asJson, num, type Json } from './usage';

/** Titan Text Embeddings: one text per call. v2 takes `dimensions` (256 | 512 | 1024) and `normalize`; v1 neither. */
export function titanEmbedBody(text: string, opts: { dimensions?: number; normalize?: boolean; v1?: boolean } = {}): Json {
  if (opts.v1) return { inputText: text };
  return { inputText: text, ...(opts.dimensions ? { dimensions: opts.dimensions } : {}), normalize: opts.normalize ?? true };
}

export function parseTitanEmbedding(body: unknown): { vector: number[]; inputTokens?: number } {
  const b = asJson(body);
  const vector = Array.isArray(b.embedding) ? b.embedding as number[] : (asJson(b.embeddingsByType).float as number[] | undefined);
  if (!Array.isArray(vector)) throw new Error('Titan returned no embedding');
  return { vector, inputTokens: num(b.inputTextTokenCount) };
}

export type CohereInputType = 'search_document' | 'search_query' | 'classification' | 'clustering';

/** Cohere Embed: up to 96 texts per call; `input_type` is required. */
export function cohereEmbedBody(texts: string[], inputType: CohereInputType = 'search_document'): Json {
  return { texts, input_type: inputType, truncate: 'END' };
}

export const COHERE_EMBED_BATCH = 96;

/** `embeddings` is a list of vectors, or `{ float: [...] }` when `embedding_types` was asked for (v4 default). */
export function parseCohereEmbeddings(body: unknown): number[][] {
  const e = asJson(body).embeddings;
  const vectors = Array.isArray(e) ? e : asJson(e).float;
  if (!Array.isArray(vectors)) throw new Error('Cohere returned no embeddings');
  return vectors as number[][];
}
