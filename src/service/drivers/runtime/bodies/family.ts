import { isArn, stripProfilePrefix } from '../../../modelIds';

/**
 * The native InvokeModel body dialects. Mistral has two: the older models take an `[INST]` prompt, Mistral Large
 * 24.07 and later take chat `messages` (and answer with `choices`).
 */
export type InvokeFamily =
  | 'anthropic' | 'nova' | 'llama' | 'mistral' | 'mistral-chat' | 'openai'
  | 'titan-embed' | 'cohere-embed' | 'cohere-rerank' | 'nova-canvas' | 'nova-reel' | 'nova-sonic';

export type ChatFamily = Extract<InvokeFamily, 'anthropic' | 'nova' | 'llama' | 'mistral' | 'mistral-chat' | 'openai'>;

export const CHAT_FAMILIES: readonly ChatFamily[] = ['anthropic', 'nova', 'llama', 'mistral', 'mistral-chat', 'openai'];

export function isChatFamily(f: InvokeFamily | undefined): f is ChatFamily {
  return f !== undefined && (CHAT_FAMILIES as readonly string[]).includes(f);
}

/** Mistral models that predate the chat body: prompt in, `outputs` out. */
const MISTRAL_PROMPT_MODELS = /^mistral\.(mistral-7b|mixtral-8x7b|mistral-large-2402|mistral-small-2402)/;

/**
 * Which body dialect a model id speaks. Accepts base ids, cross-region profile ids (`us.`, `global.`, …) and
 * foundation-model / inference-profile ARNs. An application inference profile ARN hides its model, so it returns
 * undefined: the caller must know the family (from the catalogue or the user) and pass it explicitly.
 */
export function invokeFamily(modelId: string): InvokeFamily | undefined {
  let id = modelId;
  if (isArn(id)) {
    const m = /:(foundation-model|inference-profile)\/(.+)$/.exec(id);
    if (!m) return undefined;
    id = m[2];
  }
  id = stripProfilePrefix(id);
  if (id.startsWith('anthropic.')) return 'anthropic';
  if (id.startsWith('meta.llama')) return 'llama';
  if (id.startsWith('mistral.')) return MISTRAL_PROMPT_MODELS.test(id) ? 'mistral' : 'mistral-chat';
  if (id.startsWith('openai.')) return 'openai';
  if (id.startsWith('amazon.titan-embed')) return 'titan-embed';
  if (id.startsWith('cohere.embed')) return 'cohere-embed';
  if (id.startsWith('cohere.rerank')) return 'cohere-rerank';
  if (id.startsWith('amazon.nova-canvas') || id.startsWith('amazon.titan-image')) return 'nova-canvas';
  if (id.startsWith('amazon.nova-reel')) return 'nova-reel';
  if (/^amazon\.nova(-2)?-sonic/.test(id)) return 'nova-sonic';
  if (id.startsWith('amazon.nova')) return 'nova';
  return undefined;
}
