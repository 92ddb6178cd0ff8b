import { errors } from '../errors';
import { argumentFragments, asArray, asRecord, asString, conversation, stableId } from '../produce';
import type { ApiStyle, PromptTurn, ReplyRequest, ShapedReply, ToolDefinition } from '../replyGenerator';
import { converseReplyRequest } from './converseRequest';

/** One chunk of a native InvokeModelWithResponseStream reply and the tokens it carries. */
export interface NativeChunk { payload: Record<string, unknown>; tokens: number }

export interface Metrics { inputTokenCount: number; outputTokenCount: number; invocationLatency: number; firstByteLatency: number }

/** A model family's native InvokeModel body: how to read it and how to answer in it. */
export interface ChatFormat {
  request(body: unknown, modelId: string, api: ApiStyle): ReplyRequest;
  response(reply: ShapedReply, modelId: string): Record<string, unknown>;
  chunks(reply: ShapedReply, modelId: string, metrics: () => Metrics): Iterable<NativeChunk>;
}

const METRICS_KEY = 'amazon-bedrock-invocationMetrics';

// --- Amazon Nova (messages-v1): same content model as Converse ---------------------------
const nova: ChatFormat = {
  request: (body, modelId, api) => converseReplyRequest(body, modelId, api),
  response: r => ({
    output: { message: { role: 'assistant', content: [
      ...(r.reasoning ? [{ reasoningContent: { reasoningText: { text: r.reasoning } } }] : []),
      ...(r.text ? [{ text: r.text }] : []),
      ...r.toolCalls.map(c => ({ toolUse: { toolUseId: c.id, name: c.name, input: c.input } })),
    ] } },
    stopReason: r.stopReason,
    usage: { inputTokens: r.inputTokens, outputTokens: r.outputTokens, totalTokens: r.inputTokens + r.outputTokens, cacheReadInputTokenCount: 0, cacheWriteInputTokenCount: 0 },
  }),
  *chunks(r, _m, metrics) {
    yield { payload: { messageStart: { role: 'assistant' } }, tokens: 0 };
    let index = 0;
    if (r.textPieces.length) {
      for (const text of r.textPieces) yield { payload: { contentBlockDelta: { delta: { text }, contentBlockIndex: index } }, tokens: 1 };
      yield { payload: { contentBlockStop: { contentBlockIndex: index } }, tokens: 0 };
      index++;
    }
    for (const c of r.toolCalls) {
      yield { payload: { contentBlockStart: { start: { toolUse: { toolUseId: c.id, name: c.name } }, contentBlockIndex: index } }, tokens: 0 };
      for (const input of argumentFragments(c.arguments)) yield { payload: { contentBlockDelta: { delta: { toolUse: { input } }, contentBlockIndex: index } }, tokens: 1 };
      yield { payload: { contentBlockStop: { contentBlockIndex: index } }, tokens: 0 };
      index++;
    }
    yield { payload: { messageStop: { stopReason: r.stopReason } }, tokens: 0 };
    const m = metrics();
    yield { payload: { metadata: { usage: { inputTokens: r.inputTokens, outputTokens: r.outputTokens }, metrics: {}, trace: {} }, [METRICS_KEY]: m }, tokens: 0 };
  },
};

// --- Anthropic Claude (bedrock-2023-05-31) ------------------------------------------------
export function anthropicTurns(messages: unknown[]): PromptTurn[] {
  const turns: PromptTurn[] = [];
  for (const m of messages) {
    const msg = asRecord(m);
    const role = msg.role === 'assistant' ? 'assistant' : 'user';
    if (typeof msg.content === 'string') { turns.push({ role, text: msg.content }); continue; }
    const texts: string[] = [];
    for (const b of asArray(msg.content)) {
      const block = asRecord(b);
      if (block.type === 'text') texts.push(asString(block.text));
      if (block.type === 'tool_result') {
        const c = block.content;
        turns.push({ role: 'tool', text: typeof c === 'string' ? c : asArray(c).map(x => asString(asRecord(x).text)).join('\n') });
      }
    }
    if (texts.length) turns.push({ role, text: texts.join('\n') });
  }
  return turns;
}

export function anthropicRequest(body: unknown, modelId: string, api: ApiStyle): ReplyRequest {
  const b = asRecord(body);
  if (!Array.isArray(b.messages)) throw errors.validation('messages: Field required');
  const system = typeof b.system === 'string' ? b.system : asArray(b.system).map(s => asString(asRecord(s).text)).join('\n');
  const tools: ToolDefinition[] = asArray(b.tools).map(t => { const r = asRecord(t); return { name: asString(r.name), description: asString(r.description), schema: r.input_schema }; }).filter(t => t.name);
  return {
    api, modelId, system, tools,
    reasoning: asRecord(b.thinking).type === 'enabled',
    maxTokens: typeof b.max_tokens === 'number' ? b.max_tokens : undefined,
    ...conversation(anthropicTurns(b.messages)),
  };
}

