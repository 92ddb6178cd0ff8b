import type { ContentBlockParam, MessageCreateParamsStreaming, MessageParam, TextBlockParam, ToolUnion } from '@anthropic-ai/sdk/resources/messages';
import type { BedrockRequest, ChatMessage, ContentPart } from '../model';

/** Anthropic requires max_tokens; this is what Claude Code and the SDK examples use when nothing is chosen. */
export const DEFAULT_MAX_TOKENS = 4096;

/** BedrockRequest → Anthropic Messages body (streaming). */
export function messagesBody(req: BedrockRequest): MessageCreateParamsStreaming {
  const p = req.params ?? {};
  const budget = req.reasoning?.budgetTokens ?? (req.reasoning ? 2048 : undefined);
  const maxTokens = Math.max(p.maxTokens ?? DEFAULT_MAX_TOKENS, budget !== undefined ? budget + 1024 : 0);
  const body: MessageCreateParamsStreaming = {
    model: req.model,
    max_tokens: maxTokens,
    messages: req.messages.map(toMessage),
    stream: true,
    // a cache point after the system prompt is marked on its (single) text block
    ...(req.system ? { system: req.cacheSystemPrompt ? [{ type: 'text', text: req.system, cache_control: { type: 'ephemeral' } }] : req.system } : {}),
    // Claude refuses temperature/top_p changes while thinking; leave them out then.
    ...(p.temperature !== undefined && budget === undefined ? { temperature: p.temperature } : {}),
    ...(p.topP !== undefined && budget === undefined ? { top_p: p.topP } : {}),
    ...(p.stopSequences?.length ? { stop_sequences: p.stopSequences } : {}),
    ...(budget !== undefined ? { thinking: { type: 'enabled', budget_tokens: budget } } : {}),
  };
  if (req.tools?.length) {
    body.tools = req.tools.map((t): ToolUnion => ({ name: t.name, description: t.description, input_schema: { type: 'object', ...t.inputSchema } }));
    const c = req.toolChoice;
    if (c) body.tool_choice = typeof c === 'object' ? { type: 'tool', name: c.name } : { type: c };
  }
  return body;
}

function toMessage(m: ChatMessage): MessageParam {
  const blocks: ContentBlockParam[] = [];
  for (const part of m.content) {
    if (part.type === 'cache-point') {
      // Anthropic marks the end of a cacheable prefix on the block itself.
      const last = blocks.at(-1) as (ContentBlockParam & { cache_control?: unknown }) | undefined;
      if (last) last.cache_control = { type: 'ephemeral' };
      continue;
    }
    blocks.push(block(part));
  }
  return { role: m.role, content: blocks };
}

function block(p: Exclude<ContentPart, { type: 'cache-point' }>): ContentBlockParam {
  const b64 = (d: Uint8Array) => Buffer.from(d).toString('base64');
  switch (p.type) {
    case 'text': return { type: 'text', text: p.text } satisfies TextBlockParam;
    case 'image': return { type: 'image', source: { type: 'base64', media_type: `image/${p.format}`, data: b64(p.data) } };
    case 'document': return p.format === 'pdf'
      ? { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: b64(p.data) }, title: p.name }
      : { type: 'document', source: { type: 'text', media_type: 'text/plain', data: Buffer.from(p.data).toString('utf8') }, title: p.name };
    case 'tool-call': return { type: 'tool_use', id: p.id, name: p.name, input: p.input ?? {} };
    case 'tool-result': return { type: 'tool_result', tool_use_id: p.id, content: p.content, ...(p.isError ? { is_error: true } : {}) };
  }
}
