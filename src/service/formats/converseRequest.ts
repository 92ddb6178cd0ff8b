import type { ContentBlock, ConverseStreamCommandInput, Message, SystemContentBlock, Tool, ToolChoice } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockRequest, ContentPart } from '../model';

/** BedrockRequest → Converse/ConverseStream input (the two share one request shape). */
export function converseInput(req: BedrockRequest, modelId: string): ConverseStreamCommandInput {
  const input: ConverseStreamCommandInput = {
    modelId,
    messages: req.messages.map((m): Message => ({ role: m.role, content: m.content.map(block) })),
  };
  if (req.system) {
    input.system = [{ text: req.system } as SystemContentBlock];
    if (req.cacheSystemPrompt) input.system.push({ cachePoint: { type: 'default' } } as SystemContentBlock);
  }
  const p = { ...req.params };
  // Claude refuses a thinking budget that is not below max_tokens: leave room for the answer after it
  const budget = thinkingBudget(req, modelId);
  if (budget !== undefined && (p.maxTokens ?? 0) <= budget) p.maxTokens = budget + THINKING_ANSWER_ROOM;
  if (Object.values(p).some(v => v !== undefined)) {
    input.inferenceConfig = { maxTokens: p.maxTokens, temperature: p.temperature, topP: p.topP, stopSequences: p.stopSequences };
  }
  if (req.tools?.length) {
    input.toolConfig = {
      tools: req.tools.map((t): Tool => ({ toolSpec: { name: t.name, description: t.description, inputSchema: { json: t.inputSchema as never } } })),
      ...(toolChoice(req.toolChoice) ? { toolChoice: toolChoice(req.toolChoice) } : {}),
    };
  }
  if (req.guardrail) {
    // trace on: without it an intervention arrives with no reason to show
    input.guardrailConfig = { guardrailIdentifier: req.guardrail.id, guardrailVersion: req.guardrail.version, trace: 'enabled' };
  }
  if (req.serviceTier) input.serviceTier = { type: req.serviceTier };
  const extra = reasoningFields(req, modelId);
  if (extra) input.additionalModelRequestFields = extra as never;
  return input;
}

function toolChoice(c: BedrockRequest['toolChoice']): ToolChoice | undefined {
  if (!c || c === 'none') return undefined;
  if (c === 'auto') return { auto: {} };
  if (c === 'any') return { any: {} };
  return { tool: { name: c.name } };
}

/** Tokens left for the answer when max_tokens has to be raised above a thinking budget. */
const THINKING_ANSWER_ROOM = 4096;

function thinkingBudget(req: BedrockRequest, modelId: string): number | undefined {
  return req.reasoning && /anthropic\.claude/.test(modelId) ? req.reasoning.budgetTokens ?? 2048 : undefined;
}

/** Extended thinking is a model-native field under Converse: Claude takes `thinking`, Nova 2 `reasoningConfig`. */
function reasoningFields(req: BedrockRequest, modelId: string): Record<string, unknown> | undefined {
  const r = req.reasoning;
  if (!r) return undefined;
  const budget = thinkingBudget(req, modelId);
  if (budget !== undefined) return { thinking: { type: 'enabled', budget_tokens: budget } };
  if (/amazon\.nova/.test(modelId)) return { reasoningConfig: { type: 'enabled', maxReasoningEffort: r.effort ?? 'medium' } };
  if (/openai\./.test(modelId)) return { reasoning_effort: r.effort ?? 'medium' };
  return undefined;
}

function block(p: ContentPart): ContentBlock {
  switch (p.type) {
    case 'text': return { text: p.text };
    case 'image': return { image: { format: p.format, source: { bytes: p.data } } };
    case 'document': return { document: { format: p.format, name: p.name, source: { bytes: p.data } } };
    case 'tool-call': return { toolUse: { toolUseId: p.id, name: p.name, input: p.input as never } };
    case 'tool-result': return { toolResult: { toolUseId: p.id, content: [{ text: p.content }], status: p.isError ? 'error' : 'success' } };
    case 'cache-point': return { cachePoint: { type: 'default' } };
  }
}
