import { tokenize, countTokens } from './tokens';

/** Which API the request came through; generators may vary their answer by it. */
export type ApiStyle = 'converse' | 'converse-stream' | 'invoke' | 'invoke-stream' | 'chat.completions' | 'responses' | 'messages' | 'bidirectional';

export interface PromptTurn { role: 'user' | 'assistant' | 'tool'; text: string }
export interface ToolDefinition { name: string; description?: string; schema?: unknown }

/** The request, normalised from whichever API style carried it. */
export interface ReplyRequest {
  api: ApiStyle;
  modelId: string;
  system: string;
  turns: PromptTurn[];
  lastUserText: string;
  tools: ToolDefinition[];
  /** The last turn is a tool result, so the model should answer rather than call again. */
  afterToolResult: boolean;
  /** The caller asked for thinking / reasoning output. */
  reasoning: boolean;
  maxTokens?: number;
}

export interface ToolCall { name: string; input: Record<string, unknown> }
export interface Reply { text: string; reasoning?: string; toolCalls?: ToolCall[] }

/**
 * Pluggable text source. Return a string for a plain text answer, or a Reply to also produce
 * reasoning or tool calls. Set per emulator with `setReplyGenerator`.
 */
export type ReplyGenerator = (request: ReplyRequest) => Reply | string | Promise<Reply | string>;

/** A reply with everything the wire formats need: pieces to stream, counts, stop reason. */
export interface ShapedReply {
  text: string;
  textPieces: string[];
  reasoning: string;
  reasoningPieces: string[];
  toolCalls: Array<ToolCall & { id: string; arguments: string }>;
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens served from / written to the prompt cache, apart from inputTokens (see promptCache.ts). */
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  stopReason: 'end_turn' | 'tool_use' | 'max_tokens';
  seed: number;
}

export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}

function prng(seed: number): () => number {
  let a = seed || 1;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPENERS = ['Here is a direct answer.', 'Good question; here is how I would approach it.', 'Let me restate it and give an example.', 'Short version first, then a sketch.'];
const LANGS: Array<{ lang: string; body: (s: string) => string }> = [
  { lang: 'typescript', body: s => `export function answer(): string {\n  return ${JSON.stringify(s)};\n}` },
  { lang: 'python', body: s => `def answer() -> str:\n    return ${JSON.stringify(s)}` },
  { lang: 'bash', body: s => `echo ${JSON.stringify(s)}` },
];
const POINTS = ['Keep the request small and explicit.', 'Stream the reply so the user sees progress.', 'Handle throttling with backoff.', 'Log the request id for support.', 'Prefer inference profiles on runtime.', 'Validate the model id before calling.'];

/**
 * The default model: restates the last user message and answers in markdown with a fenced
 * code block, every choice seeded by the prompt so the same prompt gives the same answer.
 */
export const defaultReplyGenerator: ReplyGenerator = (req) => {
  const seed = hashSeed(`${req.modelId}\n${req.system}\n${req.turns.map(t => `${t.role}:${t.text}`).join('\n')}`);
  const rand = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const asked = oneLine(req.lastUserText, 200);
  const reasoning = req.reasoning ? `The user wrote "${oneLine(req.lastUserText, 80)}". I should restate it, answer briefly and show a small code example.` : undefined;
  if (req.tools.length > 0 && !req.afterToolResult) {
    const tool = namedTool(req.tools, req.lastUserText);
    return { text: `I'll call ${tool.name} to answer that.`, reasoning, toolCalls: [{ name: tool.name, input: sampleInput(tool.schema, req.lastUserText) }] };
  }
  const lastTool = [...req.turns].reverse().find(t => t.role === 'tool');
  const lang = pick(LANGS);
  const lines = [
    `You asked: "${asked}"`,
    '',
    req.afterToolResult && lastTool ? `The tool returned: ${oneLine(lastTool.text, 200)}` : pick(OPENERS),
    '',
    '```' + lang.lang,
    lang.body(oneLine(req.lastUserText, 40)),
    '```',
    '',
    `- ${pick(POINTS)}`,
    `- ${pick(POINTS)}`,
  ];
  return { text: lines.join('\n'), reasoning };
};

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The tool the prompt names (the longest name found, so `read_file_v2` wins over `read_file`), else the first offered. */
export function namedTool(tools: ToolDefinition[], prompt: string): ToolDefinition {
  const named = tools.filter(t => new RegExp(`(^|[^\\w])${t.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w])`).test(prompt));
  return named.sort((a, b) => b.name.length - a.name.length)[0] ?? tools[0];
}

/** A path-like word of the prompt (`src/app.ts`, `notes.txt`): a name with an extension, or one with a slash. */
function pathIn(prompt: string): string | undefined {
  const found = prompt.match(/[\w.@~-]*[\w-]\/[\w./@~-]*[\w]|[\w@~-][\w./@~-]*\.[A-Za-z0-9]+\b/g) ?? [];
  return found[0];
}

/**
 * Fills a tool's JSON schema with plausible values taken from the prompt: a property named like a path or file gets
 * the path the prompt mentions, `"quoted text"` goes to the first other string property, then the prompt's words.
 */
export function sampleInput(schema: unknown, prompt: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const s = schema as { properties?: Record<string, { type?: string; enum?: unknown[] }>; required?: string[] } | undefined;
  const props = s?.properties ?? {};
  const words = prompt.split(/\W+/).filter(w => w.length > 2);
  const path = pathIn(prompt);
  let quoted = prompt.match(/"([^"]+)"/)?.[1];
  let i = 0;
  for (const [name, prop] of Object.entries(props)) {
    if (prop.enum?.length) out[name] = prop.enum[0];
    else if ((prop.type === 'string' || prop.type === undefined) && path && /path|file|uri/i.test(name)) out[name] = path;
    else if ((prop.type === 'string' || prop.type === undefined) && quoted !== undefined) { out[name] = quoted; quoted = undefined; }
    else if (prop.type === 'number' || prop.type === 'integer') out[name] = 42;
    else if (prop.type === 'boolean') out[name] = true;
    else if (prop.type === 'array') out[name] = [];
    else if (prop.type === 'object') out[name] = {};
    else out[name] = words[i++ % Math.max(words.length, 1)] ?? 'value';
  }
  return out;
}

