import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { StreamEvent } from '../../model';
import { stopReason } from '../stopReasons';
import { ToolCallAssembler } from '../toolCalls';

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
      yield { type: 'usage', usage: {
        inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens,
        ...(chunk.usage.prompt_tokens_details?.cached_tokens ? { cacheReadTokens: chunk.usage.prompt_tokens_details.cached_tokens } : {}),
      } };
    }
  }

  *end(): Generator<StreamEvent> {
    yield* this.tools.endAll();
    if (this.pendingStop) yield this.pendingStop;
  }
}
