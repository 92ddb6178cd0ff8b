import { readFailure, type FailureFacts } from './errorFacts';

/**
 * One place that turns whatever an SDK throws (AWS SDK service exceptions, credential-provider errors, OpenAI and
 * Anthropic APIError, aborts, socket errors) into one sentence for the user, the detail for the log, and the next
 * step to offer as a button.
 */
export type ErrorKind =
  | 'throttled' | 'model-not-ready' | 'quota' | 'access-denied' | 'expired-credentials' | 'sso-expired'
  | 'no-credentials' | 'invalid-model' | 'validation' | 'not-found' | 'timeout' | 'server' | 'unavailable'
  | 'stream-error' | 'aborted' | 'network' | 'stale-response-id' | 'unknown';

export type ErrorAction =
  | { kind: 'sign-in' }
  | { kind: 'sso-login'; profile: string }
  | { kind: 'request-access'; region: string }
  | { kind: 'retry' }
  | { kind: 'choose-model' }
  | { kind: 'choose-region' }
  | { kind: 'open-settings' }
  | { kind: 'show-log' };

export interface BedrockError {
  kind: ErrorKind;
  message: string;
  detail: string;
  action?: ErrorAction;
  retryable: boolean;
  status?: number;
}

export interface ErrorContext {
  region: string;
  profile?: string;
  model?: string;
}

const ACTION_RETRY: ErrorAction = { kind: 'retry' };

/**
 * The service's identifiers → a kind. Bedrock speaks three dialects for one set of failures: AWS exception names on
 * bedrock-runtime (also inside its Anthropic streams), OpenAI `code`/`type` and Anthropic `type` on the mantle routes.
 */
const KIND_BY_CODE: Readonly<Record<string, ErrorKind>> = {
  ThrottlingException: 'throttled', rate_limit_exceeded: 'throttled', rate_limit_error: 'throttled',
  ModelNotReadyException: 'model-not-ready', model_not_ready: 'model-not-ready',
  ServiceQuotaExceededException: 'quota', insufficient_quota: 'quota',
  ExpiredTokenException: 'expired-credentials', expired_token: 'expired-credentials',
  UnrecognizedClientException: 'no-credentials', InvalidSignatureException: 'no-credentials', IncompleteSignatureException: 'no-credentials',
  MissingAuthenticationTokenException: 'no-credentials', authentication_error: 'no-credentials', invalid_api_key: 'no-credentials',
  AccessDeniedException: 'access-denied', permission_error: 'access-denied',
  model_not_found: 'invalid-model',
  previous_response_not_found: 'stale-response-id',
  ResourceNotFoundException: 'not-found', not_found_error: 'not-found', not_found: 'not-found',
  ValidationException: 'validation', invalid_request_error: 'validation', request_too_large: 'validation', invalid_prompt: 'validation',
  ModelTimeoutException: 'timeout', timeout_error: 'timeout',
  ModelStreamErrorException: 'stream-error', model_stream_error: 'stream-error',
  ServiceUnavailableException: 'unavailable', overloaded_error: 'unavailable', service_unavailable: 'unavailable',
  InternalServerException: 'server', ModelErrorException: 'server', api_error: 'server', server_error: 'server', internal_server_error: 'server',
};

function kindByStatus(status: number | undefined): ErrorKind | undefined {
  if (status === undefined) return undefined;
  if (status === 429) return 'throttled';
  if (status === 401) return 'no-credentials';
  if (status === 403) return 'access-denied';
  if (status === 404) return 'not-found';
  if (status === 408) return 'timeout';
  if (status === 503 || status === 529) return 'unavailable';
  if (status >= 500 || status === 424) return 'server';
  if (status >= 400) return 'validation';
  return undefined;
}

const KIND_BY_TRANSPORT: Readonly<Record<NonNullable<FailureFacts['transport']>, ErrorKind>> = {
  aborted: 'aborted', timeout: 'timeout', connection: 'network', 'corrupt-frame': 'stream-error',
};

