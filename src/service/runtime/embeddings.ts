import { COHERE_EMBED_BATCH, cohereEmbedBody, parseCohereEmbeddings, parseTitanEmbedding, titanEmbedBody, type CohereInputType } from '../drivers/runtime/bodies/embeddings';
import { invokeFamily, type InvokeFamily } from '../drivers/runtime/bodies/family';
import { asRequestError, refuse, type RuntimeContext } from './context';
import { invokeJson } from './invokeRaw';

export interface EmbedOptions {
  /** Needed for application inference profile ARNs, which hide the model. */
  family?: InvokeFamily;
  /** Titan v2: 256, 512 or 1024 (default 1024). */
  dimensions?: number;
  /** Cohere: what the texts are for (default search_document). */
  inputType?: CohereInputType;
}

export interface EmbeddingResult {
  /** One vector per input text, in input order. */
  vectors: number[][];
  dimensions: number;
  /** When the model reports it (Titan). */
  inputTokens?: number;
}

/**
 * Embeds texts with Titan Text Embeddings (one call per text: its body takes one) or Cohere Embed (batches of
 * 96, the model's limit).
 */
export async function embed(ctx: RuntimeContext, texts: string[], modelId: string, opts: EmbedOptions = {}): Promise<EmbeddingResult> {
  const family = opts.family ?? invokeFamily(modelId);
  if (!texts.length) return { vectors: [], dimensions: 0 };
  const vectors: number[][] = [];
  let inputTokens: number | undefined;
  if (family === 'titan-embed') {
    const v1 = /titan-embed-text-v1/.test(modelId);
    for (const text of texts) {
      const r = parse(ctx, modelId, await invokeJson(ctx, modelId, titanEmbedBody(text, { dimensions: opts.dimensions, v1 })), parseTitanEmbedding);
      vectors.push(r.vector);
      if (r.inputTokens !== undefined) inputTokens = (inputTokens ?? 0) + r.inputTokens;
    }
  } else if (family === 'cohere-embed') {
    for (let i = 0; i < texts.length; i += COHERE_EMBED_BATCH) {
      const batch = texts.slice(i, i + COHERE_EMBED_BATCH);
      vectors.push(...parse(ctx, modelId, await invokeJson(ctx, modelId, cohereEmbedBody(batch, opts.inputType)), parseCohereEmbeddings));
    }
  } else {
    throw refuse('validation', `${modelId} is not an embeddings model this extension knows (Titan Text Embeddings or Cohere Embed).`, { kind: 'choose-model' });
  }
  return { vectors, dimensions: vectors[0]?.length ?? 0, ...(inputTokens !== undefined ? { inputTokens } : {}) };
}

/** Applies a body parser; a reply of the wrong shape is reported like any other failed call. */
export function parse<T>(ctx: RuntimeContext, modelId: string, body: unknown, parser: (b: unknown) => T): T {
  try {
    return parser(body);
  } catch (e) {
    throw asRequestError(e, ctx, modelId);
  }
}