export const anthropicStopReason = (r: ShapedReply): string => r.stopReason;

export function anthropicContent(r: ShapedReply): Array<Record<string, unknown>> {
  return [
    ...(r.reasoning ? [{ type: 'thinking', thinking: r.reasoning, signature: `sig_${stableId(r.seed, 32)}` }] : []),
    ...(r.text ? [{ type: 'text', text: r.text }] : []),
    ...r.toolCalls.map(c => ({ type: 'tool_use', id: c.id, name: c.name, input: c.input })),
  ];
}

export function anthropicMessage(r: ShapedReply, model: string, idPrefix: string): Record<string, unknown> {
  return {
    id: `${idPrefix}${stableId(r.seed)}`, type: 'message', role: 'assistant', model,
    content: anthropicContent(r), stop_reason: r.stopReason, stop_sequence: null,
    usage: { input_tokens: r.inputTokens, cache_creation_input_tokens: r.cacheWriteTokens ?? 0, cache_read_input_tokens: r.cacheReadTokens ?? 0, output_tokens: r.outputTokens },
  };
}

/** The Anthropic streaming event sequence, shared by InvokeModel streams and `/anthropic/v1/messages`. */
export function* anthropicEvents(r: ShapedReply, model: string, idPrefix: string): Generator<NativeChunk> {
  const start = anthropicMessage(r, model, idPrefix);
  yield { payload: { type: 'message_start', message: { ...start, content: [], stop_reason: null, usage: { input_tokens: r.inputTokens, cache_creation_input_tokens: r.cacheWriteTokens ?? 0, cache_read_input_tokens: r.cacheReadTokens ?? 0, output_tokens: 1 } } }, tokens: 0 };
  let index = 0;
  if (r.reasoningPieces.length) {
    yield { payload: { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } }, tokens: 0 };
    for (const thinking of r.reasoningPieces) yield { payload: { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking } }, tokens: 1 };
    yield { payload: { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: `sig_${stableId(r.seed, 32)}` } }, tokens: 0 };
    yield { payload: { type: 'content_block_stop', index }, tokens: 0 };
    index++;
  }
  if (r.textPieces.length) {
    yield { payload: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }, tokens: 0 };
    for (const text of r.textPieces) yield { payload: { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }, tokens: 1 };
    yield { payload: { type: 'content_block_stop', index }, tokens: 0 };
    index++;
  }
  for (const c of r.toolCalls) {
    yield { payload: { type: 'content_block_start', index, content_block: { type: 'tool_use', id: c.id, name: c.name, input: {} } }, tokens: 0 };
    for (const partial_json of argumentFragments(c.arguments)) yield { payload: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } }, tokens: 1 };
    yield { payload: { type: 'content_block_stop', index }, tokens: 0 };
    index++;
  }
  yield { payload: { type: 'message_delta', delta: { stop_reason: r.stopReason, stop_sequence: null }, usage: { output_tokens: r.outputTokens } }, tokens: 0 };
  yield { payload: { type: 'message_stop' }, tokens: 0 };
}

/** Bedrock reports Claude's model name without the `anthropic.` prefix and version suffix. */
export function claudeModelName(modelId: string): string {
  const m = /anthropic\.(claude-[a-z0-9-]+?)(?:-v\d+:\d+)?$/.exec(modelId);
  return m ? m[1] : modelId;
}

const anthropic: ChatFormat = {
  request: (body, modelId, api) => {
    const b = asRecord(body);
    if (b.anthropic_version === undefined) throw errors.validation('Malformed input request: #: required key [anthropic_version] not found, please reformat your input and try again.');
    return anthropicRequest(body, modelId, api);
  },
  response: (r, modelId) => anthropicMessage(r, claudeModelName(modelId), 'msg_bdrk_'),
  *chunks(r, modelId, metrics) {
    for (const chunk of anthropicEvents(r, claudeModelName(modelId), 'msg_bdrk_')) {
      if (chunk.payload.type === 'message_stop') yield { payload: { type: 'message_stop', [METRICS_KEY]: metrics() }, tokens: 0 };
      else yield chunk;
    }
  },
};

