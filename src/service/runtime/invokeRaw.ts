import type { ResponseStream } from '@aws-sdk/client-bedrock-runtime';
import type { Usage } from '../model';
import { sdks } from '../sdks';
import { headerUsage } from '../drivers/runtime/bodies/usage';
import { decodeChunk, withResponseHeaders } from '../drivers/runtime/invokeWire';
import { asRequestError, runtimeCall, runtimeClientFor, type RuntimeContext } from './context';

export interface RawInvokeOptions {
  /** InvokeModelWithResponseStream instead of InvokeModel. */
  stream?: boolean;
  /** Response MIME type (default application/json). */
  accept?: string;
  /** Request MIME type (default application/json). */
  contentType?: string;
  /** Overrides the context's signal for this call. */
  signal?: AbortSignal;
}

/** A body as received: the bytes, their text, and the parsed JSON when it is JSON. */
export interface RawPayload {
  raw: Uint8Array;
  text: string;
  json?: unknown;
}

export interface RawReply extends RawPayload {
  kind: 'reply';
  contentType?: string;
  /** From the `x-amzn-bedrock-*-token-count` headers. */
  usage?: Usage;
  /** Response headers, lower-case names. */
  headers: Record<string, string | undefined>;
}

export interface RawStream {
  kind: 'stream';
  contentType?: string;
  /** Decoded chunks as they arrive; errors thrown here are BedrockRequestErrors too. */
  chunks: AsyncIterable<RawPayload>;
}

/**
 * InvokeModel / InvokeModelWithResponseStream with a caller-written body (the raw-payload command): no family
 * knowledge, the body goes as given (a string or bytes verbatim, anything else as JSON).
 */
export function invokeRaw(ctx: RuntimeContext, modelId: string, body: unknown, opts: RawInvokeOptions & { stream: true }): Promise<RawStream>;
export function invokeRaw(ctx: RuntimeContext, modelId: string, body: unknown, opts?: RawInvokeOptions & { stream?: false }): Promise<RawReply>;
export function invokeRaw(ctx: RuntimeContext, modelId: string, body: unknown, opts?: RawInvokeOptions): Promise<RawReply | RawStream>;
export async function invokeRaw(ctx: RuntimeContext, modelId: string, body: unknown, opts: RawInvokeOptions = {}): Promise<RawReply | RawStream> {
  const signal = opts.signal ?? ctx.signal;
  const input = {
    modelId,
    contentType: opts.contentType ?? 'application/json',
    accept: opts.accept ?? 'application/json',
    body: encodeBody(body),
  };
  const sdk = sdks.bedrockRuntime();
  return runtimeCall(ctx, modelId, async () => {
    const client = await runtimeClientFor(ctx);
    if (!opts.stream) {
      const { command, headers } = withResponseHeaders(new sdk.InvokeModelCommand(input));
      const out = await client.send(command, { abortSignal: signal });
      const h = headers();
      return { kind: 'reply', contentType: out.contentType, headers: h, usage: headerUsage(h), ...payload(out.body ?? new Uint8Array()) } satisfies RawReply;
    }
    const out = await client.send(new sdk.InvokeModelWithResponseStreamCommand(input), { abortSignal: signal });
    return { kind: 'stream', contentType: out.contentType, chunks: chunks(out.body ?? emptyStream(), ctx, modelId, signal) } satisfies RawStream;
  }, signal);
}

/** Sends the model's JSON decoded from the raw stream parts, one payload per `chunk` event. */
async function* chunks(parts: AsyncIterable<ResponseStream>, ctx: RuntimeContext, modelId: string, signal: AbortSignal | undefined): AsyncGenerator<RawPayload> {
  try {
    for await (const part of parts) {
      if (signal?.aborted) throw new Error('aborted'); // mapped to the aborted error below
      const json = decodeChunk(part);
      if (json === undefined) continue;
      yield payload(part.chunk?.bytes ?? new Uint8Array(), json);
    }
    // An aborted event stream may simply stop; the caller must not take that for a complete reply.
    if (signal?.aborted) throw new Error('aborted');
  } catch (e) {
    throw asRequestError(e, ctx, modelId, signal);
  }
}

async function* emptyStream(): AsyncGenerator<ResponseStream> { /* no events */ }

function encodeBody(body: unknown): Uint8Array {
  if (body instanceof Uint8Array) return body;
  return new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
}

function payload(raw: Uint8Array, json?: unknown): RawPayload {
  const text = new TextDecoder().decode(raw);
  if (json !== undefined) return { raw, text, json };
  try {
    return { raw, text, json: JSON.parse(text) };
  } catch {
    return { raw, text };
  }
}

/** InvokeModel with a JSON body and a JSON reply, for the job helpers below. */
export async function invokeJson(ctx: RuntimeContext, modelId: string, body: unknown): Promise<unknown> {
  const reply = await invokeRaw(ctx, modelId, body);
  if (reply.json === undefined) throw asRequestError(new Error(`${modelId} answered with a body that is not JSON`), ctx, modelId);
  return reply.json;
}
