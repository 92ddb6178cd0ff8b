/**
 * VS Code language-model requests as the service's BedrockRequest. Pure: parts are recognised by shape (VS Code's
 * part classes live in the extension host, and other extensions may pass plain objects), so this is unit-tested in
 * plain Node.
 */
import type { BedrockRequest, ChatMessage, ContentPart, InferenceParams, ToolSpec } from '../service/model';
import type { BedrockRoute } from './languageModelInfo';

/** `vscode.LanguageModelChatMessageRole`: User = 1, Assistant = 2; 3 is the proposed System role. */
const USER = 1, ASSISTANT = 2;

export interface RequestMessageLike {
  readonly role: number;
  readonly content: ReadonlyArray<unknown>;
}

export interface ToolLike {
  readonly name: string;
  readonly description?: string;
  readonly inputSchema?: object;
}

export interface RequestOptionsLike {
  readonly tools?: readonly ToolLike[];
  /** `vscode.LanguageModelChatToolMode`: Auto = 1, Required = 2. */
  readonly toolMode?: number;
  readonly modelOptions?: { readonly [name: string]: unknown };
}

type Part =
  | { kind: 'text'; value: string }
  | { kind: 'tool-call'; callId: string; name: string; input: unknown }
  | { kind: 'tool-result'; callId: string; content: readonly unknown[] }
  | { kind: 'data'; mimeType: string; data: Uint8Array }
  | { kind: 'other' };

function partOf(p: unknown): Part {
  if (typeof p === 'string') return { kind: 'text', value: p };
  if (typeof p !== 'object' || p === null) return { kind: 'other' };
  const o = p as Record<string, unknown>;
  if (typeof o.callId === 'string' && typeof o.name === 'string' && 'input' in o) return { kind: 'tool-call', callId: o.callId, name: o.name, input: o.input };
  if (typeof o.callId === 'string' && Array.isArray(o.content)) return { kind: 'tool-result', callId: o.callId, content: o.content };
  if (typeof o.mimeType === 'string' && o.data instanceof Uint8Array) return { kind: 'data', mimeType: o.mimeType, data: o.data };
  if (typeof o.value === 'string') return { kind: 'text', value: o.value };
  return { kind: 'other' };
}

/** Text of a tool result's parts (text parts and prompt-tsx parts serialised as JSON). */
function resultText(content: readonly unknown[]): string {
  return content.map(c => {
    const p = partOf(c);
    if (p.kind === 'text') return p.value;
    if (p.kind === 'data' && /^(text\/|application\/json)/.test(p.mimeType)) return new TextDecoder().decode(p.data);
    return typeof c === 'object' && c !== null && 'value' in c ? JSON.stringify((c as { value: unknown }).value) : '';
  }).join('');
}

const IMAGE_FORMATS: Record<string, 'png' | 'jpeg' | 'gif' | 'webp'> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };

function contentOf(parts: readonly unknown[]): ContentPart[] {
  const out: ContentPart[] = [];
  for (const raw of parts) {
    const p = partOf(raw);
    if (p.kind === 'text' && p.value) out.push({ type: 'text', text: p.value });
    else if (p.kind === 'tool-call') out.push({ type: 'tool-call', id: p.callId, name: p.name, input: p.input ?? {} });
    else if (p.kind === 'tool-result') out.push({ type: 'tool-result', id: p.callId, content: resultText(p.content) });
    else if (p.kind === 'data' && IMAGE_FORMATS[p.mimeType]) out.push({ type: 'image', format: IMAGE_FORMATS[p.mimeType], data: p.data });
  }
  return out;
}

function textOf(parts: readonly unknown[]): string {
  return parts.map(partOf).map(p => (p.kind === 'text' ? p.value : '')).join('');
}

function number(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function paramsOf(options: RequestOptionsLike['modelOptions']): InferenceParams | undefined {
  if (!options) return undefined;
  const params: InferenceParams = {};
  const maxTokens = number(options.maxTokens ?? options.max_tokens);
  const temperature = number(options.temperature);
  const topP = number(options.topP ?? options.top_p);
  const stop = options.stopSequences ?? options.stop;
  if (maxTokens !== undefined) params.maxTokens = maxTokens;
  if (temperature !== undefined) params.temperature = temperature;
  if (topP !== undefined) params.topP = topP;
  if (Array.isArray(stop) && stop.every(s => typeof s === 'string')) params.stopSequences = stop;
  return Object.keys(params).length ? params : undefined;
}

/**
 * Bedrock (Converse above all) wants strictly alternating user/assistant turns that start with the user, so
 * consecutive messages of one role are merged, and a conversation that opens with the assistant gets an empty-ish
 * user turn first. System-role messages become the system prompt.
 */
export function toBedrockRequest(route: BedrockRoute, messages: readonly RequestMessageLike[], options: RequestOptionsLike): BedrockRequest {
  const system: string[] = [];
  const turns: ChatMessage[] = [];
  for (const m of messages) {
    if (m.role !== USER && m.role !== ASSISTANT) {
      const text = textOf(m.content);
      if (text) system.push(text);
      continue;
    }
    const role = m.role === USER ? 'user' : 'assistant';
    const content = contentOf(m.content);
    if (!content.length) continue;
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...content);
    else turns.push({ role, content });
  }
  if (turns[0]?.role === 'assistant') turns.unshift({ role: 'user', content: [{ type: 'text', text: '(continue)' }] });
  const tools: ToolSpec[] = (options.tools ?? []).map(t => ({
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    inputSchema: (t.inputSchema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} },
  }));
  const params = paramsOf(options.modelOptions);
  return {
    model: route.model,
    apiStyle: route.apiStyle,
    family: route.family,
    messages: turns,
    ...(system.length ? { system: system.join('\n\n') } : {}),
    ...(params ? { params } : {}),
    ...(tools.length ? { tools, toolChoice: options.toolMode === 2 ? 'any' as const : 'auto' as const } : {}),
  };
}

/** Text that a token count covers for one message: its text, tool calls' arguments and tool results. */
export function countableText(message: RequestMessageLike): string {
  return contentOf(message.content).map(c => {
    switch (c.type) {
      case 'text': return c.text;
      case 'tool-call': return `${c.name} ${JSON.stringify(c.input)}`;
      case 'tool-result': return c.content;
      default: return '';
    }
  }).join('\n');
}