const FILLER = 'This sentence pads a very long reply so that benchmarks can stream a large number of tokens through every layer. ';

/**
 * Turns a generator's answer into streamable pieces with usage counts, applying `max_tokens`
 * and the `long:N` fault (which ignores max tokens, since its point is a huge reply).
 */
export function shapeReply(raw: Reply | string, inputTokens: number, maxTokens: number | undefined, longTokens: number | undefined, idPrefix: string, seed: number): ShapedReply {
  const reply: Reply = typeof raw === 'string' ? { text: raw } : raw;
  let textPieces = tokenize(reply.text);
  const reasoning = reply.reasoning ?? '';
  const reasoningPieces = tokenize(reasoning);
  let stopReason: ShapedReply['stopReason'] = reply.toolCalls?.length ? 'tool_use' : 'end_turn';
  if (longTokens !== undefined) {
    const filler = tokenize(FILLER);
    const pieces = textPieces.slice(0, longTokens);
    for (let i = 0; pieces.length < longTokens; i++) pieces.push(filler[i % filler.length]);
    textPieces = pieces;
  } else if (maxTokens !== undefined && maxTokens > 0 && textPieces.length + reasoningPieces.length > maxTokens) {
    textPieces = textPieces.slice(0, Math.max(0, maxTokens - reasoningPieces.length));
    stopReason = 'max_tokens';
  }
  const toolCalls = stopReason === 'max_tokens' ? [] : (reply.toolCalls ?? []).map((c, i) => ({
    ...c,
    id: `${idPrefix}${(seed + i).toString(36).padStart(8, '0')}${i}`,
    arguments: JSON.stringify(c.input),
  }));
  const text = textPieces.join('');
  const outputTokens = textPieces.length + reasoningPieces.length + toolCalls.reduce((n, c) => n + countTokens(c.arguments) + 3, 0);
  return { text, textPieces, reasoning, reasoningPieces, toolCalls, inputTokens, outputTokens: Math.max(outputTokens, 1), stopReason, seed };
}
