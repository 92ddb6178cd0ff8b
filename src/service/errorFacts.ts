import { loadedSdk } from './sdks';

/**
 * What a thrown error says about a failure, read from the typed fields each SDK documents rather than from its text:
 * the AWS SDK's modelled exception `name`, `$metadata.httpStatusCode` and `$fault`; the `openai` and
 * `@anthropic-ai/sdk` error classes (`APIError` with `status` and the service's error body, `APIConnectionError`,
 * `APIUserAbortError`); Node's and undici's error `code`s. errors.ts turns these facts into a kind and a sentence.
 */
export interface FailureFacts {
  /** The class or exception name, for the log (ThrottlingException, RateLimitError, TypeError). */
  name: string;
  /** The HTTP status the service answered with; none for an error inside a stream or one before any answer. */
  status?: number;
  /**
   * The service's own identifiers for the failure, most specific first: the AWS exception name, the OpenAI body's
   * `code` then `type`, the Anthropic body's `type` (which on bedrock-runtime is an AWS exception name).
   */
  codes: string[];
  /** The service's own sentence, not the SDK's rendering of it ("429 {json}"). */
  message: string;
  /** The request parameter the service blamed (the OpenAI error body's `param`, e.g. `previous_response_id`). */
  param?: string;
  /** What went wrong below the API, when no service answer explains it. */
  transport?: 'aborted' | 'timeout' | 'connection' | 'corrupt-frame';
  /** Node's or undici's code for it (UND_ERR_SOCKET, ERR_HTTP2_STREAM_ERROR), for the log. */
  systemCode?: string;
  /** Raised by the credential chain rather than by a request. */
  credentials: boolean;
  /** It arrived after the reply had begun to stream (see markMidStream). */
  midStream: boolean;
}

const midStream = new WeakSet<object>();

/**
 * Notes that an error broke a stream that had already begun. Only the code reading the stream knows this, and it
 * decides the kind: a generic server error or a dropped connection before the reply is "Bedrock failed", the same
 * after it began is "the stream broke off", whichever SDK and wire format carried it. The error itself is returned
 * unchanged, so whoever catches it still sees the SDK's own object.
 */
export function markMidStream<E>(error: E): E {
  if (typeof error === 'object' && error !== null) midStream.add(error);
  return error;
}

/** An in-stream error event our own stream normalisers read (the Responses `response.failed` event), with its code. */
export class StreamErrorEvent extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
    this.name = 'StreamErrorEvent';
  }
}

