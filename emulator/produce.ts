import type { Call } from './context';
import { countPromptTokens } from './tokens';
import { hashSeed, shapeReply, type ReplyRequest, type ShapedReply } from './replyGenerator';

/** Asks the generator for an answer and shapes it for streaming, with input usage counted. */
export async function produceReply(call: Call, request: ReplyRequest, idPrefix: string, override?: string): Promise<ShapedReply> {
  // A guardrail that blocks the input answers instead of the model, so no scripted reply is used up.
  const raw = override ?? await call.ctx.reply(request);
  const toolText = request.tools.length ? JSON.stringify(request.tools) : '';
  const inputTokens = countPromptTokens([request.system, toolText, ...request.turns.map(t => t.text)], request.turns.length);
  const seed = hashSeed(`${request.modelId}\n${request.turns.map(t => t.text).join('\n')}`);
  return shapeReply(raw, inputTokens, request.maxTokens, override === undefined ? call.faults.long : undefined, idPrefix, seed);
}

/** Builds the conversation-derived fields of a ReplyRequest from normalised turns. */
export function conversation(turns: ReplyRequest['turns']): Pick<ReplyRequest, 'turns' | 'lastUserText' | 'afterToolResult'> {
  const lastUser = [...turns].reverse().find(t => t.role === 'user');
  return { turns, lastUserText: lastUser?.text ?? '', afterToolResult: turns.length > 0 && turns[turns.length - 1].role === 'tool' };
}

/** Stable id suffix derived from the reply seed, so ids are deterministic per prompt. */
export function stableId(seed: number, length = 24): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  let x = seed || 1;
  for (let i = 0; i < length; i++) {
    x = Math.imul(x ^ (x >>> 13), 0x5bd1e995) + i;
    s += alphabet[(x >>> 0) % alphabet.length];
  }
  return s;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Splits tool-call arguments into the small fragments real streams deliver (they rarely arrive
 * whole), so clients are exercised on accumulating partial JSON.
 */
export function argumentFragments(json: string, size = 12): string[] {
  const out: string[] = [];
  for (let i = 0; i < json.length; i += size) out.push(json.slice(i, i + size));
  return out.length ? out : [''];
}
