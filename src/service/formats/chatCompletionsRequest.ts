import type { ChatCompletionContentPart, ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { BedrockRequest, ChatMessage } from '../model';
import { dataUrl } from './dataUrl';

/** BedrockRequest → OpenAI Chat Completions body (streaming, with usage in the last chunk). */
export function chatCompletionsBody(req: BedrockRequest): ChatCompletionCreateParamsStreaming {
  const messages: ChatCompletionMessageParam[] = [];
  if (req.system) messages.push({ role: 'system', content: req.system });
  for (const m of req.messages) messages.push(...toMessages(m));
  const p = req.params ?? {};
  const body: ChatCompletionCreateParamsStreaming = {
    model: req.model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    ...(p.maxTokens !== undefined ? { max_tokens: p.maxTokens } : {}),
    ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
    ...(p.topP !== undefined ? { top_p: p.topP } : {}),
    ...(p.stopSequences?.length ? { stop: p.stopSequences } : {}),
    ...(req.reasoning?.effort ? { reasoning_effort: req.reasoning.effort } : {}),
  };
  if (req.tools?.length) {
    body.tools = req.tools.map((t): ChatCompletionTool => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.inputSchema } }));
    const c = req.toolChoice;
    if (c) body.tool_choice = c === 'any' ? 'required' : c === 'auto' || c === 'none' ? c : { type: 'function', function: { name: c.name } };
  }
  return body;
}

function toMessages(m: ChatMessage): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [];
  if (m.role === 'assistant') {
    const text = m.content.map(p => (p.type === 'text' ? p.text : '')).join('');
    const calls = m.content.flatMap(p => (p.type === 'tool-call' ? [{ id: p.id, type: 'function' as const, function: { name: p.name, arguments: JSON.stringify(p.input ?? {}) } }] : []));
    out.push({ role: 'assistant', content: text || null, ...(calls.length ? { tool_calls: calls } : {}) });
    return out;
  }
  const parts: ChatCompletionContentPart[] = [];
  for (const p of m.content) {
    if (p.type === 'tool-result') out.push({ role: 'tool', tool_call_id: p.id, content: p.content });
    else if (p.type === 'text') parts.push({ type: 'text', text: p.text });
    else if (p.type === 'image') parts.push({ type: 'image_url', image_url: { url: dataUrl(`image/${p.format}`, p.data) } });
    else if (p.type === 'document') parts.push({ type: 'text', text: `[${p.name}]\n${Buffer.from(p.data).toString('utf8')}` });
  }
  if (parts.length) out.push({ role: 'user', content: parts.length === 1 && parts[0].type === 'text' ? parts[0].text : parts });
  return out;
}