// --- Meta Llama (prompt / generation) -----------------------------------------------------
function llamaTurns(prompt: string): { system: string; turns: PromptTurn[] } {
  const re = /<\|start_header_id\|>(system|user|assistant)<\|end_header_id\|>\s*([\s\S]*?)(?:<\|eot_id\|>|$)/g;
  const turns: PromptTurn[] = [];
  let system = '';
  for (let m = re.exec(prompt); m; m = re.exec(prompt)) {
    const text = m[2].trim();
    if (m[1] === 'system') system = text;
    else if (text) turns.push({ role: m[1] === 'assistant' ? 'assistant' : 'user', text });
  }
  if (!turns.length) turns.push({ role: 'user', text: prompt.replace(/<[^>]+>/g, '').trim() });
  return { system, turns };
}

const llama: ChatFormat = {
  request: (body, modelId, api) => {
    const b = asRecord(body);
    if (typeof b.prompt !== 'string') throw errors.validation('Malformed input request: #: required key [prompt] not found, please reformat your input and try again.');
    const { system, turns } = llamaTurns(b.prompt);
    return { api, modelId, system, tools: [], reasoning: false, maxTokens: typeof b.max_gen_len === 'number' ? b.max_gen_len : undefined, ...conversation(turns) };
  },
  response: r => ({ generation: r.text, prompt_token_count: r.inputTokens, generation_token_count: r.outputTokens, stop_reason: r.stopReason === 'max_tokens' ? 'length' : 'stop' }),
  *chunks(r, _m, metrics) {
    let n = 0;
    for (const generation of r.textPieces) {
      n++;
      yield { payload: { generation, prompt_token_count: n === 1 ? r.inputTokens : null, generation_token_count: n, stop_reason: null }, tokens: 1 };
    }
    yield { payload: { generation: '', prompt_token_count: null, generation_token_count: r.outputTokens, stop_reason: r.stopReason === 'max_tokens' ? 'length' : 'stop', [METRICS_KEY]: metrics() }, tokens: 0 };
  },
};

// --- Mistral (prompt → outputs, or chat messages → choices) -------------------------------
function openAiTurns(messages: unknown[]): { system: string; turns: PromptTurn[] } {
  let system = '';
  const turns: PromptTurn[] = [];
  for (const m of messages) {
    const msg = asRecord(m);
    const text = typeof msg.content === 'string' ? msg.content : asArray(msg.content).map(p => asString(asRecord(p).text)).join('\n');
    if (msg.role === 'system' || msg.role === 'developer') system = system ? `${system}\n${text}` : text;
    else if (msg.role === 'tool') turns.push({ role: 'tool', text });
    else if (text) turns.push({ role: msg.role === 'assistant' ? 'assistant' : 'user', text });
  }
  return { system, turns };
}

export function openAiChatRequest(body: unknown, modelId: string, api: ApiStyle): ReplyRequest {
  const b = asRecord(body);
  if (!Array.isArray(b.messages)) throw errors.validation("'messages' is a required property");
  const { system, turns } = openAiTurns(b.messages);
  const tools: ToolDefinition[] = asArray(b.tools).map(t => { const f = asRecord(asRecord(t).function); return { name: asString(f.name), description: asString(f.description), schema: f.parameters }; }).filter(t => t.name);
  const maxTokens = typeof b.max_completion_tokens === 'number' ? b.max_completion_tokens : typeof b.max_tokens === 'number' ? b.max_tokens : undefined;
  const reasoning = typeof b.reasoning_effort === 'string' && b.reasoning_effort !== 'none';
  return { api, modelId, system, tools, reasoning, maxTokens, ...conversation(turns) };
}

const mistral: ChatFormat = {
  request: (body, modelId, api) => {
    const b = asRecord(body);
    if (Array.isArray(b.messages)) return openAiChatRequest(body, modelId, api);
    if (typeof b.prompt !== 'string') throw errors.validation('Malformed input request: #: required key [prompt] not found, please reformat your input and try again.');
    const text = b.prompt.replace(/<\/?s>|\[\/?INST\]/g, ' ').trim();
    return { api, modelId, system: '', tools: [], reasoning: false, maxTokens: typeof b.max_tokens === 'number' ? b.max_tokens : undefined, ...conversation([{ role: 'user', text }]) };
  },
  response: r => ({ outputs: [{ text: r.text, stop_reason: r.stopReason === 'max_tokens' ? 'length' : 'stop' }] }),
  *chunks(r, _m, metrics) {
    for (const text of r.textPieces) yield { payload: { outputs: [{ text, stop_reason: null }] }, tokens: 1 };
    yield { payload: { outputs: [{ text: '', stop_reason: r.stopReason === 'max_tokens' ? 'length' : 'stop' }], [METRICS_KEY]: metrics() }, tokens: 0 };
  },
};

