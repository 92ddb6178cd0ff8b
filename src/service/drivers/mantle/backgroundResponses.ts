import type { Response } from 'openai/resources/responses/responses';
import type { ResolvedAuth } from '../../credentials/auth';
import { BedrockRequestError } from '../../errors';
import type { BedrockRequest, StreamEvent } from '../../model';
import { finalEvents } from '../../formats/responsesEvents';
import { openaiClient, projectHeaders } from './openaiClient';
import { responsesBody } from '../../formats/responsesRequest';

export interface BackgroundContext {
  region: string;
  /** The bedrock-mantle endpoint: background mode exists only there. */
  endpoint: string;
  auth: ResolvedAuth;
  signal: AbortSignal;
  /** How long to wait between polls (the server keeps the job; polling is cheap). */
  pollMs?: number;
  onStatus?(status: Response['status'], id: string): void;
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled', 'incomplete']);

/**
 * A Responses request run in background mode (mantle only): the server queues it and returns at once; we poll
 * `GET /v1/responses/{id}` until it ends, reporting each status, and cancel it on the server when the caller
 * aborts. The result arrives as the usual events, so front ends treat it like any reply.
 */
export async function* backgroundResponse(req: BedrockRequest, ctx: BackgroundContext): AsyncGenerator<StreamEvent> {
  const client = await openaiClient('mantle', ctx.endpoint, ctx.region, ctx.auth);
  const headers = projectHeaders(req.project);
  const { stream: _stream, ...body } = responsesBody({ ...req, store: true });
  let r = await client.responses.create({ ...body, stream: false, background: true }, { signal: ctx.signal, headers });
  yield { type: 'response-id', id: r.id };
  ctx.onStatus?.(r.status, r.id);
  try {
    while (!TERMINAL.has(r.status ?? '')) {
      await delay(ctx.pollMs ?? 1000, ctx.signal);
      r = await client.responses.retrieve(r.id, {}, { signal: ctx.signal, headers });
      ctx.onStatus?.(r.status, r.id);
    }
  } catch (e) {
    if (ctx.signal.aborted) {
      // the job would otherwise keep running (and billing) on the server
      await client.responses.cancel(r.id, { headers }).catch(() => undefined);
      ctx.onStatus?.('cancelled', r.id);
    }
    throw e;
  }
  if (r.status === 'failed') {
    throw new BedrockRequestError({ kind: 'server', message: `The background response failed: ${r.error?.message ?? 'no reason given'}.`, detail: JSON.stringify(r.error), retryable: true, action: { kind: 'retry' } });
  }
  if (r.status === 'cancelled') {
    yield { type: 'stop', reason: 'aborted' };
    return;
  }
  for (const item of r.output ?? []) {
    if (item.type === 'message') {
      for (const c of item.content) if (c.type === 'output_text') yield { type: 'text', text: c.text };
    } else if (item.type === 'function_call') {
      yield { type: 'tool-call-start', id: item.call_id, name: item.name };
      yield { type: 'tool-call-end', id: item.call_id, input: JSON.parse(item.arguments || '{}') };
    }
  }
  yield* finalEvents(r);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(Object.assign(new Error('aborted'), { name: 'AbortError' })); };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
