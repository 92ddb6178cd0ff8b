import { asArray, asRecord } from './produce';
import type { ShapedReply } from './replyGenerator';
import { countTokens } from './tokens';

/**
 * Prompt caching as Bedrock reports it: the prompt up to each cache point (Converse `cachePoint` blocks, Anthropic
 * `cache_control` on a block) is cached per model. A request reads the longest prefix that an earlier request wrote
 * (a conversation's system prompt and earlier turns, say) and writes the rest up to its last cache point.
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

  /** Counts a request's cached prefixes as read (seen before) or written (new), and takes them out of its input tokens. */
  apply(model: string, prefixes: CachePrefix[], reply: ShapedReply): ShapedReply {
    const marks = prefixes.filter(p => p.tokens > 0);
    const last = marks.at(-1);
    if (!last) return reply;
    const keyOf = (p: CachePrefix) => `${model}\n${p.key}`;
    const hit = [...marks].reverse().find(p => this.written.has(keyOf(p)));
    for (const p of marks) this.written.add(keyOf(p));
    const cap = reply.inputTokens - 1;
    const read = Math.min(hit?.tokens ?? 0, cap);
    const write = Math.min(last.tokens, cap) - read;
    if (read <= 0 && write <= 0) return reply;
    return { ...reply, inputTokens: reply.inputTokens - read - write, ...(read > 0 ? { cacheReadTokens: read } : {}), ...(write > 0 ? { cacheWriteTokens: write } : {}) };
  }
}

/** Accumulates prompt blocks in order and remembers the prompt as it stood at the last cache point. */
class PrefixWalker {
  private parts: string[] = [];
  private tokens = 0;
  readonly marks: CachePrefix[] = [];

  add(block: unknown, text: string): void {
    this.parts.push(JSON.stringify(block));
    this.tokens += countTokens(text);
  }

  mark(): void {
    if (this.parts.length) this.marks.push({ key: this.parts.join('\n'), tokens: this.tokens });
  }
}

function blockText(block: Record<string, unknown>): string {
  if (typeof block.text === 'string') return block.text;
  return JSON.stringify(block);
}

/** Converse: tools, then system, then messages, each list's `{ cachePoint }` entries marking where the cache ends. */
export function conversePrefix(body: unknown): CachePrefix[] {
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
  return walker.marks;
}

/** Anthropic Messages: tools, then system, then messages; a block with `cache_control` ends the cached prefix. */
export function anthropicPrefix(body: unknown): CachePrefix[] {
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
  return walker.marks;
}
