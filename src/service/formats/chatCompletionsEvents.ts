import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import { parseArguments } from './toolCalls';
import type { StreamEvent } from '../model';
import { stopReason } from './stopReasons';
import { ToolCallAssembler } from './toolCalls';

/**
 * Chat Completions chunks → internal events. The finish reason comes before the usage-only chunk
 * (`stream_options.include_usage`), so the stop is held until the stream ends. gpt-oss on Bedrock streams its
 * reasoning in a non-standard `reasoning_content` (or `reasoning`) delta field.
 */
export class ChatCompletionsNormalizer {
  private readonly tools = new ToolCallAssembler();
  private pendingStop: StreamEvent | undefined;

  *push(chunk: ChatCompletionChunk): Generator<StreamEvent> {
    for (const choice of chunk.choices ?? []) {
      const d = choice.delta as ChatCompletionChunk.Choice.Delta & { reasoning_content?: string; reasoning?: string };
      const reasoning = d?.reasoning_content ?? d?.reasoning;
      if (reasoning) yield { type: 'reasoning', text: reasoning };
      if (d?.content) yield { type: 'text', text: d.content };
      for (const tc of d?.tool_calls ?? []) {
        if (!this.tools.has(tc.index)) yield this.tools.start(tc.index, tc.id ?? `call_${tc.index}`, tc.function?.name ?? '');
        const ev = this.tools.delta(tc.index, tc.function?.arguments ?? '');
        if (ev) yield ev;
      }
      if (choice.finish_reason) {
        yield* this.tools.endAll();
        this.pendingStop = { type: 'stop', ...stopReason(choice.finish_reason) };
      }
    }
    if (chunk.usage) {
      // prompt_tokens includes the cached ones; the usage event keeps them apart (they have their own price)
      const read = chunk.usage.prompt_tokens_details?.cached_tokens ?? 0;
      yield { type: 'usage', usage: {
        inputTokens: Math.max(0, chunk.usage.prompt_tokens - read), outputTokens: chunk.usage.completion_tokens,
        ...(read ? { cacheReadTokens: read } : {}),
        ...(chunk.usage.completion_tokens_details?.reasoning_tokens ? { reasoningTokens: chunk.usage.completion_tokens_details.reasoning_tokens } : {}),
      } };
    }
  }

  *end(): Generator<StreamEvent> {
    yield* this.tools.endAll();
    if (this.pendingStop) yield this.pendingStop;
  }
}

/** A whole (non-streamed) chat completion as the same events a stream gives. */
export function* chatCompletionEvents(c: ChatCompletion): Generator<StreamEvent> {
  const choice = c.choices[0];
  const m = choice?.message as (ChatCompletion.Choice['message'] & { reasoning_content?: string; reasoning?: string }) | undefined;
  const reasoning = m?.reasoning_content ?? m?.reasoning;
  if (reasoning) yield { type: 'reasoning', text: reasoning };
  if (m?.content) yield { type: 'text', text: m.content };
  for (const tc of m?.tool_calls ?? []) {
    if (tc.type !== 'function') continue;
    yield { type: 'tool-call-start', id: tc.id, name: tc.function.name };
    yield { type: 'tool-call-end', id: tc.id, input: parseArguments(tc.function.arguments) };
  }
  if (c.usage) yield { type: 'usage', usage: { inputTokens: c.usage.prompt_tokens, outputTokens: c.usage.completion_tokens } };
  yield { type: 'stop', ...stopReason(choice?.finish_reason) };
}
