import { randomBytes } from 'node:crypto';
import type { Call } from '../context';
import { pacing } from '../context';
import { EmulatorError } from '../errors';
import { argumentFragments, asArray, asRecord, asString, conversation, produceReply } from '../produce';
import type { PromptTurn, ReplyRequest, ShapedReply, ToolDefinition } from '../replyGenerator';
import { EventSink } from '../stream';
import { requireCompatModel } from './modelCheck';
import type { StoredResponse } from './responsesStore';
import { eventLine, responsesDialect } from './sse';

const SERVICE_TIERS = ['auto', 'default', 'flex', 'priority'];

const newId = (prefix: string): string => `${prefix}${randomBytes(24).toString('hex')}`;

function invalid(message: string, code: string | null = null, param?: string): EmulatorError {
  return new EmulatorError(400, 'ValidationException', message, { type: 'invalid_request_error', code, ...(param ? { param } : {}) });
}

/** Input items (string, messages, function calls and their outputs) as conversation turns. */
function inputTurns(input: unknown): PromptTurn[] {
  if (typeof input === 'string') return [{ role: 'user', text: input }];
  const turns: PromptTurn[] = [];
  for (const raw of asArray(input)) {
    const item = asRecord(raw);
    if (item.type === 'function_call_output') { turns.push({ role: 'tool', text: typeof item.output === 'string' ? item.output : JSON.stringify(item.output) }); continue; }
    if (item.type === 'function_call') { turns.push({ role: 'assistant', text: `${asString(item.name)}(${asString(item.arguments)})` }); continue; }
    if (item.type !== undefined && item.type !== 'message') continue;
    const text = typeof item.content === 'string' ? item.content : asArray(item.content).map(p => asString(asRecord(p).text)).join('\n');
    if (item.role === 'system' || item.role === 'developer') continue;
    if (text) turns.push({ role: item.role === 'assistant' ? 'assistant' : 'user', text });
  }
  return turns;
}

function systemOf(body: Record<string, unknown>): string {
  const parts = [asString(body.instructions)];
  for (const raw of asArray(body.input)) {
    const item = asRecord(raw);
    if (item.role === 'system' || item.role === 'developer') parts.push(typeof item.content === 'string' ? item.content : asArray(item.content).map(p => asString(asRecord(p).text)).join('\n'));
  }
  return parts.filter(Boolean).join('\n');
}

interface Items { reasoning?: Record<string, unknown>; message?: Record<string, unknown>; calls: Array<Record<string, unknown>> }

function outputItems(r: ShapedReply): Items {
  return {
    reasoning: r.reasoning ? { id: newId('rs_'), type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: r.reasoning }] } : undefined,
    message: r.text || !r.toolCalls.length
      ? { id: newId('msg_'), type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: r.text, annotations: [], logprobs: [] }] }
      : undefined,
    calls: r.toolCalls.map(c => ({ id: newId('fc_'), type: 'function_call', status: 'completed', arguments: c.arguments, call_id: c.id, name: c.name })),
  };
}

function flatten(items: Items): Array<Record<string, unknown>> {
  return [...(items.reasoning ? [items.reasoning] : []), ...(items.message ? [items.message] : []), ...items.calls];
}

function responseObject(id: string, body: Record<string, unknown>, model: string, status: string, output: Array<Record<string, unknown>>, r: ShapedReply | undefined, createdAt: number): Record<string, unknown> {
  const incomplete = r?.stopReason === 'max_tokens' && status === 'completed';
  return {
    id, object: 'response', created_at: createdAt,
    status: incomplete ? 'incomplete' : status,
    background: body.background === true,
    error: null,
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model, output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: asRecord(body.reasoning).effort ?? null, summary: null },
    // Bedrock's tier names; OpenAI's `auto` (and an absent field) is served at the default tier.
    service_tier: body.service_tier === 'flex' || body.service_tier === 'priority' ? body.service_tier : 'default',
    store: body.store !== false,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: 'disabled',
    usage: r && status === 'completed' ? {
      input_tokens: r.inputTokens, input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: r.outputTokens, output_tokens_details: { reasoning_tokens: r.reasoningPieces.length },
      total_tokens: r.inputTokens + r.outputTokens,
    } : null,
    user: null,
    metadata: body.metadata ?? {},
  };
}

