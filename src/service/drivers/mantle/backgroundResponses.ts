import type { Response } from 'openai/resources/responses/responses';
import type { ResolvedAuth } from '../../credentials/auth';
import { BedrockRequestError } from '../../errors';
import type { BedrockRequest, StreamEvent } from '../../model';
import { responseEvents } from '../../formats/responsesEvents';
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

/** Where a background response is kept: the mantle endpoint and credentials, plus the project it was billed to. */
export interface BackgroundTarget {
  region: string;
  endpoint: string;
  auth: ResolvedAuth;
  project?: string;
}

/** Queues a Responses request in background mode (mantle only) and returns at once with its id and first status. */
export async function startBackgroundResponse(req: BedrockRequest, ctx: BackgroundTarget & { signal?: AbortSignal }): Promise<Response> {
  const client = await openaiClient('mantle', ctx.endpoint, ctx.region, ctx.auth);
  const { stream: _stream, ...body } = responsesBody({ ...req, store: true });
  return client.responses.create({ ...body, stream: false, background: true }, { signal: ctx.signal, headers: projectHeaders(req.project) });
}

/**
 * Polls a background response until it ends, reporting each status, and yields its result as the usual events.
 * Aborting only stops watching (the job keeps running on the server, so a reloaded window can pick it up again);
 * cancelling the job is `cancelBackgroundResponse`.
 */
export async function* pollBackgroundResponse(id: string, ctx: Omit<BackgroundContext, 'endpoint' | 'region' | 'auth'> & BackgroundTarget): AsyncGenerator<StreamEvent> {
  const client = await openaiClient('mantle', ctx.endpoint, ctx.region, ctx.auth);
  const headers = projectHeaders(ctx.project);
  let r = await client.responses.retrieve(id, {}, { signal: ctx.signal, headers });
  ctx.onStatus?.(r.status, r.id);
  while (!TERMINAL.has(r.status ?? '')) {
    await delay(ctx.pollMs ?? 1000, ctx.signal);
    r = await client.responses.retrieve(id, {}, { signal: ctx.signal, headers });
    ctx.onStatus?.(r.status, r.id);
  }
  yield* resultEvents(r);
}

/** Cancels a queued or running background response on the server; returns the status it ends in. */
export async function cancelBackgroundResponse(id: string, ctx: BackgroundTarget): Promise<Response['status']> {
  const client = await openaiClient('mantle', ctx.endpoint, ctx.region, ctx.auth);
  const r = await client.responses.cancel(id, { headers: projectHeaders(ctx.project) });
  return r.status;
}

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
  yield* resultEvents(r);
}

/** A finished background response as events: failed → an error, cancelled → stop, else its output and usage. */
function* resultEvents(r: Response): Generator<StreamEvent> {
  if (r.status === 'failed') {
    throw new BedrockRequestError({ kind: 'server', message: `The background response failed: ${r.error?.message ?? 'no reason given'}.`, detail: JSON.stringify(r.error), retryable: true, action: { kind: 'retry' } });
  }
  if (r.status === 'cancelled') {
    yield { type: 'stop', reason: 'aborted' };
    return;
  }
  yield* responseEvents(r);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(Object.assign(new Error('aborted'), { name: 'AbortError' })); };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
