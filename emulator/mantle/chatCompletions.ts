import type { Call } from '../context';
import { pacing } from '../context';
import { produceReply, asRecord } from '../produce';
import { chatCompletion, chatCompletionChunks, openAiChatRequest } from '../runtime/chatFormats';
import { EventSink } from '../stream';
import { requireCompatModel } from './modelCheck';
import { chatCompletionsDialect, dataLine } from './sse';

/** `POST /v1/chat/completions` and `/openai/v1/chat/completions`: JSON, or SSE ending `data: [DONE]`. */
export async function chatCompletions(call: Call): Promise<void> {
  const body = asRecord(JSON.parse(call.ex.body.toString('utf8') || '{}'));
  const model = requireCompatModel(call, body.model, '/v1/chat/completions');
  const reply = await produceReply(call, openAiChatRequest(body, model, 'chat.completions'), 'call_');
  if (body.stream !== true) {
    call.ex.json(200, chatCompletion(reply, model));
    return;
  }
  const includeUsage = asRecord(body.stream_options).include_usage === true;
  const sink = new EventSink(call.ex, call.faults, chatCompletionsDialect, pacing(call));
  await sink.open({ 'cache-control': 'no-cache' });
  for (const chunk of chatCompletionChunks(reply, model, includeUsage)) {
    if (!await sink.event(dataLine(chunk.payload), chunk.tokens)) return;
  }
  if (!await sink.event('data: [DONE]\n\n')) return;
  await sink.close();
}
