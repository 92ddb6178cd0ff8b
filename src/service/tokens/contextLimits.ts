import { stripProfilePrefix } from '../modelIds';

/**
 * Context windows (prompt + reply tokens) by model family, from the model cards in the Bedrock user guide. The
 * longest matching prefix of the bare model id wins, so a specific entry can sit beside its family's.
 */
export const CONTEXT_LIMITS: readonly (readonly [prefix: string, tokens: number])[] = [
  ['anthropic.claude-3-haiku', 200_000],
  ['anthropic.claude', 200_000],
  ['amazon.nova-micro', 128_000],
  ['amazon.nova-lite', 300_000],
  ['amazon.nova-pro', 300_000],
  ['amazon.nova-premier', 1_000_000],
  ['amazon.titan-text-lite', 4_000],
  ['amazon.titan-text-express', 8_000],
  ['amazon.titan-text-premier', 32_000],
  ['meta.llama3-8b', 8_000],
  ['meta.llama3-70b', 8_000],
  ['meta.llama3-1', 128_000],
  ['meta.llama3-2', 128_000],
  ['meta.llama3-3', 128_000],
  ['mistral.mistral-7b', 32_000],
  ['mistral.mixtral-8x7b', 32_000],
  ['mistral.mistral-large-2402', 32_000],
  ['mistral.mistral-large-2407', 128_000],
  ['mistral.pixtral-large', 128_000],
  ['openai.gpt-oss', 128_000],
  ['deepseek.r1', 128_000],
  ['cohere.command-r', 128_000],
  ['ai21.jamba', 256_000],
];

/** The model's context window, or undefined when the table does not know the family (no limit is claimed then). */
export function contextLimit(model: string): number | undefined {
  const bare = stripProfilePrefix(model);
  let best: readonly [string, number] | undefined;
  for (const entry of CONTEXT_LIMITS) {
    if (bare.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1];
}
