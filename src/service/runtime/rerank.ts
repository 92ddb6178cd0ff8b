import { invokeFamily, type InvokeFamily } from '../drivers/runtime/bodies/family';
import { cohereRerankBody, parseRerank } from '../drivers/runtime/bodies/rerank';
import { refuse, type RuntimeContext } from './context';
import { parse } from './embeddings';
import { invokeJson } from './invokeRaw';

export interface RankedDocument {
  /** Index of the document in the list passed in. */
  index: number;
  score: number;
  document: string;
}

/**
 * Orders documents by relevance to the query with Cohere Rerank through InvokeModel (which, unlike the
 * agent-runtime Rerank API, also accepts Bedrock API keys). Best first; `topN` limits how many come back.
 */
export async function rerank(ctx: RuntimeContext, query: string, documents: string[], modelId: string, opts: { topN?: number; family?: InvokeFamily } = {}): Promise<RankedDocument[]> {
  const family = opts.family ?? invokeFamily(modelId);
  if (family !== 'cohere-rerank') throw refuse('validation', `${modelId} is not a rerank model this extension knows (Cohere Rerank).`, { kind: 'choose-model' });
  if (!documents.length) return [];
  const body = await invokeJson(ctx, modelId, cohereRerankBody(query, documents, opts.topN));
  return parse(ctx, modelId, body, parseRerank).map(r => ({ ...r, document: documents[r.index] ?? '' }));
}