/** `POST /v1/responses`: JSON, SSE, `previous_response_id` chains, `store`, `background`. */
export async function createResponse(call: Call): Promise<void> {
  const body = asRecord(JSON.parse(call.ex.body.toString('utf8') || '{}'));
  const model = requireCompatModel(call, body.model, '/v1/responses');
  if (body.input === undefined) throw invalid("Missing required parameter: 'input'.", 'missing_required_parameter');
  if (body.service_tier !== undefined && !SERVICE_TIERS.includes(asString(body.service_tier))) throw invalid(`Invalid value for 'service_tier': expected one of ${SERVICE_TIERS.join(', ')}.`, 'invalid_value');
  const store = body.store !== false;
  if (body.background === true && call.ex.family === 'runtime') throw invalid('Background mode is not supported on bedrock-runtime; use the bedrock-mantle endpoint.');
  if (body.background === true && !store) throw invalid('Background mode requires store=true.');
  let prior: StoredResponse | undefined;
  if (body.previous_response_id !== undefined && body.previous_response_id !== null) {
    prior = call.ctx.responses.get(asString(body.previous_response_id));
    // as OpenAI answers a chain it does not hold (expired, deleted, never stored): 400 naming the code and the parameter
    if (!prior) throw invalid(`Previous response with id '${asString(body.previous_response_id)}' not found.`, 'previous_response_not_found', 'previous_response_id');
  }
  const turns = [...(prior?.turns ?? []), ...inputTurns(body.input)];
  const tools: ToolDefinition[] = asArray(body.tools).map(t => { const r = asRecord(t); return { name: asString(r.name), description: asString(r.description), schema: r.parameters }; }).filter(t => t.name);
  const request: ReplyRequest = {
    api: 'responses', modelId: model, system: systemOf(body), tools,
    reasoning: typeof asRecord(body.reasoning).effort === 'string',
    maxTokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : undefined,
    ...conversation(turns),
  };
  const reply = await produceReply(call, request, 'call_');
  const id = newId('resp_');
  const createdAt = Math.floor(Date.now() / 1000);
  const items = outputItems(reply);
  const final = responseObject(id, body, model, 'completed', flatten(items), reply, createdAt);
  const answered: PromptTurn[] = [...turns, ...(reply.text ? [{ role: 'assistant' as const, text: reply.text }] : []), ...reply.toolCalls.map(c => ({ role: 'assistant' as const, text: `${c.name}(${c.arguments})` }))];
  if (store) call.ctx.responses.put({ id, response: final, turns: answered, system: request.system });

  // A streamed background response streams as it is produced (and stays retrievable after).
  if (body.background === true && body.stream !== true) {
    const entry = call.ctx.responses.get(id);
    // queued for the first quarter of the job, in progress for the rest, then completed
    if (entry) {
      entry.startsAt = Date.now() + call.ctx.asyncJobDurationMs / 4;
      entry.readyAt = Date.now() + call.ctx.asyncJobDurationMs;
    }
    call.ex.json(200, responseObject(id, body, model, 'queued', [], undefined, createdAt));
    return;
  }
  if (body.stream !== true) {
    call.ex.json(200, final);
    return;
  }
  await streamResponse(call, body, model, id, createdAt, reply, items, final);
}