/**
 * Text is read last, and only where the typed facts leave a question open: Bedrock sends some failures under a
 * generic type (an expired token as Anthropic's `permission_error`, a model still loading as `rate_limit_error`, an
 * unknown model id as `ValidationException`), and the credential chain says why it failed only in words.
 */
function refineByText(kind: ErrorKind | undefined, f: FailureFacts): ErrorKind | undefined {
  const text = `${f.codes.join(' ')} ${f.message}`;
  if ((f.credentials || !kind) && /aws sso login|SSO session .*(expired|invalid)|Token is expired/i.test(f.message)) return 'sso-expired';
  if (f.credentials) return 'no-credentials';
  if ((kind === 'access-denied' || kind === 'no-credentials' || !kind) && /ExpiredToken|security token included in the request is expired/i.test(text)) return 'expired-credentials';
  if ((kind === 'throttled' || !kind) && /not ready to serve|ModelNotReady/i.test(text)) return 'model-not-ready';
  if ((kind === 'validation' || kind === 'not-found' || !kind) && refusedChain(f)) return 'stale-response-id';
  if ((kind === 'validation' || kind === 'not-found' || !kind) && /model identifier is invalid|isn't supported on this route|not a valid model|unknown model/i.test(text)) return 'invalid-model';
  if (kind) return kind;
  // an error none of the SDKs typed: the last resort is what it says
  if (/Could not load credentials|Unable to locate credentials|Missing credentials/i.test(f.message)) return 'no-credentials';
  if (/ECONNREFUSED|ENOTFOUND|ECONNRESET|EAI_AGAIN|socket hang up|Connection error/i.test(f.message)) return 'network';
  return undefined;
}

/**
 * A `previous_response_id` the server no longer holds (expired, deleted, stored in another region or account, or
 * never stored): OpenAI names the parameter (`param`) and says "Previous response with id '…' not found."; a service
 * that answers with a plain 404 says only the sentence. Either way it is the chain that is stale, not the model.
 */
function refusedChain(f: FailureFacts): boolean {
  return f.param === 'previous_response_id' || /previous[ _]response(_id)?\b.*\b(not found|expired|does not exist|invalid)/i.test(f.message);
}

export function errorKind(f: FailureFacts): ErrorKind {
  if (f.transport === 'aborted') return 'aborted';
  const typed = f.codes.map(c => KIND_BY_CODE[c]).find(k => k !== undefined);
  const kind = refineByText(typed ?? kindByStatus(f.status) ?? (f.transport && KIND_BY_TRANSPORT[f.transport]), f) ?? 'unknown';
  // Once the reply has begun, a generic server error or a connection that dropped or stalled broke the stream off:
  // that is what the user sees (part of a reply), and the same on every wire. Specific causes keep their kind.
  const brokeOff = kind === 'server' || (typed === undefined && (kind === 'network' || kind === 'timeout'));
  return f.midStream && brokeOff ? 'stream-error' : kind;
}

export function toBedrockError(e: unknown, ctx: ErrorContext): BedrockError {
  if (isBedrockError(e)) return e;
  // our own errors may come back wrapped by an SDK (as `cause`)
  for (let c: unknown = e, depth = 0; c && depth < 4; c = (c as { cause?: unknown }).cause, depth++) {
    if (c instanceof BedrockRequestError) return c.info;
  }
  const f = readFailure(e);
  const kind = errorKind(f);
  return { kind, ...sentence(kind, f, ctx), detail: detailOf(f), status: f.status };
}

/** One sentence and one next step per kind, so a failure reads the same whichever API style carried it. */
function sentence(kind: ErrorKind, f: FailureFacts, ctx: ErrorContext): Pick<BedrockError, 'message' | 'retryable' | 'action'> {
  const model = ctx.model ? ` ${ctx.model}` : '';
  const retry = (message: string) => ({ message, retryable: true, action: ACTION_RETRY });
  const fail = (message: string, action: ErrorAction) => ({ message, retryable: false, action });
  switch (kind) {
    case 'aborted': return { message: 'The request was stopped.', retryable: false };
    case 'sso-expired': {
      const profile = ctx.profile || 'default';
      return fail(`Your AWS SSO session for profile "${profile}" has expired.`, { kind: 'sso-login', profile });
    }
    case 'no-credentials': return fail(f.credentials || !f.status ? 'No AWS credentials were found for Bedrock.' : 'Bedrock did not accept these credentials.', { kind: 'sign-in' });
    case 'expired-credentials': return fail('Your AWS credentials have expired.', { kind: 'sign-in' });
    case 'model-not-ready': return retry(`The model${model} is not ready yet; try again shortly.`);
    case 'throttled': return retry(`Bedrock is throttling requests${model ? ' to' + model : ''}; try again in a moment.`);
    case 'quota': return fail('A Bedrock service quota was exceeded for this account or model.', { kind: 'show-log' });
    case 'invalid-model': return fail(`Bedrock does not know the model${model} in ${ctx.region}, or it is not offered for this API.`, { kind: 'choose-model' });
    case 'access-denied': return fail(`Access to${model || ' this model'} is not enabled for your account in ${ctx.region}.`, { kind: 'request-access', region: ctx.region });
    case 'stale-response-id': return retry('Bedrock no longer holds the earlier replies this conversation was chained on; send again to continue with the full history.');
    case 'not-found': return fail(`Bedrock could not find${model || ' the requested resource'} in ${ctx.region}.`, { kind: 'choose-model' });
    case 'validation': return fail(`Bedrock rejected the request: ${firstSentence(f.message)}`, { kind: 'show-log' });
    case 'timeout': return retry('The model took too long to answer.');
    case 'stream-error': return retry('The model stream broke off before the reply was complete.');
    case 'unavailable': return retry('Bedrock is unavailable right now; try again shortly.');
    case 'server': return retry('Bedrock had an internal error.');
    case 'network': return retry(`Could not reach Bedrock in ${ctx.region}: check the network or the endpoint settings.`);
    case 'unknown': return fail(`The Bedrock request failed: ${firstSentence(f.message)}`, { kind: 'show-log' });
  }
}

/**
 * The log line: what raised it and the service's own words. A frame that would not parse is not quoted: V8's JSON
 * errors repeat part of the text they choked on, which is model output.
 */
function detailOf(f: FailureFacts): string {
  const first = f.codes[0] ?? f.systemCode;
  const code = first && first !== f.name ? ` [${first}]` : '';
  const where = f.midStream ? ' mid-stream' : '';
  const message = f.transport === 'corrupt-frame' ? 'a stream frame could not be decoded' : f.message;
  return `${f.name}${f.status ? ` (${f.status})` : ''}${code}${where}: ${message}`;
}

function firstSentence(s: string): string {
  // SDK messages often embed the service's JSON body ("400 {\"error\":{\"message\":...}}"): say only its message
  const json = s.indexOf('{');
  if (json >= 0) {
    try {
      const body = JSON.parse(s.slice(json)) as { message?: unknown; Message?: unknown; error?: { message?: unknown } };
      const inner = body.error?.message ?? body.message ?? body.Message;
      if (typeof inner === 'string') s = inner;
    } catch {
      // not JSON after all: keep the text as it is
    }
  }
  const one = s.split('\n')[0].trim();
  const m = /^(.{1,200}?[.!?])(\s|$)/.exec(one);
  return m ? m[1] : one.length > 200 ? one.slice(0, 200) + '…' : one || 'no detail given.';
}

export function isBedrockError(e: unknown): e is BedrockError {
  return typeof e === 'object' && e !== null && 'kind' in e && 'retryable' in e && 'detail' in e && !(e instanceof Error);
}

/** An Error that carries a BedrockError, for code paths that must throw. */
export class BedrockRequestError extends Error {
  constructor(readonly info: BedrockError) {
    super(info.message);
    this.name = 'BedrockRequestError';
  }
}
