import type { Call } from '../context';
import { pacing } from '../context';
import { EmulatorError } from '../errors';
import { asRecord, produceReply } from '../produce';
import { anthropicEvents, anthropicMessage, anthropicRequest } from '../runtime/chatFormats';
import { EventSink } from '../stream';
import { anthropicPrefix } from '../promptCache';
import { requireCompatModel } from './modelCheck';
import { anthropicDialect, eventLine } from './sse';

const invalid = (message: string): EmulatorError => new EmulatorError(400, 'ValidationException', message, { type: 'invalid_request_error', code: null }, 'invalid_request_error');

/** `POST /anthropic/v1/messages` on both families: a Message, or its SSE event sequence. */
export async function createMessage(call: Call): Promise<void> {
  if (!call.ex.headers['anthropic-version']) throw invalid('anthropic-version: header is required');
  const body = asRecord(JSON.parse(call.ex.body.toString('utf8') || '{}'));
  const model = requireCompatModel(call, body.model, '/v1/messages');
  if (typeof body.max_tokens !== 'number') throw invalid('max_tokens: Field required');
  const reply = call.ctx.promptCache.apply(model, anthropicPrefix(body), await produceReply(call, anthropicRequest(body, model, 'messages'), 'toolu_bdrk_'));
  if (body.stream !== true) {
    call.ex.json(200, anthropicMessage(reply, model, 'msg_bdrk_'));
    return;
  }
  const sink = new EventSink(call.ex, call.faults, anthropicDialect, pacing(call));
  await sink.open({ 'cache-control': 'no-cache' });
  let first = true;
  for (const chunk of anthropicEvents(reply, model, 'msg_bdrk_')) {
    if (!await sink.event(eventLine(String(chunk.payload.type), chunk.payload), chunk.tokens)) return;
    // The real API sends a keep-alive ping right after message_start; clients must ignore it.
    if (first && !await sink.event(eventLine('ping', { type: 'ping' }))) return;
    first = false;
  }
  await sink.close();
}
