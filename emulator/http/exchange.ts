import type * as http from 'node:http';
import * as http2 from 'node:http2';
import { randomUUID } from 'node:crypto';

/** The two listeners: they differ in SigV4 signing name and in which routes they serve. */
export type Family = 'runtime' | 'mantle';

type AnyRequest = http.IncomingMessage | http2.Http2ServerRequest;
type AnyResponse = http.ServerResponse | http2.Http2ServerResponse;

/**
 * One request/response pair, the same shape whether it arrived over HTTP/1.1 or h2c, so route
 * handlers never care which protocol the SDK chose (the AWS SDK uses HTTP/2 by default).
 */
export class Exchange {
  readonly requestId = randomUUID();
  readonly method: string;
  /** Path exactly as sent (still percent-encoded), without the query string. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  /** Lower-case names; pseudo-headers removed; `host` filled from `:authority` on HTTP/2. */
  readonly headers: Record<string, string>;
  /** HTTP/2 pseudo-headers; the AWS SDK signs `:authority` when it talks HTTP/2. */
  readonly pseudoHeaders: Record<string, string> = {};
  readonly httpVersion: string;
  body: Buffer = Buffer.alloc(0);
  status = 0;
  /** Added to every response head, e.g. the echoed project / workspace headers. */
  extraHeaders: Record<string, string> = {};
  private headSent = false;
  private finished = false;
  private endedByServer = false;
  /** When the client went away before the response ended (epoch ms): how tests time an abort. */
  clientClosedAt: number | undefined;

  constructor(readonly family: Family, readonly req: AnyRequest, private readonly res: AnyResponse) {
    this.method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    this.rawPath = q >= 0 ? url.slice(0, q) : url;
    this.query = new URLSearchParams(q >= 0 ? url.slice(q + 1) : '');
    this.httpVersion = req.httpVersion;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      if (name.startsWith(':')) { this.pseudoHeaders[name] = String(value); continue; }
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : String(value);
    }
    const authority = req.headers[':authority'];
    if (!headers.host && typeof authority === 'string') headers.host = authority;
    this.headers = headers;
    res.on('close', () => {
      if (!this.endedByServer && !this.finished) this.clientClosedAt = Date.now();
      this.finished = true;
    });
  }

  /** Path segments, percent-decoded (model ids arrive as `amazon.nova-lite-v1%3A0`). */
  get segments(): string[] {
    return this.rawPath.split('/').filter(Boolean).map(s => { try { return decodeURIComponent(s); } catch { return s; } });
  }

  get closed(): boolean { return this.finished; }

  onClose(listener: () => void): void {
    this.res.on('close', listener);
  }
  get headersSent(): boolean { return this.headSent; }

  async readBody(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.req as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    this.body = Buffer.concat(chunks);
    return this.body;
  }

  /** The request body as a live stream, for the bidirectional route. */
  bodyStream(): AsyncIterable<Buffer> { return this.req as AsyncIterable<Buffer>; }

  writeHead(status: number, headers: Record<string, string> = {}): void {
    if (this.headSent) return;
    this.headSent = true;
    this.status = status;
    const all: Record<string, string> = { 'x-amzn-requestid': this.requestId, date: new Date().toUTCString(), ...this.extraHeaders, ...headers };
    (this.res as http.ServerResponse).writeHead(status, all);
    // Streams must reach the client frame by frame; without this Node may hold the head back.
    (this.res as http.ServerResponse).flushHeaders?.();
  }

  /** Resolves once the chunk is accepted, waiting for drain so a 100k-token reply cannot balloon memory. */
  write(chunk: Buffer | Uint8Array | string): Promise<void> {
    if (this.finished) return Promise.resolve();
    const ok = (this.res as http.ServerResponse).write(chunk);
    if (ok) return Promise.resolve();
    return new Promise(resolve => {
      const done = (): void => { this.res.off('drain', done); this.res.off('close', done); resolve(); };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }

  end(chunk?: Buffer | Uint8Array | string): void {
    if (this.finished) return;
    this.endedByServer = true;
    if (!this.headSent) this.writeHead(200);
    if (chunk !== undefined) (this.res as http.ServerResponse).end(chunk);
    else (this.res as http.ServerResponse).end();
  }

  json(status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    this.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
    this.end(text);
  }

  /** Drops the connection mid-response, as a network fault or load balancer reset would. */
  abort(): void {
    this.endedByServer = true;
    this.finished = true;
    const res = this.res as http2.Http2ServerResponse;
    if (res.stream && typeof res.stream.close === 'function') {
      res.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
      return;
    }
    // end(), not destroy(): destroy() throws away response bytes still queued in Node, so the client would lose
    // events the emulator already "sent". end() flushes them, then closes without the terminating chunk.
    (this.res as http.ServerResponse).socket?.end();
  }
}
