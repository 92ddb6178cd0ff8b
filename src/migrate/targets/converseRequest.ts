import type { Note } from '../plan';

// OpenAI request → Converse request, once for both languages. Each language reads its literal
// syntax into `Val` and renders the resulting `Out` back in its own syntax; values the user wrote
// travel as their original source text, so their formatting and comments survive.

/** A request value as written: its source text, plus its structure when it is a literal. */
export interface Val {
  text: string;
  str?: string;
  list?: Val[];
  dict?: Map<string, Val>;
  /** A plain variable name (safe to mention twice in generated code). */
  ident?: boolean;
  /** The list/dict literal spans several lines. */
  multiline?: boolean;
  /** Indentation of the source line the value starts on, to re-indent multi-line values that move. */
  indent?: string;
}

export type Out =
  | { raw: string; indent?: string }
  | { str: string }
  | { dict: Array<[string, Out]>; multiline?: boolean }
  | { list: Out[]; multiline?: boolean }
  /** Conversions that happen at run time over a variable the call received. */
  | { runtime: 'system' | 'turns' | 'tools' | 'stop'; of: string };

export interface ConverseRequest {
  /** Keyword/property name → value, in the order Converse documents them. */
  entries: Array<[string, Out]>;
  notes: Note[];
  /** Set when the request cannot be rewritten safely; the site is then left intact. */
  refuse?: string;
}

const inference: Record<string, string> = { max_tokens: 'maxTokens', max_completion_tokens: 'maxTokens', max_output_tokens: 'maxTokens', temperature: 'temperature', top_p: 'topP' };

function textBlocks(content: Val): Out | string {
  if (content.list) {
    const blocks: Out[] = [];
    for (const part of content.list) {
      const type = part.dict?.get('type')?.str;
      const text = part.dict?.get('text');
      if (type === 'text' && text) blocks.push({ dict: [['text', { raw: text.text }]] });
      else return 'message content parts other than text (images, audio, files) need Converse content blocks written by hand';
    }
    return { list: blocks };
  }
  if (content.dict) return 'message content given as an object: write its Converse content blocks by hand';
  return { list: [{ dict: [['text', { raw: content.text }]] }] };
}

function mapMessages(messages: Val, system: Out[], turns: Out[], notes: Note[]): string | undefined {
  if (messages.ident) {
    system.push({ runtime: 'system', of: messages.text });
    turns.push({ runtime: 'turns', of: messages.text });
    notes.push({ text: `\`${messages.text}\` is converted at run time assuming text-only user/assistant/system messages`, manual: false });
    return undefined;
  }
  if (!messages.list) return 'messages are built by an expression: convert them to Converse messages by hand';
  for (const m of messages.list) {
    const role = m.dict?.get('role')?.str;
    const content = m.dict?.get('content');
    if (!m.dict || !role || !content || [...m.dict.keys()].some(k => k !== 'role' && k !== 'content')) return 'a message has tool calls, names or a computed role: convert it by hand';
    const blocks = textBlocks(content);
    if (typeof blocks === 'string') return blocks;
    if (role === 'system' || role === 'developer') {
      if ('list' in blocks) system.push(...blocks.list);
    } else if (role === 'user' || role === 'assistant') {
      turns.push({ dict: [['role', { str: role }], ['content', blocks]] });
    } else {
      return `'${role}' messages (tool results) become toolResult blocks in a user message: convert them by hand`;
    }
  }
  return undefined;
}

function mapTools(tools: Val): Out | string {
  if (tools.ident) return { runtime: 'tools', of: tools.text };
  if (!tools.list) return 'tools are built by an expression: convert them to toolConfig by hand';
  const specs: Out[] = [];
  for (const t of tools.list) {
    const fn = t.dict?.get('function')?.dict;
    if (t.dict?.get('type')?.str !== 'function' || !fn || !fn.get('name')) return 'a tool is not a plain function tool: convert it by hand';
    const spec: Array<[string, Out]> = [['name', { raw: fn.get('name')!.text }]];
    const description = fn.get('description');
    if (description) spec.push(['description', { raw: description.text }]);
    const parameters = fn.get('parameters');
    spec.push(['inputSchema', { dict: [['json', parameters ? { raw: parameters.text, indent: parameters.indent } : { dict: [['type', { str: 'object' }]] }]] }]);
    specs.push({ dict: [['toolSpec', { dict: spec }]] });
  }
  return { list: specs, multiline: tools.multiline };
}

