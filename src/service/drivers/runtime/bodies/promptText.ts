import type { ChatMessage } from '../../../model';

/**
 * Prompt-format models (Llama, older Mistral) have no structured content: tool calls and results become text so
 * a conversation that used tools elsewhere can still continue here; images are dropped (they cannot be sent).
 */
export function messageText(m: ChatMessage): string {
  return m.content.map(p => {
    switch (p.type) {
      case 'text': return p.text;
      case 'document': return `[${p.name}]\n${Buffer.from(p.data).toString('utf8')}`;
      case 'tool-call': return `[called ${p.name} with ${JSON.stringify(p.input ?? {})}]`;
      case 'tool-result': return `[tool result${p.isError ? ' (error)' : ''}]\n${p.content}`;
      default: return '';
    }
  }).filter(Boolean).join('\n');
}
