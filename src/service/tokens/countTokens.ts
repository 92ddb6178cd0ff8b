import type { ResolvedAuth } from '../credentials/auth';
import { converseInput } from '../formats/converseRequest';
import { runtimeClient } from '../drivers/runtime/runtimeClient';
import { toBedrockError } from '../errors';
import type { BedrockRequest } from '../model';
import { isArn, stripProfilePrefix } from '../modelIds';
import { sdks } from '../sdks';
import { contextLimit } from './contextLimits';
import { estimateTokens } from './estimate';

export interface TokenCount {
  tokens: number;
  /** `count-tokens`: Bedrock's CountTokens, what the request will be billed; `estimate`: the local rule of thumb. */
  method: 'count-tokens' | 'estimate';
  /** The model's context window from the shipped table; absent when the family is unknown. */
  limit?: number;
  /** Why a model that counts got an estimate (CountTokens failed). */
  note?: string;
}

export type CountablePrompt = Pick<BedrockRequest, 'model' | 'messages' | 'system'>;

export interface CountContext {
  region: string;
  /** The bedrock-runtime base URL. */
  endpoint: string;
  auth(): Promise<ResolvedAuth>;
  signal?: AbortSignal;
  log(message: string): void;
}

/** CountTokens serves Claude models only, named by their foundation-model id (profile ids are refused). */
export function countsWithBedrock(model: string): boolean {
  return !isArn(model) && stripProfilePrefix(model).startsWith('anthropic.claude');
}

/** Bedrock's own count where the model supports CountTokens (free of charge), else a labelled estimate. */
export async function countPromptTokens(prompt: CountablePrompt, ctx: CountContext): Promise<TokenCount> {
  const limit = contextLimit(prompt.model);
  const withLimit = (c: TokenCount): TokenCount => (limit ? { ...c, limit } : c);
  if (!countsWithBedrock(prompt.model)) return withLimit({ tokens: estimateTokens(prompt.messages, prompt.system), method: 'estimate' });
  const modelId = stripProfilePrefix(prompt.model);
  try {
    const sdk = sdks.bedrockRuntime();
    const client = await runtimeClient(ctx.endpoint, ctx.region, await ctx.auth());
    const { messages, system } = converseInput({ ...prompt, apiStyle: 'converse' }, modelId);
    const out = await client.send(new sdk.CountTokensCommand({ modelId, input: { converse: { messages, ...(system ? { system } : {}) } } }), { abortSignal: ctx.signal });
    return withLimit({ tokens: out.inputTokens ?? 0, method: 'count-tokens' });
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    const error = toBedrockError(e, { region: ctx.region, model: prompt.model });
    ctx.log(`CountTokens for ${modelId} failed, estimating instead: ${error.detail}`);
    return withLimit({ tokens: estimateTokens(prompt.messages, prompt.system), method: 'estimate', note: `CountTokens failed: ${error.message}` });
  }
}