function mapToolChoice(choice: Val): Out | string {
  if (choice.str === 'auto') return { dict: [['auto', { dict: [] }]] };
  if (choice.str === 'required') return { dict: [['any', { dict: [] }]] };
  const name = choice.dict?.get('function')?.dict?.get('name');
  if (choice.dict?.get('type')?.str === 'function' && name) return { dict: [['tool', { dict: [['name', { raw: name.text }]] }]] };
  return `tool_choice ${choice.text} has no Converse equivalent: set toolConfig.toolChoice by hand`;
}

/** Maps a Chat Completions request (or, with `responses`, a Responses request) to Converse arguments. */
export function mapChatRequest(props: Map<string, Val>, modelText: string, api: 'chat' | 'responses' = 'chat'): ConverseRequest {
  const notes: Note[] = [];
  const system: Out[] = [];
  const turns: Out[] = [];
  const inferenceConfig: Array<[string, Out]> = [];
  const extra: Array<[string, Out]> = [];
  const dropped: string[] = [];
  let toolConfig: Array<[string, Out]> | undefined;
  let toolChoice: Out | undefined;
  const refuse = (why: string): ConverseRequest => ({ entries: [], notes, refuse: why });

  for (const [key, value] of props) {
    if (key === 'model' || key === 'stream') continue;
    if (key === 'messages' && api === 'chat') {
      const why = mapMessages(value, system, turns, notes);
      if (why) return refuse(why);
    } else if (key === 'input' && api === 'responses') {
      if (value.list || value.dict) return refuse('a Responses input list needs Converse messages written by hand');
      if (value.str === undefined && !/^(f|rf|fr)?["'`]/i.test(value.text)) notes.push({ text: `\`${value.text}\` is sent as one text block: this assumes it is a string, not a list of input items`, manual: false });
      turns.push({ dict: [['role', { str: 'user' }], ['content', { list: [{ dict: [['text', { raw: value.text }]] }] }]] });
    } else if (key === 'instructions' && api === 'responses') {
      system.push({ dict: [['text', { raw: value.text }]] });
    } else if (Object.prototype.hasOwnProperty.call(inference, key)) {
      if (!(api === 'responses' ? key !== 'max_tokens' && key !== 'max_completion_tokens' : key !== 'max_output_tokens')) { extra.push([key, { raw: value.text }]); continue; }
      inferenceConfig.push([inference[key], { raw: value.text }]);
    } else if (key === 'stop' && api === 'chat') {
      if (value.str !== undefined) inferenceConfig.push(['stopSequences', { list: [{ raw: value.text }] }]);
      else if (value.list) inferenceConfig.push(['stopSequences', { raw: value.text, indent: value.indent }]);
      else if (value.ident) inferenceConfig.push(['stopSequences', { runtime: 'stop', of: value.text }]);
      else return refuse('stop is computed: set inferenceConfig.stopSequences by hand');
    } else if (key === 'tools' && api === 'chat') {
      const tools = mapTools(value);
      if (typeof tools === 'string') return refuse(tools);
      toolConfig = [['tools', tools]];
    } else if (key === 'tool_choice' && api === 'chat') {
      const choice = mapToolChoice(value);
      if (typeof choice === 'string') return refuse(choice);
      toolChoice = choice;
    } else if (key === 'stream_options') {
      dropped.push(key);
    } else if (api === 'responses' && ['tools', 'previous_response_id', 'store', 'background', 'text', 'reasoning', 'include', 'conversation'].includes(key)) {
      return refuse(`Responses '${key}' has no Converse counterpart: keep this call on mantle or rewrite it by hand`);
    } else {
      extra.push([key, { raw: value.text, indent: value.indent }]);
    }
  }
  if (turns.length === 0) return refuse(api === 'chat' ? 'no user or assistant messages to send' : 'no input to send');
  if (toolChoice && toolConfig) toolConfig.push(['toolChoice', toolChoice]);
  else if (toolChoice) notes.push({ text: 'tool_choice without tools was dropped', manual: false });

  const entries: Array<[string, Out]> = [['modelId', { raw: modelText }]];
  if (system.length) entries.push(['system', system.length === 1 && 'runtime' in system[0] ? system[0] : { list: system }]);
  const messagesList = props.get('messages');
  entries.push(['messages', turns.length === 1 && 'runtime' in turns[0] ? turns[0] : { list: turns, multiline: messagesList?.multiline }]);
  if (inferenceConfig.length) entries.push(['inferenceConfig', { dict: inferenceConfig }]);
  if (toolConfig) entries.push(['toolConfig', { dict: toolConfig }]);
  if (extra.length) {
    entries.push(['additionalModelRequestFields', { dict: extra }]);
    notes.push({ text: `${extra.map(([k]) => k).join(', ')} moved to additionalModelRequestFields: model-specific, check the model accepts them`, manual: false });
  }
  if (dropped.length) notes.push({ text: 'stream_options dropped: ConverseStream always ends with a metadata event carrying usage', manual: false });
  return { entries, notes };
}

/** Response reads we know how to translate, as access steps after the response variable. */
export type ResponseRead = 'text' | 'stopReason' | 'inputTokens' | 'outputTokens' | 'totalTokens' | 'deltaText' | 'chunkStopReason';

const responseReads: Array<[string[], ResponseRead]> = [
  [['choices', '0', 'message', 'content'], 'text'],
  [['choices', '0', 'finish_reason'], 'stopReason'],
  [['usage', 'prompt_tokens'], 'inputTokens'],
  [['usage', 'completion_tokens'], 'outputTokens'],
  [['usage', 'total_tokens'], 'totalTokens'],
];
const responsesApiReads: Array<[string[], ResponseRead]> = [
  [['output_text'], 'text'],
  [['usage', 'input_tokens'], 'inputTokens'],
  [['usage', 'output_tokens'], 'outputTokens'],
  [['usage', 'total_tokens'], 'totalTokens'],
];
const chunkReads: Array<[string[], ResponseRead]> = [
  [['choices', '0', 'delta', 'content'], 'deltaText'],
  [['choices', '0', 'finish_reason'], 'chunkStopReason'],
];

/** The read a chain of access steps starts with, and how many steps it covers. */
export function matchRead(steps: readonly string[], what: 'response' | 'responsesApi' | 'chunk'): { read: ResponseRead; length: number } | undefined {
  const table = what === 'response' ? responseReads : what === 'chunk' ? chunkReads : responsesApiReads;
  for (const [path, read] of table) {
    if (path.length <= steps.length && path.every((p, i) => steps[i] === p)) return { read, length: path.length };
  }
  return undefined;
}

export const stopReasonNote: Note = { text: 'Converse stop reasons are end_turn, max_tokens, stop_sequence, tool_use, …, not OpenAI\'s finish_reason values: check comparisons', manual: false };

/** Moves a multi-line value written at `from` indentation so its continuation lines sit under `to`. */
export function reindent(text: string, from: string | undefined, to: string): string {
  if (!text.includes('\n') || from === undefined) return text;
  return text.split('\n').map((line, i) => {
    if (i === 0 || line.trim() === '') return line;
    return line.startsWith(from) ? to + line.slice(from.length) : line;
  }).join('\n');
}

/** OpenAI finish_reason values and the Converse stopReason that means the same. */
export const stopReasonFor: Readonly<Record<string, string>> = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', content_filter: 'content_filtered' };
