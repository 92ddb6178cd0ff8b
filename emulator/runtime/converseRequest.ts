import { errors } from '../errors';
import { asArray, asRecord, asString, conversation } from '../produce';
import type { ApiStyle, PromptTurn, ReplyRequest, ToolDefinition } from '../replyGenerator';

/** Text of Converse content blocks; tool results become their own `tool` turn. */
function turnsOf(messages: unknown[]): PromptTurn[] {
  const turns: PromptTurn[] = [];
  for (const m of messages) {
    const msg = asRecord(m);
    const role = msg.role === 'assistant' ? 'assistant' : 'user';
    const texts: string[] = [];
    for (const b of asArray(msg.content)) {
      const block = asRecord(b);
      if (typeof block.text === 'string') texts.push(block.text);
      const result = asRecord(block.toolResult);
      if (Object.keys(result).length) {
        const parts = asArray(result.content).map(c => { const r = asRecord(c); return typeof r.text === 'string' ? r.text : JSON.stringify(r.json ?? r); });
        turns.push({ role: 'tool', text: parts.join('\n') });
      }
    }
    if (texts.length) turns.push({ role, text: texts.join('\n') });
  }
  return turns;
}

/** Normalises a Converse / ConverseStream body (also Nova's messages-v1 InvokeModel body). */
export function converseReplyRequest(body: unknown, modelId: string, api: ApiStyle): ReplyRequest {
  const b = asRecord(body);
  if (!Array.isArray(b.messages) || b.messages.length === 0) {
    throw errors.validation('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
  }
  const system = asArray(b.system).map(s => asString(asRecord(s).text)).filter(Boolean).join('\n');
  const tools: ToolDefinition[] = asArray(asRecord(b.toolConfig).tools).map(t => {
    const spec = asRecord(asRecord(t).toolSpec);
    return { name: asString(spec.name), description: asString(spec.description), schema: asRecord(spec.inputSchema).json };
  }).filter(t => t.name);
  const extra = asRecord(b.additionalModelRequestFields);
  const reasoning = asRecord(extra.thinking).type === 'enabled' || asRecord(extra.reasoningConfig).type === 'enabled';
  const inference = asRecord(b.inferenceConfig);
  const maxTokens = typeof inference.maxTokens === 'number' ? inference.maxTokens : typeof inference.max_new_tokens === 'number' ? inference.max_new_tokens : undefined;
  return { api, modelId, system, tools, reasoning, maxTokens, ...conversation(turnsOf(b.messages)) };
}
