import { asArray, asRecord } from './produce';
import type { ShapedReply } from './replyGenerator';
import { countTokens } from './tokens';

/**
 * Prompt caching as Bedrock reports it: the prompt up to the last cache point (Converse `cachePoint` blocks,
 * Anthropic `cache_control` on a block) is written to the cache the first time and read from it after, per model.
 * The cached tokens are reported apart from the input tokens (Converse `cacheReadInputTokens` /
 * `cacheWriteInputTokens`, Anthropic `cache_read_input_tokens` / `cache_creation_input_tokens`). Unlike Bedrock the
 * emulator has no minimum prefix length and no expiry, so a test can cache a short prompt and read it back.
 */
export interface CachePrefix {
  /** The prompt content before the cache point, as text: what must match for a cache hit. */
  key: string;
  tokens: number;
}

export class PromptCache {
  private readonly written = new Set<string>();

  /** Counts a request's cached prefix as read (seen before) or written (new), and takes it out of its input tokens. */
  apply(model: string, prefix: CachePrefix | undefined, reply: ShapedReply): ShapedReply {
    if (!prefix || prefix.tokens <= 0) return reply;
    const key = `${model}\n${prefix.key}`;
    const tokens = Math.min(prefix.tokens, reply.inputTokens - 1);
    if (tokens <= 0) return reply;
    const hit = this.written.has(key);
    this.written.add(key);
    return { ...reply, inputTokens: reply.inputTokens - tokens, ...(hit ? { cacheReadTokens: tokens } : { cacheWriteTokens: tokens }) };
  }
}

/** Accumulates prompt blocks in order and remembers the prompt as it stood at the last cache point. */
class PrefixWalker {
  private parts: string[] = [];
  private tokens = 0;
  last: CachePrefix | undefined;

  add(block: unknown, text: string): void {
    this.parts.push(JSON.stringify(block));
    this.tokens += countTokens(text);
  }

  mark(): void {
    if (this.parts.length) this.last = { key: this.parts.join('\n'), tokens: this.tokens };
  }
}

function blockText(block: Record<string, unknown>): string {
  if (typeof block.text === 'string') return block.text;
  return JSON.stringify(block);
}

/** Converse: tools, then system, then messages, each list's `{ cachePoint }` entries marking where the cache ends. */
export function conversePrefix(body: unknown): CachePrefix | undefined {
  const b = asRecord(body);
  const walker = new PrefixWalker();
  const walk = (blocks: unknown[]) => {
    for (const raw of blocks) {
      const block = asRecord(raw);
      if (block.cachePoint !== undefined) walker.mark();
      else walker.add(block, blockText(block));
    }
  };
  walk(asArray(asRecord(b.toolConfig).tools));
  walk(asArray(b.system));
  for (const m of asArray(b.messages)) walk(asArray(asRecord(m).content));
  return walker.last;
}

/** Anthropic Messages: tools, then system, then messages; a block with `cache_control` ends the cached prefix. */
export function anthropicPrefix(body: unknown): CachePrefix | undefined {
  const b = asRecord(body);
  const walker = new PrefixWalker();
  const walk = (blocks: unknown[]) => {
    for (const raw of blocks) {
      const block = asRecord(raw);
      const { cache_control: marked, ...rest } = block;
      walker.add(rest, blockText(rest));
      if (marked !== undefined) walker.mark();
    }
  };
  walk(asArray(b.tools));
  walk(typeof b.system === 'string' ? [{ type: 'text', text: b.system }] : asArray(b.system));
  for (const m of asArray(b.messages)) {
    const content = asRecord(m).content;
    walk(typeof content === 'string' ? [{ type: 'text', text: content }] : asArray(content));
  }
  return walker.last;
}
