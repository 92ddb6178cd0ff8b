import type { Response, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { StreamErrorEvent } from '../errorFacts';
import type { StreamEvent } from '../model';
import { stopReason } from './stopReasons';
import { parseArguments, ToolCallAssembler } from './toolCalls';

/** Responses SSE events → internal events. There is no `[DONE]`: `response.completed` (or failed/incomplete) ends it. */
export class ResponsesNormalizer {
  private readonly tools = new ToolCallAssembler();

  *push(e: ResponseStreamEvent): Generator<StreamEvent> {
    switch (e.type) {
      case 'response.created':
        yield { type: 'response-id', id: e.response.id };
        break;
      case 'response.output_text.delta':
        yield { type: 'text', text: e.delta };
        break;
      case 'response.reasoning_text.delta':
      case 'response.reasoning_summary_text.delta':
        yield { type: 'reasoning', text: e.delta };
        break;
      case 'response.output_item.added':
        if (e.item.type === 'function_call') yield this.tools.start(e.item.id ?? e.output_index, e.item.call_id, e.item.name);
        break;
      case 'response.function_call_arguments.delta': {
        const ev = this.tools.delta(e.item_id, e.delta);
        if (ev) yield ev;
        break;
      }
      case 'response.output_item.done':
        if (e.item.type === 'function_call') {
          const ev = this.tools.end(e.item.id ?? e.output_index, e.item.arguments);
          if (ev) yield ev;
        }
        break;
      case 'response.completed':
      case 'response.incomplete':
        yield* this.tools.endAll();
        yield* finalEvents(e.response);
        break;
      // `response.failed` carries the failure's code; an `error` event is thrown by the SDK itself (an APIError), so the
      // second case only matters if that ever changes
      case 'response.failed':
        throw new StreamErrorEvent(e.response.error?.message ?? 'The response failed.', e.response.error?.code);
      case 'error':
        throw new StreamErrorEvent(e.message, e.code ?? undefined);
    }
  }
}

export function* finalEvents(r: Response): Generator<StreamEvent> {
  if (r.service_tier) yield { type: 'service-tier', tier: r.service_tier };
  if (r.usage) {
    // OpenAI counts cached tokens inside input_tokens; the usage event keeps them apart (each has its own price)
    const read = r.usage.input_tokens_details?.cached_tokens ?? 0;
    const written = r.usage.input_tokens_details?.cache_write_tokens ?? 0;
    yield { type: 'usage', usage: {
      inputTokens: Math.max(0, r.usage.input_tokens - read - written), outputTokens: r.usage.output_tokens,
      ...(read ? { cacheReadTokens: read } : {}),
      ...(written ? { cacheWriteTokens: written } : {}),
      ...(r.usage.output_tokens_details?.reasoning_tokens ? { reasoningTokens: r.usage.output_tokens_details.reasoning_tokens } : {}),
    } };
  }
  const calledTool = r.output?.some(o => o.type === 'function_call');
  const raw = r.status === 'incomplete' ? r.incomplete_details?.reason ?? 'incomplete' : calledTool ? 'tool_calls' : 'completed';
  yield { type: 'stop', ...stopReason(raw) };
}

/** A whole (non-streamed or polled) response as the same events a stream gives. */
export function* responseEvents(r: Response): Generator<StreamEvent> {
  yield { type: 'response-id', id: r.id };
  for (const item of r.output ?? []) {
    if (item.type === 'reasoning') {
      const text = (item.content ?? []).map(c => ('text' in c ? c.text : '')).join('') || item.summary.map(s => s.text).join('');
      if (text) yield { type: 'reasoning', text };
    } else if (item.type === 'message') {
      for (const c of item.content) if (c.type === 'output_text') yield { type: 'text', text: c.text };
    } else if (item.type === 'function_call') {
      yield { type: 'tool-call-start', id: item.call_id, name: item.name };
      yield { type: 'tool-call-end', id: item.call_id, input: parseArguments(item.arguments) };
    }
  }
  yield* finalEvents(r);
}
