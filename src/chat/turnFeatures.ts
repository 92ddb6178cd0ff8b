/**
 * What a conversation's reasoning and prompt-caching choices add to a chat request, and how the chat names them.
 * Pure (no vscode): the model table lives in the service (catalogue/modelFeatures); this file only applies it.
 */
import { REASONING_EFFORTS, reasoningControl, reasoningFor, supportsPromptCaching } from '../service/catalogue/modelFeatures';
import type { BedrockRequest, ChatMessage, ReasoningOptions } from '../service/model';
import { API_STYLE_LABELS } from '../service/model';
import { estimateTokens } from '../service/tokens/estimate';
import type { Selection, SelectionView } from './protocol';

export { REASONING_EFFORTS };

/** Prompt caching is on by default where the model takes cache points; a conversation can turn it off. */
export function cachingOn(selection: Selection): boolean {
  return selection.promptCache !== false && supportsPromptCaching(selection.model, selection.apiStyle);
}

/**
 * The request's reasoning and cache points. Cache points go after the system prompt, after the earlier turns (the
 * end of the last reply) and, when the new message carries attached context, after it: the next turn then reads
 * the whole conversation so far from the cache instead of paying for it again. Three of Bedrock's four allowed.
 */
export function featureFields(selection: Selection, messages: ChatMessage[], newTurnHasContext: boolean): Pick<BedrockRequest, 'messages' | 'reasoning' | 'cacheSystemPrompt'> {
  const reasoning = reasoningFor(selection.model, selection.apiStyle, selection.reasoning);
  if (!cachingOn(selection)) return { messages, ...(reasoning ? { reasoning } : {}) };
  const marked = messages.map(m => ({ ...m, content: [...m.content] }));
  const last = marked.at(-1);
  if (last?.role === 'user') {
    const earlier = marked.at(-2);
    if (earlier) earlier.content.push({ type: 'cache-point' });
    if (newTurnHasContext) last.content.push({ type: 'cache-point' });
  }
  return { messages: marked, cacheSystemPrompt: true, ...(reasoning ? { reasoning } : {}) };
}

const number = (n: number) => n.toLocaleString('en-US');

/** The reasoning pill's text: the choice as the model takes it, "Reasoning off", or "No reasoning" (the model has none). */
export function reasoningLabel(selection: Selection): string {
  const control = reasoningControl(selection.model, selection.apiStyle);
  if (!control) return 'No reasoning';
  const r = reasoningFor(selection.model, selection.apiStyle, selection.reasoning);
  if (!r) return 'Reasoning off';
  return r.budgetTokens ? `Thinking ${number(r.budgetTokens)}` : `Effort ${r.effort}`;
}

/** The caching pill's text; undefined where the model or style has no cache points (the pill is hidden). */
export function cacheLabel(selection: Selection): string | undefined {
  if (!supportsPromptCaching(selection.model, selection.apiStyle)) return undefined;
  return selection.promptCache === false ? 'Cache off' : 'Cache on';
}

/** Why the next turn cannot run in the background (undefined: it can). Background mode is a mantle Responses feature. */
export function backgroundUnavailable(selection: Selection): string | undefined {
  if (selection.apiStyle !== 'responses' || selection.family !== 'mantle') {
    return `Background responses need ${API_STYLE_LABELS.responses} on bedrock-mantle; this chat uses ${API_STYLE_LABELS[selection.apiStyle]} on bedrock-${selection.family}.`;
  }
  if (selection.store === false) return 'Background responses are stored on the server until they finish; this chat keeps its turns off the server (store: false).';
  return undefined;
}

/** A reasoning choice as a command argument: 'off', `{ budgetTokens }` or `{ effort }`. */
export function isReasoningChoice(v: unknown): v is ReasoningOptions | 'off' {
  if (v === 'off') return true;
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  const keys = Object.keys(r);
  if (keys.length !== 1) return false;
  if (keys[0] === 'budgetTokens') return typeof r.budgetTokens === 'number' && Number.isInteger(r.budgetTokens) && r.budgetTokens >= 1024;
  return keys[0] === 'effort' && REASONING_EFFORTS.includes(r.effort as never);
}

/** The reasoning's token count as the wire reported it, or an estimate labelled as such. */
export function reasoningTokens(reasoning: string | undefined, reported: number | undefined): { count: number; estimated: boolean } | undefined {
  if (reported) return { count: reported, estimated: false };
  if (!reasoning) return undefined;
  return { count: estimateTokens([], reasoning), estimated: true };
}

/** The selection bar's reasoning, caching and background facts. */
export function featureView(selection: Selection): Pick<SelectionView, 'reasoningLabel' | 'cacheLabel' | 'backgroundUnavailable'> {
  const cache = cacheLabel(selection);
  const background = backgroundUnavailable(selection);
  return { reasoningLabel: reasoningLabel(selection), ...(cache ? { cacheLabel: cache } : {}), ...(background ? { backgroundUnavailable: background } : {}) };
}
