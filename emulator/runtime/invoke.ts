import { pacing, type Call } from '../context';
import { errors } from '../errors';
import { eventFrame } from '../eventstream';
import { BLOCKED_MESSAGE, GUARDRAIL_ID } from '../guardrails';
import { asRecord, produceReply } from '../produce';
import { EventSink } from '../stream';
import { CHAT_FORMATS, mistralChatChunks, mistralResponse, type ChatFormatName, type Metrics, type NativeChunk } from './chatFormats';
import { requireModel } from './modelGate';
import { cohereEmbed, cohereRerank, novaCanvas, titanEmbed } from './nonChatFormats';
import { echoedHeaders, invokeExtras, type RequestExtras } from './requestExtras';
import { eventStreamDialect } from './streamDialects';

const NON_CHAT = { 'titan-embed': titanEmbed, 'cohere-embed': cohereEmbed, 'cohere-rerank': cohereRerank, 'nova-canvas': novaCanvas } as const;

function parseBody(call: Call): unknown {
  try {
    return JSON.parse(call.ex.body.toString('utf8'));
  } catch {
    throw errors.malformedBody();
  }
}

function idPrefix(format: string): string {
  return format === 'anthropic' ? 'toolu_bdrk_' : format === 'openai-chat' ? 'call_' : 'tooluse_';
}

function usageHeaders(input: number, output: number, latency: number): Record<string, string> {
  return {
    'x-amzn-bedrock-input-token-count': String(input),
    'x-amzn-bedrock-output-token-count': String(output),
    'x-amzn-bedrock-invocation-latency': String(latency),
  };
}

/** The members Bedrock adds to a guarded InvokeModel body (or last stream chunk) next to the model's own fields. */
function guardrailBodyMembers(extras: RequestExtras): Record<string, unknown> {
  const g = extras.guardrail;
  if (!g) return {};
  return {
    'amazon-bedrock-guardrailAction': g.verdict.intervened ? 'INTERVENED' : 'NONE',
    ...(g.trace ? { 'amazon-bedrock-trace': { guardrail: { input: { [GUARDRAIL_ID]: g.verdict.assessment } } } } : {}),
  };
}

/**
 * A guarded stream carries the guardrail's verdict (and trace) in its last chunk. One chunk of lookahead keeps the
 * chunks lazy: their metrics are read as they are sent.
 */
function* withLastChunk(chunks: Iterable<NativeChunk>, extra: Record<string, unknown>): Generator<NativeChunk> {
  let held: NativeChunk | undefined;
  for (const c of chunks) {
    if (held) yield held;
    held = c;
  }
  if (held) yield { ...held, payload: { ...held.payload, ...extra } };
}

/** `POST /model/{modelId}/invoke`: the model's native body in, its native body out. */
export async function invokeModel(call: Call): Promise<void> {
  const started = Date.now();
  const { model } = requireModel(call, 'invoke');
  const body = parseBody(call);
  if (model.invoke in NON_CHAT) {
    const out = NON_CHAT[model.invoke as keyof typeof NON_CHAT](body);
    call.ex.json(200, out.json, usageHeaders(out.inputTokens, out.outputTokens, Date.now() - started + 1));
    return;
  }
  const format = CHAT_FORMATS[model.invoke as ChatFormatName];
  const request = format.request(body, model.id, 'invoke');
  const extras = invokeExtras(call.ex.headers, request.lastUserText, call.ctx.region);
  const blocked = extras.guardrail?.verdict.blocked === true;
  const reply = await produceReply(call, request, idPrefix(model.invoke), blocked ? BLOCKED_MESSAGE : undefined);
  const json = model.invoke === 'mistral' ? mistralResponse(body, reply, model.id) : format.response(reply, model.id);
  // Bedrock marks a guarded InvokeModel body with these keys next to the model's own fields.
  Object.assign(json, guardrailBodyMembers(extras));
  call.ex.json(200, json, { ...usageHeaders(reply.inputTokens, reply.outputTokens, Date.now() - started + 1), ...echoedHeaders(extras) });
}

/** `POST /model/{modelId}/invoke-with-response-stream`: native chunks, base64 in `chunk` events. */
export async function invokeModelWithResponseStream(call: Call): Promise<void> {
  const started = Date.now();
  const { model } = requireModel(call, 'invoke-stream');
  if (model.invoke in NON_CHAT) throw errors.operationUnsupported(call.params.modelId, 'streaming');
  const body = parseBody(call);
  const format = CHAT_FORMATS[model.invoke as ChatFormatName];
  const request = format.request(body, model.id, 'invoke-stream');
  const extras = invokeExtras(call.ex.headers, request.lastUserText, call.ctx.region);
  const blocked = extras.guardrail?.verdict.blocked === true;
  const reply = await produceReply(call, request, idPrefix(model.invoke), blocked ? BLOCKED_MESSAGE : undefined);
  const sink = new EventSink(call.ex, call.faults, eventStreamDialect, pacing(call));
  await sink.open({ 'x-amzn-bedrock-content-type': 'application/json', ...echoedHeaders(extras) });
  let firstByte = 0;
  const metrics = (): Metrics => ({ inputTokenCount: reply.inputTokens, outputTokenCount: reply.outputTokens, invocationLatency: Date.now() - started + 1, firstByteLatency: firstByte });
  const chatStyleMistral = model.invoke === 'mistral' && Array.isArray(asRecord(body).messages);
  const chunks = withLastChunk(chatStyleMistral ? mistralChatChunks(reply, metrics) : format.chunks(reply, model.id, metrics), guardrailBodyMembers(extras));
  for (const chunk of chunks) {
    if (!firstByte) firstByte = Date.now() - started + 1;
    const bytes = Buffer.from(JSON.stringify(chunk.payload)).toString('base64');
    if (!await sink.event(eventFrame('chunk', { bytes }), chunk.tokens)) return;
  }
  await sink.close();
}
