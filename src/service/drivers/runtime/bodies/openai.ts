import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { BedrockRequest, StreamEvent } from '../../../model';
import { chatCompletionsBody } from '../../../formats/chatCompletionsRequest';
import { ChatCompletionsNormalizer } from '../../../formats/chatCompletionsEvents';
import { stopReason } from '../../../formats/stopReasons';
import { parseArguments } from '../../../formats/toolCalls';
import type { ChunkParser } from './chunkParser';
import { ReasoningTagSplitter } from './reasoningTags';
import { asJson, num, type Json } from './usage';

/**
 * gpt-oss takes a Chat Completions body. Bedrock fills `model` from the path, and `stream` must match the
 * operation: InvokeModel requires `stream: false`, so it is set explicitly there and left out for the streaming
 * operation (Bedrock fills it). `max_completion_tokens` is the field Bedrock maps to its max tokens.
 */
export function openaiBody(req: BedrockRequest, stream: boolean): Json {
  const { model: _model, stream: _stream, stream_options: _options, max_tokens, ...rest } = chatCompletionsBody(req);
  return { ...rest, ...(max_tokens !== undefined && max_tokens !== null ? { max_completion_tokens: max_tokens } : {}), ...(stream ? {} : { stream: false }) };
}

/** A chat.completion object → events; reasoning comes as a `reasoning(_content)` field or inline `<reasoning>` tags. */
export function* openaiReplyEvents(body: unknown): Generator<StreamEvent> {
  const b = asJson(body);
  const choice = asJson(Array.isArray(b.choices) ? b.choices[0] : undefined);
  const msg = asJson(choice.message);
  const reasoning = msg.reasoning_content ?? msg.reasoning;
  if (typeof reasoning === 'string' && reasoning) yield { type: 'reasoning', text: reasoning };
  if (typeof msg.content === 'string') {
    const split = new ReasoningTagSplitter();
    yield* split.push(msg.content);
    yield* split.end();
  }
  for (const raw of Array.isArray(msg.tool_calls) ? msg.tool_calls : []) {
    const t = asJson(raw);
    const f = asJson(t.function);
    const id = String(t.id ?? '');
    yield { type: 'tool-call-start', id, name: String(f.name ?? '') };
    yield { type: 'tool-call-end', id, input: typeof f.arguments === 'string' ? parseArguments(f.arguments) : f.arguments ?? {} };
  }
  const u = asJson(b.usage);
  if (num(u.prompt_tokens) !== undefined || num(u.completion_tokens) !== undefined) {
    yield { type: 'usage', usage: { inputTokens: num(u.prompt_tokens) ?? 0, outputTokens: num(u.completion_tokens) ?? 0 } };
  }
  yield { type: 'stop', ...stopReason(typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined) };
}

/** chat.completion.chunk objects: the Chat Completions normaliser, with inline reasoning tags split out of the text. */
export class OpenAIChunkParser implements ChunkParser {
  private readonly inner = new ChatCompletionsNormalizer();
  private readonly split = new ReasoningTagSplitter();

  *push(chunk: unknown): Generator<StreamEvent> {
    for (const e of this.inner.push(chunk as ChatCompletionChunk)) {
      if (e.type === 'text') yield* this.split.push(e.text);
      else yield e;
    }
  }

  *end(): Generator<StreamEvent> {
    yield* this.split.end();
    yield* this.inner.end();
  }
}
