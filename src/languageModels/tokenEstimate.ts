/**
 * A token estimate for `provideTokenCount`, without shipping a tokenizer per model family: Bedrock's models use
 * different vocabularies (Claude, Nova, Llama, Mistral, gpt-oss) and none is exact for the others.
 *
 * The heuristic follows how byte-pair tokenizers split text. Letters cost a token per ~4 characters (the figure AWS,
 * Anthropic and OpenAI all quote for English; OpenAI's "100 tokens ≈ 75 words" agrees), counted across the text
 * but at least one per word; digits group in threes; each punctuation or symbol character is usually a token of its
 * own, which is why code costs more per character than prose; a line break or an indentation run is one token;
 * non-Latin characters (CJK and the like) are about one token each. It errs slightly high, so VS Code trims history
 * before Bedrock would refuse a request as too long.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const m of text.matchAll(/(\p{Script=Latin}+)|(\p{Nd}+)|(\s+)|([\p{P}\p{S}])|(.)/gsu)) {
    if (m[1]) tokens += Math.max(1, m[1].length / 4);
    else if (m[2]) tokens += Math.ceil(m[2].length / 3);
    else if (m[3]) tokens += m[3].length > 1 || m[3] === '\n' ? 1 : 0;
    else tokens += 1;
  }
  return Math.ceil(tokens);
}

/** Per-message framing the chat templates add (role markers, separators), on top of the content. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
