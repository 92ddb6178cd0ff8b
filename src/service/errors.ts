/**
 * One place that turns whatever an SDK throws (AWS SDK service exceptions, credential-provider errors, OpenAI and
 * Anthropic APIError, aborts, socket errors) into one sentence for the user, the detail for the log, and the next
 * step to offer as a button.
 */
export type ErrorKind =
  | 'throttled' | 'model-not-ready' | 'quota' | 'access-denied' | 'expired-credentials' | 'sso-expired'
  | 'no-credentials' | 'invalid-model' | 'validation' | 'not-found' | 'timeout' | 'server' | 'unavailable'
  | 'stream-error' | 'aborted' | 'network' | 'unknown';

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

interface Looks {
  name: string;
  message: string;
  status?: number;
  code?: string;
}

function looks(e: unknown): Looks {
  const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
  const meta = o.$metadata as { httpStatusCode?: number } | undefined;
  const nested = (o.error && typeof o.error === 'object' ? o.error : {}) as Record<string, unknown>;
  const inner = (nested.error && typeof nested.error === 'object' ? nested.error : {}) as Record<string, unknown>;
  const status = typeof o.status === 'number' ? o.status : meta?.httpStatusCode ?? (typeof o.$response === 'object' ? undefined : undefined);
  const code = [o.code, nested.type, nested.code, inner.type].find(v => typeof v === 'string') as string | undefined;
  const name = typeof o.name === 'string' ? o.name : e instanceof Error ? e.name : 'Error';
  const message = typeof o.message === 'string' ? o.message : String(e);
  return { name, message, status, code };
}

const ACTION_RETRY: ErrorAction = { kind: 'retry' };

export function toBedrockError(e: unknown, ctx: ErrorContext): BedrockError {
  if (isBedrockError(e)) return e;
  // our own errors may come back wrapped by an SDK (as `cause`)
  for (let c: unknown = e, depth = 0; c && depth < 4; c = (c as { cause?: unknown }).cause, depth++) {
    if (c instanceof BedrockRequestError) return c.info;
  }
  const l = looks(e);
  const detail = `${l.name}${l.status ? ` (${l.status})` : ''}${l.code ? ` [${l.code}]` : ''}: ${l.message}`;
  const make = (kind: ErrorKind, message: string, retryable: boolean, action?: ErrorAction): BedrockError =>
    ({ kind, message, detail, retryable, status: l.status, ...(action ? { action } : {}) });
  const text = `${l.name} ${l.code ?? ''} ${l.message}`;
  const model = ctx.model ? ` ${ctx.model}` : '';

  if (l.name === 'AbortError' || /aborted|APIUserAbortError/i.test(l.name)) {
    return make('aborted', 'The request was stopped.', false);
  }
  if (/aws sso login|SSO session .*(expired|invalid)|Token is expired/i.test(l.message)) {
    const profile = ctx.profile || 'default';
    return make('sso-expired', `Your AWS SSO session for profile "${profile}" has expired.`, false, { kind: 'sso-login', profile });
  }
  if (/CredentialsProviderError/.test(l.name) || /Could not load credentials|Unable to locate credentials|Missing credentials/i.test(l.message)) {
    return make('no-credentials', 'No AWS credentials were found for Bedrock.', false, { kind: 'sign-in' });
  }
  if (/ExpiredToken|security token included in the request is expired|expired.*token/i.test(text)) {
    return make('expired-credentials', 'Your AWS credentials have expired.', false, { kind: 'sign-in' });
  }
  // before throttling: mantle sends not-ready as a 429 rate_limit_error
  if (/ModelNotReady|model_not_ready|not ready to serve/i.test(text)) {
    return make('model-not-ready', `The model${model} is not ready yet; try again shortly.`, true, ACTION_RETRY);
  }
  if (/ThrottlingException|rate_limit|Too many requests/i.test(text) || (l.status === 429 && !/quota/i.test(text))) {
    return make('throttled', `Bedrock is throttling requests${model ? ' to' + model : ''}; try again in a moment.`, true, ACTION_RETRY);
  }
  if (/ServiceQuotaExceeded|quota/i.test(text)) {
    return make('quota', 'A Bedrock service quota was exceeded for this account or model.', false, { kind: 'show-log' });
  }
  if (/model identifier is invalid|isn't supported on this route|model_not_found|not a valid model|unknown model/i.test(text)) {
    return make('invalid-model', `Bedrock does not know the model${model} in ${ctx.region}, or it is not offered for this API.`, false, { kind: 'choose-model' });
  }
  if (/UnrecognizedClientException|InvalidSignatureException|SignatureDoesNotMatch|invalid_api_key|authentication_error/i.test(text) || l.status === 401) {
    return make('no-credentials', 'Bedrock did not accept these credentials.', false, { kind: 'sign-in' });
  }
  if (/AccessDenied|permission_error|access_denied|not authorized/i.test(text) || l.status === 403) {
    return make('access-denied', `Access to${model || ' this model'} is not enabled for your account in ${ctx.region}.`, false, { kind: 'request-access', region: ctx.region });
  }
  if (/ResourceNotFound|not_found/i.test(text) || l.status === 404) {
    return make('not-found', `Bedrock could not find${model || ' the requested resource'} in ${ctx.region}.`, false, { kind: 'choose-model' });
  }
  if (/ValidationException|invalid_request|BadRequest/i.test(text) || l.status === 400) {
    return make('validation', `Bedrock rejected the request: ${firstSentence(l.message)}`, false, { kind: 'show-log' });
  }
  if (/ModelTimeoutException|TimeoutError|ETIMEDOUT/i.test(text) || l.status === 408) {
    return make('timeout', 'The model took too long to answer.', true, ACTION_RETRY);
  }
  if (/ModelStreamErrorException|ModelErrorException|stream.*(error|ended|terminated|premature)|CRC|checksum|terminated/i.test(text) || l.status === 424) {
    return make('stream-error', 'The model stream broke off before the reply was complete.', true, ACTION_RETRY);
  }
  if (/ServiceUnavailable|overloaded/i.test(text) || l.status === 503 || l.status === 529) {
    return make('unavailable', 'Bedrock is unavailable right now; try again shortly.', true, ACTION_RETRY);
  }
  if (/InternalServer|api_error/i.test(text) || (l.status !== undefined && l.status >= 500)) {
    return make('server', 'Bedrock had an internal error.', true, ACTION_RETRY);
  }
  if (/ECONNREFUSED|ENOTFOUND|ECONNRESET|EAI_AGAIN|socket hang up|fetch failed|Connection error/i.test(text)) {
    return make('network', `Could not reach Bedrock in ${ctx.region}: check the network or the endpoint settings.`, true, ACTION_RETRY);
  }
  return make('unknown', `The Bedrock request failed: ${firstSentence(l.message)}`, false, { kind: 'show-log' });
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
