import type { BedrockRequest, ChatMessage, StreamEvent, Usage } from '../../../model';
import { stopReason } from '../../../formats/stopReasons';
import { parseArguments, ToolCallAssembler } from '../../../formats/toolCalls';
import type { ChunkParser } from './chunkParser';
import { messageText } from './promptText';
import { asJson, num, type Json } from './usage';

/**
 * Older Mistral models (7B, Mixtral, Large/Small 24.02) take the instruction template: user turns inside
 * `[INST] … [/INST]`, each assistant answer closed by `</s>`. There is no system role, so the system prompt
 * leads the first instruction.
 */
export function mistralPrompt(req: BedrockRequest): string {
  let prompt = '<s>';
  let first = true;
  for (const m of req.messages) {
    const text = messageText(m);
    if (m.role === 'user') {
      prompt += `[INST] ${first && req.system ? `${req.system}\n\n` : ''}${text} [/INST]`;
      first = false;
    } else {
      prompt += ` ${text}</s>`;
    }
  }
  return prompt;
}

export function mistralPromptBody(req: BedrockRequest): Json {
  const p = req.params ?? {};
  return {
    prompt: mistralPrompt(req),
    ...(p.maxTokens !== undefined ? { max_tokens: p.maxTokens } : {}),
    ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
    ...(p.topP !== undefined ? { top_p: p.topP } : {}),
    ...(p.stopSequences?.length ? { stop: p.stopSequences } : {}),
  };
}

/**
 * Mistral Large 24.07+ take chat messages (string content), tools in the OpenAI function shape and
 * `tool_choice: auto|any|none` (no way to name one tool: a named choice becomes `any`).
 */
export function mistralChatBody(req: BedrockRequest): Json {
  const messages: Json[] = [];
  if (req.system) messages.push({ role: 'system', content: req.system });
  for (const m of req.messages) messages.push(...chatMessages(m));
  const p = req.params ?? {};
  const body: Json = {
    messages,
    ...(p.maxTokens !== undefined ? { max_tokens: p.maxTokens } : {}),
    ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
    ...(p.topP !== undefined ? { top_p: p.topP } : {}),
  };
  if (req.tools?.length) {
    body.tools = req.tools.map(t => ({ type: 'function', function: { name: t.name, description: t.description ?? '', parameters: t.inputSchema } }));
    const c = req.toolChoice;
    if (c) body.tool_choice = typeof c === 'object' ? 'any' : c;
  }
  return body;
}

function chatMessages(m: ChatMessage): Json[] {
  if (m.role === 'assistant') {
    const calls = m.content.flatMap(p => (p.type === 'tool-call' ? [{ id: p.id, function: { name: p.name, arguments: JSON.stringify(p.input ?? {}) } }] : []));
    const text = m.content.map(p => (p.type === 'text' ? p.text : '')).join('');
    return [{ role: 'assistant', content: text, ...(calls.length ? { tool_calls: calls } : {}) }];
  }
  const out: Json[] = m.content.flatMap(p => (p.type === 'tool-result' ? [{ role: 'tool', tool_call_id: p.id, content: p.content }] : []));
  const text = messageText({ role: 'user', content: m.content.filter(p => p.type !== 'tool-result') });
  if (text) out.push({ role: 'user', content: text });
  return out;
}

function mistralUsage(u: unknown): Usage | undefined {
  const o = asJson(u);
  if (num(o.prompt_tokens) === undefined && num(o.completion_tokens) === undefined) return undefined;
  return { inputTokens: num(o.prompt_tokens) ?? 0, outputTokens: num(o.completion_tokens) ?? 0 };
}

function firstChoice(b: Json): Json | undefined {
  return Array.isArray(b.choices) ? asJson(b.choices[0]) : undefined;
}

function firstOutput(b: Json): Json | undefined {
  return Array.isArray(b.outputs) ? asJson(b.outputs[0]) : undefined;
}

/** Both Mistral reply shapes: prompt style `{ outputs: [{ text, stop_reason }] }`, chat style `{ choices: [{ message, stop_reason }], usage }`. */
export function* mistralReplyEvents(body: unknown): Generator<StreamEvent> {
  const b = asJson(body);
  const out = firstOutput(b);
  const choice = firstChoice(b);
  let raw: unknown;
  if (out) {
    if (typeof out.text === 'string' && out.text) yield { type: 'text', text: out.text };
    raw = out.stop_reason;
  } else if (choice) {
    const msg = asJson(choice.message);
    if (typeof msg.content === 'string' && msg.content) yield { type: 'text', text: msg.content };
    for (const tc of Array.isArray(msg.tool_calls) ? msg.tool_calls : []) {
      const t = asJson(tc);
      const f = asJson(t.function);
      const id = String(t.id ?? '');
      yield { type: 'tool-call-start', id, name: String(f.name ?? '') };
      yield { type: 'tool-call-end', id, input: typeof f.arguments === 'string' ? parseArguments(f.arguments) : f.arguments ?? {} };
    }
    raw = choice.stop_reason ?? choice.finish_reason;
  }
  const usage = mistralUsage(b.usage);
  if (usage) yield { type: 'usage', usage };
  yield { type: 'stop', ...stopReason(typeof raw === 'string' ? raw : undefined) };
}

/**
 * Stream chunks, either shape: prompt style `{ outputs: [{ text, stop_reason }] }`; chat style
 * `{ choices: [{ message: { content, tool_calls? }, stop_reason }] }` (a `message` per chunk, not a `delta`,
 * with tool calls whole on the last chunk; `delta` is accepted too).
 */
export class MistralChunkParser implements ChunkParser {
  private readonly tools = new ToolCallAssembler();
  private usage: Usage | undefined;
  private stop: StreamEvent | undefined;

  *push(chunk: unknown): Generator<StreamEvent> {
    const c = asJson(chunk);
    const out = firstOutput(c);
    const choice = firstChoice(c);
    let raw: unknown;
    if (out) {
      if (typeof out.text === 'string' && out.text) yield { type: 'text', text: out.text };
      raw = out.stop_reason;
    } else if (choice) {
      const msg = asJson(choice.message ?? choice.delta);
      if (typeof msg.content === 'string' && msg.content) yield { type: 'text', text: msg.content };
      const calls = Array.isArray(msg.tool_calls) ? msg.tool_calls : [];
      for (const [i, tc] of calls.entries()) {
        const t = asJson(tc);
        const f = asJson(t.function);
        const key = num(t.index) ?? i;
        if (!this.tools.has(key)) yield this.tools.start(key, String(t.id ?? `call_${key}`), String(f.name ?? ''));
        const args = typeof f.arguments === 'string' ? f.arguments : f.arguments !== undefined ? JSON.stringify(f.arguments) : '';
        const ev = this.tools.delta(key, args);
        if (ev) yield ev;
      }
      raw = choice.stop_reason ?? choice.finish_reason;
    }
    this.usage = mistralUsage(c.usage) ?? this.usage;
    if (typeof raw === 'string' && raw) this.stop = { type: 'stop', ...stopReason(raw) };
  }

  *end(): Generator<StreamEvent> {
    yield* this.tools.endAll();
    if (this.usage) yield { type: 'usage', usage: this.usage };
    if (this.stop) yield this.stop;
  }
}
