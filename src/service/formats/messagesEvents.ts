import type { Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { StreamEvent, Usage } from '../model';
import { stopReason } from './stopReasons';
import { ToolCallAssembler } from './toolCalls';

/**
 * Anthropic Messages stream events → internal events; the same events arrive over SSE (mantle `/anthropic`) and
 * inside InvokeModelWithResponseStream chunks (runtime), so both paths share this.
 */
export class MessagesNormalizer {
  private readonly tools = new ToolCallAssembler();
  private usage: Usage = { inputTokens: 0, outputTokens: 0 };
  private stop: StreamEvent | undefined;

  *push(e: RawMessageStreamEvent): Generator<StreamEvent> {
    switch (e.type) {
      case 'message_start': {
        const u = e.message.usage;
        this.usage = {
          inputTokens: u.input_tokens ?? 0, outputTokens: u.output_tokens ?? 0,
          ...(u.cache_read_input_tokens ? { cacheReadTokens: u.cache_read_input_tokens } : {}),
          ...(u.cache_creation_input_tokens ? { cacheWriteTokens: u.cache_creation_input_tokens } : {}),
        };
        break;
      }
      case 'content_block_start':
        if (e.content_block.type === 'tool_use') yield this.tools.start(e.index, e.content_block.id, e.content_block.name);
        break;
      case 'content_block_delta':
        if (e.delta.type === 'text_delta') yield { type: 'text', text: e.delta.text };
        else if (e.delta.type === 'thinking_delta') yield { type: 'reasoning', text: e.delta.thinking };
        else if (e.delta.type === 'input_json_delta') {
          const ev = this.tools.delta(e.index, e.delta.partial_json);
          if (ev) yield ev;
        }
        break;
      case 'content_block_stop': {
        const ev = this.tools.end(e.index);
        if (ev) yield ev;
        break;
      }
      case 'message_delta':
        // output_tokens here is cumulative
        if (e.usage?.output_tokens !== undefined) this.usage.outputTokens = e.usage.output_tokens;
        if (e.usage?.input_tokens) this.usage.inputTokens = e.usage.input_tokens;
        if (e.delta.stop_reason) this.stop = { type: 'stop', ...stopReason(e.delta.stop_reason) };
        break;
      case 'message_stop':
        yield* this.end();
        break;
    }
  }

  *end(): Generator<StreamEvent> {
    yield* this.tools.endAll();
    if (this.stop) {
      yield { type: 'usage', usage: { ...this.usage } };
      yield this.stop;
      this.stop = undefined;
    }
  }
}

/** A whole (non-streamed) Messages reply as the same events a stream gives. */
export function* messageEvents(m: Message): Generator<StreamEvent> {
  for (const b of m.content) {
    if (b.type === 'thinking') yield { type: 'reasoning', text: b.thinking };
    else if (b.type === 'text') yield { type: 'text', text: b.text };
    else if (b.type === 'tool_use') {
      yield { type: 'tool-call-start', id: b.id, name: b.name };
      yield { type: 'tool-call-end', id: b.id, input: b.input };
    }
  }
  const u = m.usage;
  yield { type: 'usage', usage: {
    inputTokens: u.input_tokens, outputTokens: u.output_tokens,
    ...(u.cache_read_input_tokens ? { cacheReadTokens: u.cache_read_input_tokens } : {}),
    ...(u.cache_creation_input_tokens ? { cacheWriteTokens: u.cache_creation_input_tokens } : {}),
  } };
  yield { type: 'stop', ...stopReason(m.stop_reason) };
}
