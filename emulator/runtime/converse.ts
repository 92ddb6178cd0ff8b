import { pacing, type Call } from '../context';
import { eventFrame } from '../eventstream';
import { BLOCKED_MESSAGE } from '../guardrails';
import { argumentFragments, produceReply } from '../produce';
import type { ApiStyle, ShapedReply } from '../replyGenerator';
import { EventSink } from '../stream';
import { converseReplyRequest } from './converseRequest';
import { conversePrefix } from '../promptCache';
import { requireModel } from './modelGate';
import { converseExtras, echoedMembers, guardrailTrace, type RequestExtras } from './requestExtras';
import { eventStreamDialect } from './streamDialects';

const REASONING_SIGNATURE = 'ZW11bGF0b3Itc2lnbmF0dXJl';

function usage(r: ShapedReply): Record<string, number> {
  const read = r.cacheReadTokens ?? 0;
  const write = r.cacheWriteTokens ?? 0;
  return { inputTokens: r.inputTokens, outputTokens: r.outputTokens, totalTokens: r.inputTokens + r.outputTokens + read + write, cacheReadInputTokens: read, cacheWriteInputTokens: write };
}

interface Prepared { reply: ShapedReply; stopReason: string; extras: RequestExtras }

/** Parses the request, applies a guardrail if one is configured, and produces the answer. */
async function prepare(call: Call, api: ApiStyle): Promise<Prepared> {
  const { model } = requireModel(call, 'converse');
  const body: unknown = JSON.parse(call.ex.body.toString('utf8') || '{}');
  const request = converseReplyRequest(body, model.id, api);
  const extras = converseExtras(body, request.lastUserText, call.ctx.region);
  const blocked = extras.guardrail?.verdict.blocked === true;
  const produced = await produceReply(call, request, 'tooluse_', blocked ? BLOCKED_MESSAGE : undefined);
  const reply = blocked ? produced : call.ctx.promptCache.apply(model.id, conversePrefix(body), produced);
  return { reply, extras, stopReason: blocked ? 'guardrail_intervened' : reply.stopReason };
}

/** `POST /model/{modelId}/converse` */
export async function converse(call: Call): Promise<void> {
  const started = Date.now();
  const { reply, extras, stopReason } = await prepare(call, 'converse');
  const trace = guardrailTrace(extras.guardrail);
  const content: Array<Record<string, unknown>> = [];
  if (reply.reasoning) content.push({ reasoningContent: { reasoningText: { text: reply.reasoning, signature: REASONING_SIGNATURE } } });
  if (reply.text) content.push({ text: reply.text });
  for (const c of reply.toolCalls) content.push({ toolUse: { toolUseId: c.id, name: c.name, input: c.input } });
  call.ex.json(200, {
    output: { message: { role: 'assistant', content } },
    stopReason,
    usage: usage(reply),
    metrics: { latencyMs: Date.now() - started + 1 },
    ...(trace ? { trace } : {}),
    ...echoedMembers(extras),
  });
}

/** `POST /model/{modelId}/converse-stream`: the ConverseStream event sequence, one text delta per token. */
export async function converseStream(call: Call): Promise<void> {
  const started = Date.now();
  const { reply, extras, stopReason } = await prepare(call, 'converse-stream');
  const trace = guardrailTrace(extras.guardrail);
  const sink = new EventSink(call.ex, call.faults, eventStreamDialect, pacing(call));
  await sink.open();
  const send = (type: string, payload: Record<string, unknown>, tokens = 0): Promise<boolean> => sink.event(eventFrame(type, payload), tokens);
  if (!await send('messageStart', { role: 'assistant' })) return;
  let index = 0;
  if (reply.reasoningPieces.length) {
    for (const piece of reply.reasoningPieces) {
      if (!await send('contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { text: piece } } }, 1)) return;
    }
    if (!await send('contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { signature: REASONING_SIGNATURE } } })) return;
    if (!await send('contentBlockStop', { contentBlockIndex: index })) return;
    index++;
  }
  if (reply.textPieces.length) {
    for (const piece of reply.textPieces) {
      if (!await send('contentBlockDelta', { contentBlockIndex: index, delta: { text: piece } }, 1)) return;
    }
    if (!await send('contentBlockStop', { contentBlockIndex: index })) return;
    index++;
  }
  for (const c of reply.toolCalls) {
    if (!await send('contentBlockStart', { contentBlockIndex: index, start: { toolUse: { toolUseId: c.id, name: c.name } } })) return;
    for (const input of argumentFragments(c.arguments)) {
      if (!await send('contentBlockDelta', { contentBlockIndex: index, delta: { toolUse: { input } } }, 1)) return;
    }
    if (!await send('contentBlockStop', { contentBlockIndex: index })) return;
    index++;
  }
  if (!await send('messageStop', { stopReason })) return;
  if (!await send('metadata', { usage: usage(reply), metrics: { latencyMs: Date.now() - started + 1 }, ...(trace ? { trace } : {}), ...echoedMembers(extras) })) return;
  await sink.close();
}
