import type { BedrockService } from '../service/bedrockService';
import type { BedrockError } from '../service/errors';
import { describeReport } from '../service/guardrails/describe';
import { guardrailApplies } from '../service/guardrails/support';
import type { BedrockRequest, ChatMessage, ContentPart, StreamEvent, ToolSpec } from '../service/model';
import { costOf, type PriceFound } from '../service/pricing/pricing';
import { DEFAULT_PROJECT_ID, projectCarrier } from '../service/control/projects';
import { chainId, Conversation, forgetChain, keepsStateOnServer, messageView, StoredMessage } from './conversation';
import type { ErrorView, HostMessage, Selection } from './protocol';
import { DeltaPacer } from '../webviewKit/host/streamTiming';
import { featureFields, reasoningTokens } from './turnFeatures';
import { assistantTurns } from './tools/toolTurns';

/** The one line a reply carries when its chain was refused and the whole conversation was sent instead. */
export const STALE_CHAIN_NOTE = 'Bedrock no longer held this conversation, so it was sent again in full.';
/** How often a streaming reply is written to workspace storage, so a reload loses at most this much. */
export const SAVE_INTERVAL_MS = 1000;

export interface TurnDeps {
  service: Pick<BedrockService, 'stream'>;
  post(message: HostMessage): void;
  save(): Promise<void>;
  errorView(e: BedrockError): ErrorView;
  /** The price of a model in the current region (table or override); undefined when none is known. */
  priceFor?(model: string): PriceFound | undefined;
  now?: () => number;
  /** The tools the model may call in this turn (see tools/chatTools); none: the request declares no tools. */
  tools?: ToolSpec[];
}

/** Prices the reply's usage and adds it to what the conversation's earlier replies cost. */
export function priceReply(conv: Conversation, reply: StoredMessage, model: string, priceFor: TurnDeps['priceFor']): void {
  if (!reply.usage || !priceFor) return;
  const found = priceFor(model);
  if (!found) {
    reply.cost = 'unpriced';
    return;
  }
  const amount = costOf(reply.usage, found.price);
  let earlier = 0;
  for (const m of conv.messages) {
    if (m === reply) break;
    if (m.cost && m.cost !== 'unpriced') earlier += m.cost.amount;
  }
  reply.cost = { amount, conversation: earlier + amount, currency: found.currency, from: found.from };
}

/** The conversation as the model sees it: stored messages → request messages (errored, empty replies skipped). */
export function requestMessages(messages: StoredMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const m of withoutBlockedTurns(messages)) {
    if (m.role === 'user') {
      const content: ContentPart[] = [{ type: 'text', text: m.sentText ?? m.text }];
      for (const img of m.images ?? []) content.push({ type: 'image', format: img.format, data: Buffer.from(img.base64, 'base64') });
      out.push({ role: 'user', content });
    } else {
      out.push(...assistantTurns(m));
    }
  }
  // Bedrock requires alternating turns: a user turn whose reply failed merges with the next user turn.
  return out.reduce<ChatMessage[]>((acc, m) => {
    const prev = acc.at(-1);
    if (prev && prev.role === m.role) prev.content.push(...m.content);
    else acc.push({ role: m.role, content: [...m.content] });
    return acc;
  }, []);
}

/**
 * A turn a guardrail blocked (the user's message and the guardrail's canned answer) is left out of later requests:
 * sent again, it would trip the guardrail on every following turn and the conversation could not go on.
 */
export function withoutBlockedTurns(messages: StoredMessage[]): StoredMessage[] {
  const out: StoredMessage[] = [];
  let users: StoredMessage[] = [];
  for (const m of messages) {
    if (m.role === 'user') { users.push(m); continue; }
    if (m.stopReason !== 'guardrail_intervened') out.push(...users, m);
    users = [];
  }
  return [...out, ...users];
}

/** The project header's value, where this style and family carry one (the default project needs no header). */
export function projectOf(selection: Selection): Pick<BedrockRequest, 'project'> {
  const id = selection.project?.id;
  return id && id !== DEFAULT_PROJECT_ID && projectCarrier(selection.apiStyle, selection.family) ? { project: id } : {};
}

/** The request for the reply that follows `history`: its messages, chain, guardrail, tier, project, reasoning and cache points. */
export function turnRequest(history: StoredMessage[], selection: Selection, system: string | undefined): BedrockRequest {
  const keep = keepsStateOnServer(selection);
  const newTurn = history.at(-1);
  const hasContext = newTurn?.role === 'user' && (newTurn.sentText !== undefined && newTurn.sentText !== newTurn.text || !!newTurn.images?.length);
  return {
    model: selection.model, apiStyle: selection.apiStyle, family: selection.family,
    ...featureFields(selection, requestMessages(history), hasContext),
    ...(system ? { system } : {}),
    ...(selection.apiStyle === 'responses' ? { store: keep, ...(keep ? { previousResponseId: chainId(history) } : {}) } : {}),
    ...(selection.guardrail && guardrailApplies(selection.apiStyle, selection.family) ? { guardrail: { id: selection.guardrail.id, version: selection.guardrail.version } } : {}),
    ...(selection.serviceTier ? { serviceTier: selection.serviceTier } : {}),
    ...projectOf(selection),
  };
}

