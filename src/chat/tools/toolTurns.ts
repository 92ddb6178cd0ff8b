import type { ChatMessage, ContentPart } from '../../service/model';
import type { ToolCallView } from '../protocol';

/** The input a stored call was made with: its JSON arguments, or an empty object when they do not parse to one. */
export function toolInput(call: Pick<ToolCallView, 'arguments'>): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(call.arguments || '{}');
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : {};
  } catch {
    return {};
  }
}

/**
 * A stored assistant reply as request turns: its text and the tool calls that got a result, then a user turn with
 * those results (each style's formatter turns them into toolResult, tool_result, role tool or function_call_output).
 * Calls without a result (the stream failed while they came in) are left out: a call must always be answered.
 */
export function assistantTurns(m: { text: string; toolCalls?: ToolCallView[] }): ChatMessage[] {
  const answered = (m.toolCalls ?? []).filter(c => c.result !== undefined);
  const content: ContentPart[] = [];
  if (m.text) content.push({ type: 'text', text: m.text });
  for (const c of answered) content.push({ type: 'tool-call', id: c.id, name: c.name, input: toolInput(c) });
  if (!content.length) return [];
  const out: ChatMessage[] = [{ role: 'assistant', content }];
  if (answered.length) {
    out.push({ role: 'user', content: answered.map(c => ({ type: 'tool-result', id: c.id, content: c.result || '(no output)', ...(c.isError ? { isError: true } : {}) })) });
  }
  return out;
}
