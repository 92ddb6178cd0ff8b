import type { Exchange, Family } from './http/exchange';

/** What a test can inspect about a request the emulator received. Secrets never appear here. */
export interface RecordedRequest {
  family: Family;
  method: string;
  /** Path as sent (percent-encoded), without query. */
  path: string;
  query: Record<string, string>;
  /** Request headers without `authorization`, `x-api-key`, `x-amz-security-token`, `x-amz-sso_bearer_token`. */
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON; for bidirectional streams, the decoded input events. */
  body: unknown;
  /** How the caller authenticated. */
  auth: 'sigv4' | 'bearer' | 'none';
  /** Route name, e.g. `converse-stream`, `chat.completions`, `messages`. */
  route: string;
  httpVersion: string;
  status?: number;
  time: string;
  /** Inference routes: the Project (Workspace on Messages) the request was attributed to, `default` when it named none. */
  project?: string;
  /** Set when the client closed the stream before the response ended (epoch ms). */
  clientClosedAt?: number;
  /** Bidirectional stream: what the conversation sent (tests compare it with what a client played). */
  sonic?: SonicRecord;
}

export interface SonicRecord {
  /** Bytes of 24 kHz 16-bit mono speech sent, per completion in order. */
  audioBytes: number[];
  /** Each barge-in: when the interruption signal was sent (epoch ms) and the completion it cut. */
  interruptions: Array<{ at: number; completionId: string }>;
  /** The assistant's spoken text per completion (what the tones encode). */
  spoken: string[];
}

const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'x-amz-security-token', 'x-amz-sso_bearer_token', 'cookie']);

export function recordOf(ex: Exchange, route: string, auth: RecordedRequest['auth']): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(ex.headers)) if (!SECRET_HEADERS.has(k)) headers[k] = v;
  return {
    family: ex.family,
    method: ex.method,
    path: ex.rawPath,
    query: Object.fromEntries(ex.query),
    headers,
    body: parseBody(ex.body),
    auth,
    route,
    httpVersion: ex.httpVersion,
    time: new Date().toISOString(),
  };
}

function parseBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  const text = body.toString('utf8');
  try { return JSON.parse(text) as unknown; } catch { return text.length > 4096 ? `${text.slice(0, 4096)}…` : text; }
}