/** Mistral chat-style bodies answer in chat-completion shape; the prompt style answers `outputs`. */
export function mistralResponse(body: unknown, r: ShapedReply, modelId: string): Record<string, unknown> {
  if (Array.isArray(asRecord(body).messages)) {
    return { id: stableId(r.seed, 32), object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: modelId,
      choices: [{ index: 0, message: { role: 'assistant', content: r.text, ...(r.toolCalls.length ? { tool_calls: r.toolCalls.map(c => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) } : {}) }, stop_reason: finishReason(r) }],
      usage: { prompt_tokens: r.inputTokens, completion_tokens: r.outputTokens, total_tokens: r.inputTokens + r.outputTokens } };
  }
  return mistral.response(r, modelId);
}

// --- OpenAI gpt-oss (chat completions body) -----------------------------------------------
export function chatCompletion(r: ShapedReply, model: string): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: r.toolCalls.length && !r.text ? null : r.text, refusal: null };
  if (r.reasoning) message.reasoning = r.reasoning;
  if (r.toolCalls.length) message.tool_calls = r.toolCalls.map(c => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
  return {
    id: `chatcmpl-${stableId(r.seed, 29)}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(r) }],
    usage: { prompt_tokens: r.inputTokens, completion_tokens: r.outputTokens, total_tokens: r.inputTokens + r.outputTokens },
  };
}

export function finishReason(r: ShapedReply): string {
  return r.stopReason === 'tool_use' ? 'tool_calls' : r.stopReason === 'max_tokens' ? 'length' : 'stop';
}

/** chat.completion.chunk objects: role, content deltas, tool-call deltas, finish, optional usage. */
export function* chatCompletionChunks(r: ShapedReply, model: string, includeUsage: boolean): Generator<NativeChunk> {
  const base = { id: `chatcmpl-${stableId(r.seed, 29)}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): Record<string, unknown> =>
    ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...(includeUsage ? { usage: null } : {}) });
  yield { payload: chunk({ role: 'assistant', content: '', refusal: null }), tokens: 0 };
  for (const reasoning of r.reasoningPieces) yield { payload: chunk({ reasoning }), tokens: 1 };
  for (const content of r.textPieces) yield { payload: chunk({ content }), tokens: 1 };
  let i = 0;
  for (const c of r.toolCalls) {
    yield { payload: chunk({ tool_calls: [{ index: i, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] }), tokens: 0 };
    for (const args of argumentFragments(c.arguments)) yield { payload: chunk({ tool_calls: [{ index: i, function: { arguments: args } }] }), tokens: 1 };
    i++;
  }
  yield { payload: chunk({}, finishReason(r)), tokens: 0 };
  if (includeUsage) {
    yield { payload: { ...base, choices: [], usage: { prompt_tokens: r.inputTokens, completion_tokens: r.outputTokens, total_tokens: r.inputTokens + r.outputTokens } }, tokens: 0 };
  }
}

/**
 * gpt-oss through InvokeModel: a chat.completion body whose reasoning is not a separate field
 * but prefixed to the content inside `<reasoning>…</reasoning>`, as Bedrock documents.
 */
function withReasoningTags(r: ShapedReply): ShapedReply {
  if (!r.reasoning) return r;
  const textPieces = ['<reasoning>', ...r.reasoningPieces, '</reasoning>', ...r.textPieces];
  return { ...r, text: `<reasoning>${r.reasoning}</reasoning>${r.text}`, textPieces, reasoning: '', reasoningPieces: [] };
}

const openaiChat: ChatFormat = {
  request: (body, modelId, api) => openAiChatRequest(body, modelId, api),
  response: (r, modelId) => chatCompletion(withReasoningTags(r), modelId),
  *chunks(r, modelId, metrics) {
    const all = [...chatCompletionChunks(withReasoningTags(r), modelId, false)];
    const last = all.pop();
    yield* all;
    if (last) yield { payload: { ...last.payload, [METRICS_KEY]: metrics() }, tokens: 0 };
  },
};

/**
 * Mistral Large chat-style streams: a whole `message` per chunk (not a `delta`), tool calls
 * whole on the last chunk, `stop_reason` on the last.
 */
export function* mistralChatChunks(r: ShapedReply, metrics: () => Metrics): Generator<NativeChunk> {
  for (const content of r.textPieces) yield { payload: { choices: [{ index: 0, message: { role: 'assistant', content }, stop_reason: null }] }, tokens: 1 };
  const toolCalls = r.toolCalls.map((c, index) => ({ index, id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
  yield {
    payload: {
      choices: [{ index: 0, message: { role: 'assistant', content: '', ...(toolCalls.length ? { tool_calls: toolCalls } : {}) }, stop_reason: finishReason(r) }],
      [METRICS_KEY]: metrics(),
    },
    tokens: toolCalls.length,
  };
}

export const CHAT_FORMATS = { nova, anthropic, llama, mistral, 'openai-chat': openaiChat } as const;
export type ChatFormatName = keyof typeof CHAT_FORMATS;