/**
 * Streams one assistant reply into a conversation: forwards deltas to the webview in batches paced by DeltaPacer,
 * keeps the stored message current (saved every second, so a reload keeps what arrived), records usage, time to first
 * token and tokens/s, and keeps partial text when the reply stops or fails.
 */
export async function runTurn(conv: Conversation, reply: StoredMessage, selection: Selection, system: string | undefined, signal: AbortSignal, deps: TurnDeps): Promise<void> {
  const now = deps.now ?? Date.now;
  const started = now();
  let firstToken: number | undefined;
  const history = conv.messages.slice(0, conv.messages.indexOf(reply));
  const request: BedrockRequest = { ...turnRequest(history, selection, system), ...(deps.tools?.length ? { tools: deps.tools, toolChoice: 'auto' as const } : {}) };

  let pending: Extract<HostMessage, { type: 'delta' }> | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let lastSave = started;
  const pacer = new DeltaPacer();
  const flush = () => {
    flushTimer = undefined;
    if (pending) {
      deps.post(pending);
      pacer.sent((pending.text?.length ?? 0) + (pending.reasoning?.length ?? 0));
    }
    pending = undefined;
  };
  const queue = (d: Omit<Extract<HostMessage, { type: 'delta' }>, 'type' | 'id'>) => {
    pending ??= { type: 'delta', id: reply.id };
    if (d.text) pending.text = (pending.text ?? '') + d.text;
    if (d.reasoning) pending.reasoning = (pending.reasoning ?? '') + d.reasoning;
    if (d.tools) pending.tools = [...(pending.tools ?? []), ...d.tools];
    flushTimer ??= setTimeout(flush, pacer.delayMs);
  };
  const tools = new Map<string, { id: string; name: string; arguments: string }>();
  let outputTokens = 0;

  const handle = (e: StreamEvent) => {
    switch (e.type) {
      case 'text':
        firstToken ??= now();
        reply.text += e.text;
        queue({ text: e.text });
        break;
      case 'reasoning':
        firstToken ??= now();
        reply.reasoning = (reply.reasoning ?? '') + e.text;
        queue({ reasoning: e.text });
        break;
      case 'tool-call-start':
        tools.set(e.id, { id: e.id, name: e.name, arguments: '' });
        queue({ tools: [{ id: e.id, name: e.name }] });
        break;
      case 'tool-call-delta': {
        const t = tools.get(e.id);
        if (t) t.arguments += e.argumentsDelta;
        queue({ tools: [{ id: e.id, argumentsDelta: e.argumentsDelta }] });
        break;
      }
      case 'tool-call-end': {
        const t = tools.get(e.id);
        if (t && !t.arguments) t.arguments = JSON.stringify(e.input);
        break;
      }
      case 'usage':
        reply.usage = e.usage;
        outputTokens = e.usage.outputTokens;
        break;
      case 'stop':
        reply.stopReason = e.reason;
        break;
      case 'response-id':
        reply.responseId = e.id;
        break;
      case 'guardrail':
        if (e.report.intervened) reply.guardrail = describeReport(e.report, selection.guardrail?.name);
        break;
      case 'service-tier':
        reply.serviceTier = e.tier;
        break;
      case 'error':
        reply.error = deps.errorView(e.error);
        break;
    }
  };

  /** Streams one request; false when the server refused the chained id before anything arrived. */
  const attempt = async (req: BedrockRequest): Promise<boolean> => {
    for await (const e of deps.service.stream(req, signal)) {
      if (e.type === 'error' && e.error.kind === 'stale-response-id' && req.previousResponseId && !reply.text && !tools.size) return false;
      handle(e);
      if (now() - lastSave >= SAVE_INTERVAL_MS) {
        lastSave = now();
        void deps.save();
      }
    }
    return true;
  };

  try {
    if (!await attempt(request)) {
      // The server no longer holds the chain (expired, deleted, another region or account): send the whole history
      // once instead, and forget the old ids so Retry and later turns chain on this reply, not on the stale one.
      forgetChain(history);
      reply.note = STALE_CHAIN_NOTE;
      const { previousResponseId: _stale, ...full } = request;
      await attempt(full);
    }
  } finally {
    if (flushTimer) clearTimeout(flushTimer);
    flush();
    const end = now();
    reply.streaming = false;
    if (tools.size) reply.toolCalls = [...tools.values()];
    const genMs = firstToken !== undefined ? end - firstToken : 0;
    reply.metrics = {
      totalMs: end - started,
      ...(firstToken !== undefined ? { ttftMs: firstToken - started } : {}),
      ...(outputTokens && genMs > 0 ? { tokensPerSecond: Math.round((outputTokens / genMs) * 1000 * 10) / 10 } : {}),
    };
    const thought = reasoningTokens(reply.reasoning, reply.usage?.reasoningTokens);
    if (thought) reply.reasoningTokens = thought;
    priceReply(conv, reply, selection.model, deps.priceFor);
    conv.updatedAt = end;
    await deps.save();
    deps.post({ type: 'messageEnd', message: messageView(reply) });
  }
}
