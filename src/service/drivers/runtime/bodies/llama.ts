import type { BedrockRequest, StreamEvent, Usage } from '../../../model';
import { stopReason } from '../../../formats/stopReasons';
import type { ChunkParser } from './chunkParser';
import { messageText } from './promptText';
import { asJson, num, type Json } from './usage';

/**
 * The Llama 3 chat template (also used by 3.1–3.3 and 4): each turn is a header plus text closed by `<|eot_id|>`,
 * and the prompt ends with an open assistant header so the model writes the reply.
 */
export function llama3Prompt(req: BedrockRequest): string {
  const turn = (role: string, text: string) => `<|start_header_id|>${role}<|end_header_id|>\n\n${text}<|eot_id|>`;
  let prompt = '<|begin_of_text|>';
  if (req.system) prompt += turn('system', req.system);
  for (const m of req.messages) prompt += turn(m.role, messageText(m));
  return `${prompt}<|start_header_id|>assistant<|end_header_id|>\n\n`;
}

/** `{ prompt, max_gen_len, temperature, top_p }`; Llama's native body has no tools or stop sequences. */
export function llamaBody(req: BedrockRequest): Json {
  const p = req.params ?? {};
  return {
    prompt: llama3Prompt(req),
    ...(p.maxTokens !== undefined ? { max_gen_len: p.maxTokens } : {}),
    ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
    ...(p.topP !== undefined ? { top_p: p.topP } : {}),
  };
}

/** Llama says `stop` or `length`; the internal model calls those end_turn and max_tokens. */
function llamaStop(raw: unknown): StreamEvent {
  return { type: 'stop', ...stopReason(typeof raw === 'string' ? raw : undefined) };
}

export function* llamaReplyEvents(body: unknown): Generator<StreamEvent> {
  const b = asJson(body);
  if (typeof b.generation === 'string' && b.generation) yield { type: 'text', text: b.generation };
  if (num(b.prompt_token_count) !== undefined || num(b.generation_token_count) !== undefined) {
    yield { type: 'usage', usage: { inputTokens: num(b.prompt_token_count) ?? 0, outputTokens: num(b.generation_token_count) ?? 0 } };
  }
  yield llamaStop(b.stop_reason);
}

/** Chunks: `{ generation, prompt_token_count (first only), generation_token_count (cumulative), stop_reason }`. */
export class LlamaChunkParser implements ChunkParser {
  private usage: Usage | undefined;
  private stop: StreamEvent | undefined;

  *push(chunk: unknown): Generator<StreamEvent> {
    const c = asJson(chunk);
    if (typeof c.generation === 'string' && c.generation) yield { type: 'text', text: c.generation };
    const input = num(c.prompt_token_count);
    const output = num(c.generation_token_count);
    if (input !== undefined || output !== undefined) {
      this.usage = { inputTokens: input ?? this.usage?.inputTokens ?? 0, outputTokens: output ?? this.usage?.outputTokens ?? 0 };
    }
    if (c.stop_reason) this.stop = llamaStop(c.stop_reason);
  }

  *end(): Generator<StreamEvent> {
    if (this.usage) yield { type: 'usage', usage: this.usage };
    if (this.stop) yield this.stop;
  }
}