async function streamResponse(call: Call, body: Record<string, unknown>, model: string, id: string, createdAt: number, r: ShapedReply, items: Items, final: Record<string, unknown>): Promise<void> {
  let seq = 0;
  const sink = new EventSink(call.ex, call.faults, responsesDialect(() => seq), pacing(call));
  await sink.open({ 'cache-control': 'no-cache' });
  const send = (type: string, fields: Record<string, unknown>, tokens = 0): Promise<boolean> =>
    sink.event(eventLine(type, { type, sequence_number: seq++, ...fields }), tokens);
  const inProgress = responseObject(id, body, model, 'in_progress', [], undefined, createdAt);
  if (!await send('response.created', { response: inProgress })) return;
  if (!await send('response.in_progress', { response: inProgress })) return;
  let outputIndex = 0;
  if (items.reasoning) {
    const item = items.reasoning;
    const item_id = item.id;
    if (!await send('response.output_item.added', { output_index: outputIndex, item: { ...item, content: [] } })) return;
    if (!await send('response.content_part.added', { item_id, output_index: outputIndex, content_index: 0, part: { type: 'reasoning_text', text: '' } })) return;
    for (const delta of r.reasoningPieces) if (!await send('response.reasoning_text.delta', { item_id, output_index: outputIndex, content_index: 0, delta }, 1)) return;
    if (!await send('response.reasoning_text.done', { item_id, output_index: outputIndex, content_index: 0, text: r.reasoning })) return;
    if (!await send('response.content_part.done', { item_id, output_index: outputIndex, content_index: 0, part: { type: 'reasoning_text', text: r.reasoning } })) return;
    if (!await send('response.output_item.done', { output_index: outputIndex, item })) return;
    outputIndex++;
  }
  if (items.message) {
    const item = items.message;
    const item_id = item.id;
    if (!await send('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } })) return;
    if (!await send('response.content_part.added', { item_id, output_index: outputIndex, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } })) return;
    for (const delta of r.textPieces) if (!await send('response.output_text.delta', { item_id, output_index: outputIndex, content_index: 0, delta, logprobs: [] }, 1)) return;
    if (!await send('response.output_text.done', { item_id, output_index: outputIndex, content_index: 0, text: r.text, logprobs: [] })) return;
    if (!await send('response.content_part.done', { item_id, output_index: outputIndex, content_index: 0, part: { type: 'output_text', text: r.text, annotations: [], logprobs: [] } })) return;
    if (!await send('response.output_item.done', { output_index: outputIndex, item })) return;
    outputIndex++;
  }
  for (const item of items.calls) {
    const item_id = item.id;
    if (!await send('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress', arguments: '' } })) return;
    for (const delta of argumentFragments(String(item.arguments))) {
      if (!await send('response.function_call_arguments.delta', { item_id, output_index: outputIndex, delta }, 1)) return;
    }
    if (!await send('response.function_call_arguments.done', { item_id, output_index: outputIndex, name: item.name, arguments: item.arguments })) return;
    if (!await send('response.output_item.done', { output_index: outputIndex, item })) return;
    outputIndex++;
  }
  const terminal = final.status === 'incomplete' ? 'response.incomplete' : 'response.completed';
  if (!await send(terminal, { response: final })) return;
  await sink.close();
}

function stored(call: Call): StoredResponse {
  const entry = call.ctx.responses.get(call.params.id);
  if (!entry) {
    throw new EmulatorError(404, 'ResourceNotFoundException', `Response with id '${call.params.id}' not found.`, { type: 'invalid_request_error', code: null }, 'not_found_error');
  }
  return entry;
}

/** What a poll sees: background responses are queued until `startsAt`, then in progress until `readyAt`. */
function current(entry: StoredResponse): Record<string, unknown> {
  if (entry.cancelled) return { ...entry.response, status: 'cancelled', output: [], usage: null };
  if (entry.startsAt !== undefined && Date.now() < entry.startsAt) return { ...entry.response, status: 'queued', output: [], usage: null };
  if (entry.readyAt !== undefined && Date.now() < entry.readyAt) return { ...entry.response, status: 'in_progress', output: [], usage: null };
  return entry.response;
}

/** `GET /v1/responses/{id}` */
export async function retrieveResponse(call: Call): Promise<void> {
  call.ex.json(200, current(stored(call)));
}

/** `POST /v1/responses/{id}/cancel`: only an unfinished background response can be cancelled. */
export async function cancelResponse(call: Call): Promise<void> {
  const entry = stored(call);
  if (entry.readyAt === undefined) throw invalid('Only background responses can be cancelled.');
  if (Date.now() < entry.readyAt) entry.cancelled = true;
  call.ex.json(200, current(entry));
}

/** `DELETE /v1/responses/{id}` */
export async function deleteResponse(call: Call): Promise<void> {
  stored(call);
  call.ctx.responses.delete(call.params.id);
  call.ex.json(200, { id: call.params.id, object: 'response.deleted', deleted: true });
}
