/**
 * What a model can be asked for beyond text, decided in one place from its id and the API style: which reasoning
 * control it takes (a thinking budget or an effort level, and in which wire field the service puts it) and whether
 * it takes prompt-cache points. Pure: front ends read it to offer only what the model supports.
 */
import type { ApiStyle, ReasoningOptions } from '../model';
import { isArn, stripProfilePrefix } from '../modelIds';

export type ReasoningEffort = NonNullable<ReasoningOptions['effort']>;
export const REASONING_EFFORTS: readonly ReasoningEffort[] = ['low', 'medium', 'high'];
/** Claude's thinking budgets offered in the chat (Anthropic's minimum is 1,024). */
export const THINKING_BUDGETS: readonly number[] = [1024, 4096, 16384];

export type ReasoningControl =
  /** Claude extended thinking: Converse `additionalModelRequestFields.thinking`, Messages `thinking.budget_tokens`. */
  | { kind: 'budget'; label: string }
  /** gpt-oss `reasoning_effort` (Chat Completions, Converse) / `reasoning.effort` (Responses); Nova 2 `reasoningConfig`. */
  | { kind: 'effort'; label: string };

interface ReasoningRow { model: RegExp; styles: readonly ApiStyle[]; control: ReasoningControl }

const CONVERSE: readonly ApiStyle[] = ['converse', 'converse-stream'];

/**
 * The one table of reasoning controls. Models not listed have none (Nova 1, Llama, Mistral, Titan…). Claude's fixed
 * thinking budget exists on 3.7 Sonnet and the 4.x models up to 4.6; 4.7 and later refuse it (they think
 * adaptively), so they are left out rather than sent a field they reject.
 */
const REASONING: readonly ReasoningRow[] = [
  { model: /^anthropic\.claude-(3-7-sonnet|haiku-4-5|(sonnet|opus)-4(-[1-6])?(-\d{8}|-v\d|$))/, styles: [...CONVERSE, 'messages'], control: { kind: 'budget', label: 'Extended thinking' } },
  { model: /^openai\.gpt-oss-/, styles: [...CONVERSE, 'chat-completions', 'responses'], control: { kind: 'effort', label: 'Reasoning effort' } },
  { model: /^amazon\.nova-2-lite/, styles: CONVERSE, control: { kind: 'effort', label: 'Reasoning effort' } },
];

/**
 * The one table of prompt caching (Bedrock: Claude and Nova). Converse takes `cachePoint` blocks, Messages
 * `cache_control`; the OpenAI styles (Responses, Chat Completions) have no cache point to send.
 */
const CACHING: readonly { model: RegExp; styles: readonly ApiStyle[] }[] = [
  { model: /^anthropic\.claude-(3-5-haiku|3-7-sonnet|(sonnet|opus|haiku)-4)/, styles: [...CONVERSE, 'messages'] },
  { model: /^amazon\.nova-(micro|lite|pro|premier|2-lite)/, styles: CONVERSE },
];

function bare(model: string): string | undefined {
  // an application profile's ARN does not say which model it routes to
  return isArn(model) ? undefined : stripProfilePrefix(model);
}

export function reasoningControl(model: string, style: ApiStyle): ReasoningControl | undefined {
  const id = bare(model);
  return id ? REASONING.find(r => r.model.test(id) && r.styles.includes(style))?.control : undefined;
}

/** Why no reasoning control is offered, in one sentence (for the picker). */
export function noReasoningReason(model: string, style: ApiStyle): string {
  const id = bare(model);
  const elsewhere = id && REASONING.find(r => r.model.test(id));
  return elsewhere
    ? `${model} takes a reasoning setting only on ${elsewhere.styles.join(', ')}, not on ${style}.`
    : `${model} has no reasoning setting on Bedrock.`;
}

export function supportsPromptCaching(model: string, style: ApiStyle): boolean {
  const id = bare(model);
  return !!id && CACHING.some(r => r.model.test(id) && r.styles.includes(style));
}

/** The conversation's stored choice as this model and style can take it; undefined when it does not fit. */
export function reasoningFor(model: string, style: ApiStyle, choice: ReasoningOptions | undefined): ReasoningOptions | undefined {
  const control = reasoningControl(model, style);
  if (!control || !choice) return undefined;
  if (control.kind === 'budget' && choice.budgetTokens) return { budgetTokens: choice.budgetTokens };
  if (control.kind === 'effort' && choice.effort) return { effort: choice.effort };
  return undefined;
}
