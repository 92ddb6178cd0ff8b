import type { ResponseCreateParamsStreaming, ResponseInputItem, ResponseInputContent } from 'openai/resources/responses/responses';
import type { BedrockRequest, ChatMessage } from '../model';
import { dataUrl } from './dataUrl';

/**
 * BedrockRequest → OpenAI Responses body. With `previousResponseId` the server already holds the conversation, so
 * only the turns after the last assistant message (the new user turn and any tool results) are sent.
 */
export function responsesBody(req: BedrockRequest): ResponseCreateParamsStreaming {
  const turns = req.previousResponseId ? newTurns(req.messages) : req.messages;
  const p = req.params ?? {};
  const body: ResponseCreateParamsStreaming = {
    model: req.model,
    input: turns.flatMap(toItems),
    stream: true,
    store: req.store ?? true,
    ...(req.previousResponseId ? { previous_response_id: req.previousResponseId } : {}),
    ...(req.system ? { instructions: req.system } : {}),
    ...(p.maxTokens !== undefined ? { max_output_tokens: p.maxTokens } : {}),
    ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
    ...(p.topP !== undefined ? { top_p: p.topP } : {}),
    ...(req.reasoning?.effort ? { reasoning: { effort: req.reasoning.effort } } : {}),
    ...(req.serviceTier ? { service_tier: req.serviceTier } : {}),
  };
  if (req.tools?.length) {
    body.tools = req.tools.map(t => ({ type: 'function' as const, name: t.name, description: t.description ?? null, parameters: t.inputSchema, strict: false }));
    const c = req.toolChoice;
    if (c) body.tool_choice = c === 'any' ? 'required' : c === 'auto' || c === 'none' ? c : { type: 'function', name: c.name };
  }
  return body;
}

export function newTurns(messages: ChatMessage[]): ChatMessage[] {
  let last = -1;
  messages.forEach((m, i) => { if (m.role === 'assistant') last = i; });
  return messages.slice(last + 1);
}

function toItems(m: ChatMessage): ResponseInputItem[] {
  const items: ResponseInputItem[] = [];
  if (m.role === 'assistant') {
    const text = m.content.map(p => (p.type === 'text' ? p.text : '')).join('');
    if (text) items.push({ role: 'assistant', content: text });
    for (const p of m.content) {
      if (p.type === 'tool-call') items.push({ type: 'function_call', call_id: p.id, name: p.name, arguments: JSON.stringify(p.input ?? {}) });
    }
    return items;
  }
  const content: ResponseInputContent[] = [];
  for (const p of m.content) {
    if (p.type === 'tool-result') items.push({ type: 'function_call_output', call_id: p.id, output: p.content });
    else if (p.type === 'text') content.push({ type: 'input_text', text: p.text });
    else if (p.type === 'image') content.push({ type: 'input_image', image_url: dataUrl(`image/${p.format}`, p.data), detail: 'auto' });
    else if (p.type === 'document') content.push({ type: 'input_file', filename: p.name, file_data: dataUrl(p.format === 'pdf' ? 'application/pdf' : 'text/plain', p.data) });
  }
  if (content.length) items.push({ role: 'user', content });
  return items;
}