type Fields = Record<string, unknown>;
const fields = (v: unknown): Fields => (typeof v === 'object' && v !== null ? v as Fields : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Node, undici and HTTP/2 codes for a connection that failed or dropped, and for one that timed out. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED',
  'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ERR_HTTP2_STREAM_ERROR', 'ERR_HTTP2_SESSION_ERROR', 'ERR_HTTP2_GOAWAY_SESSION',
  'ERR_HTTP2_STREAM_CANCEL', 'ERR_HTTP2_INVALID_SESSION', 'ERR_STREAM_PREMATURE_CLOSE',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export function readFailure(e: unknown): FailureFacts {
  const o = fields(e);
  const name = str(o.name) ?? (e instanceof Error ? e.constructor.name : 'Error');
  const facts: FailureFacts = {
    name, codes: [], message: str(o.message) ?? String(e), credentials: false,
    midStream: typeof e === 'object' && e !== null && midStream.has(e),
  };
  if (readOpenAI(e, facts) || readAnthropic(e, facts) || readAws(o, facts)) return facts;
  readShape(o, facts);
  facts.transport = transportOf(e, facts);
  return facts;
}

/** openai: the SDK's own classes, when a request has loaded it (an error cannot come from an SDK never loaded). */
function readOpenAI(e: unknown, f: FailureFacts): boolean {
  const sdk = loadedSdk('openai');
  if (!sdk || !(e instanceof sdk.OpenAIError)) return false;
  f.name = e.constructor.name;
  if (e instanceof sdk.APIUserAbortError) f.transport = 'aborted';
  else if (e instanceof sdk.APIConnectionTimeoutError) f.transport = 'timeout';
  else if (e instanceof sdk.APIConnectionError) f.transport = 'connection';
  else if (e instanceof sdk.APIError) {
    f.status = e.status;
    const body = fields(e.error);
    // an in-stream `error` event's body is the event itself, whose `type` is just "error"
    f.codes = [str(e.code), str(e.type), str(body.code), str(body.type)].filter(isCode);
    f.message = str(body.message) ?? stripStatus(e.message);
    f.param = str(e.param) ?? str(body.param);
  }
  return true;
}

/** @anthropic-ai/sdk (under @anthropic-ai/bedrock-sdk): the same classes, reached through the Bedrock client. */
function readAnthropic(e: unknown, f: FailureFacts): boolean {
  const sdk = loadedSdk('anthropicBedrock')?.AnthropicBedrock;
  if (!sdk || !(e instanceof sdk.AnthropicError)) return false;
  f.name = e.constructor.name;
  if (e instanceof sdk.APIUserAbortError) f.transport = 'aborted';
  else if (e instanceof sdk.APIConnectionTimeoutError) f.transport = 'timeout';
  else if (e instanceof sdk.APIConnectionError) f.transport = 'connection';
  else if (e instanceof sdk.APIError) {
    f.status = e.status;
    const body = fields(e.error);
    const inner = fields(body.error);
    f.codes = [str(inner.type), str(body.type)].filter(isCode).map(awsName);
    f.message = str(inner.message) ?? str(body.message) ?? stripStatus(e.message);
  }
  return true;
}

/** AWS SDK v3: a modelled exception (ThrottlingException, ModelStreamErrorException, …) or a credential-chain error. */
function readAws(o: Fields, f: FailureFacts): boolean {
  const name = str(o.name);
  if (!name) return false;
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    f.credentials = true;
    return true;
  }
  const modelled = o.$fault === 'client' || o.$fault === 'server' || '$metadata' in o;
  // exception frames the stream decoder did not know are thrown by invokeWire with their AWS name
  if (!modelled && !/^[A-Z]\w*Exception$/.test(name)) return false;
  const status = fields(o.$metadata).httpStatusCode;
  if (typeof status === 'number') f.status = status;
  f.codes = [name];
  return true;
}

/** Anything else that still carries a status or a service code (a rethrown or hand-made error). */
function readShape(o: Fields, f: FailureFacts): void {
  if (typeof o.status === 'number') f.status = o.status;
  const body = fields(o.error);
  f.codes = [str(o.code), str(body.code), str(body.type), str(fields(body.error).type)].filter(isCode).filter(c => !isNodeCode(c));
  f.param = str(o.param) ?? str(body.param);
}

function transportOf(e: unknown, f: FailureFacts): FailureFacts['transport'] {
  if (f.name === 'AbortError') return 'aborted';
  if (f.name === 'TimeoutError') return 'timeout';
  // a stream frame that would not parse: the SSE parsers' JSON.parse, or the event-stream decoder's checksums
  if (f.midStream && (e instanceof SyntaxError || /\bchecksum\b|\bprelude\b/i.test(f.message))) return 'corrupt-frame';
  for (let c: unknown = e, depth = 0; c && depth < 4; c = fields(c).cause, depth++) {
    const code = str(fields(c).code);
    if (code && (TIMEOUT_CODES.has(code) || CONNECTION_CODES.has(code))) {
      f.systemCode = code;
      return TIMEOUT_CODES.has(code) ? 'timeout' : 'connection';
    }
  }
  // undici's body stream: TypeError('terminated') when the socket closed mid-body, 'fetch failed' before any answer
  if (e instanceof TypeError && /^(terminated|fetch failed)$/.test(f.message)) return 'connection';
  return undefined;
}

function isCode(c: string | undefined): c is string {
  return c !== undefined && c !== 'error';
}

function isNodeCode(c: string): boolean {
  return CONNECTION_CODES.has(c) || TIMEOUT_CODES.has(c) || /^(ERR_|UND_ERR_|E[A-Z]+$)/.test(c);
}

/** bedrock-runtime's Anthropic stream names its exception frames in lower camel case (`modelStreamErrorException`). */
function awsName(code: string): string {
  return /^[a-z]\w*Exception$/.test(code) ? code.charAt(0).toUpperCase() + code.slice(1) : code;
}

/** The SDKs prefix the status to the message ("429 Too many tokens…"). */
function stripStatus(message: string): string {
  return message.replace(/^\d{3}\s+/, '');
}
