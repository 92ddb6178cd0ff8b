/**
 * A stand-in tokenizer: a leading space plus a word of up to six letters, a run of up to three
 * digits, or one punctuation mark per token. That lands near what BPE tokenizers give for English
 * (about 4 characters per token), so usage counts look realistic and grow with the prompt.
 * Streams emit one piece per delta.
 */
const TOKEN = /\s*[A-Za-z]{1,6}|\s*\d{1,3}|\s*[^\sA-Za-z\d]|\s+/g;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export function countTokens(text: string): number {
  if (!text) return 0;
  let n = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.exec(text)) n++;
  return n;
}

/** Input tokens of a conversation: its text plus a few tokens of chat-template overhead per turn. */
export function countPromptTokens(parts: string[], turns: number): number {
  return parts.reduce((sum, p) => sum + countTokens(p), 0) + 3 * turns + 1;
}
