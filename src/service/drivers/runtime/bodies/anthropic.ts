import type { Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { BedrockRequest, StreamEvent } from '../../../model';
import { messagesBody } from '../../../formats/messagesRequest';
import { MessagesNormalizer } from '../../../formats/messagesEvents';
import { stopReason } from '../../../formats/stopReasons';
import type { ChunkParser } from './chunkParser';

/** The version marker InvokeModel wants in place of the `anthropic-version` header. */
export const ANTHROPIC_BEDROCK_VERSION = 'bedrock-2023-05-31';

/**
 * BedrockRequest → Anthropic body for InvokeModel: the Messages body without `model` (it is in the path) and
 * without `stream` (the operation decides), plus `anthropic_version`.
 */
export function anthropicBody(req: BedrockRequest): Record<string, unknown> {
  const { model: _model, stream: _stream, ...rest } = messagesBody(req);
  return { anthropic_version: ANTHROPIC_BEDROCK_VERSION, ...rest };
}

/** A whole Anthropic Message → the events a stream of it would give. */
export function* anthropicReplyEvents(body: unknown): Generator<StreamEvent> {
  const m = body as Partial<Message>;
  for (const b of m.content ?? []) {
    if (b.type === 'thinking') yield { type: 'reasoning', text: b.thinking };
    else if (b.type === 'text') yield { type: 'text', text: b.text };
    else if (b.type === 'tool_use') {
      yield { type: 'tool-call-start', id: b.id, name: b.name };
      yield { type: 'tool-call-end', id: b.id, input: b.input ?? {} };
    }
  }
  const u = m.usage;
  if (u) {
    yield { type: 'usage', usage: {
      inputTokens: u.input_tokens ?? 0, outputTokens: u.output_tokens ?? 0,
      ...(u.cache_read_input_tokens ? { cacheReadTokens: u.cache_read_input_tokens } : {}),
      ...(u.cache_creation_input_tokens ? { cacheWriteTokens: u.cache_creation_input_tokens } : {}),
    } };
  }
  yield { type: 'stop', ...stopReason(m.stop_reason) };
}

/** Each InvokeModel stream chunk of a Claude model is one Anthropic streaming event: the Messages normaliser reads them. */
export class AnthropicChunkParser implements ChunkParser {
  private readonly inner = new MessagesNormalizer();
  push(chunk: unknown): Iterable<StreamEvent> { return this.inner.push(chunk as RawMessageStreamEvent); }
  end(): Iterable<StreamEvent> { return this.inner.end(); }
}
