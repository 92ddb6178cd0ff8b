import type { ChatMessage } from '../model';

/** Roughly four characters per token for English prose and code: the usual rule of thumb for BPE tokenizers. */
const CHARS_PER_TOKEN = 4;
/** Chat-template tokens each message adds (role markers, separators). */
const PER_MESSAGE = 4;
/** An image of typical screenshot size: Claude bills (width × height) / 750, about 1,600 tokens at 1092 × 1092. */
const PER_IMAGE = 1_600;

/**
 * A model-independent estimate of a prompt's input tokens, for models without CountTokens. It is labelled as an
 * estimate wherever it is shown: real tokenizers differ by model and by language.
 */
export function estimateTokens(messages: readonly ChatMessage[], system?: string): number {
  let chars = system?.length ?? 0;
  let extra = 0;
  for (const m of messages) {
    extra += PER_MESSAGE;
    for (const p of m.content) {
      if (p.type === 'text') chars += p.text.length;
      else if (p.type === 'image') extra += PER_IMAGE;
      else if (p.type === 'document') chars += p.data.byteLength;
      else if (p.type === 'tool-call') chars += p.name.length + JSON.stringify(p.input ?? {}).length;
      else if (p.type === 'tool-result') chars += p.content.length;
    }
  }
  return Math.ceil(chars / CHARS_PER_TOKEN) + extra;
}
