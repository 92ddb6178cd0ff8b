import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { ResolvedAuth } from '../credentials/auth';
import { runtimeClient } from '../drivers/runtime/runtimeClient';
import { resolveEndpoint, type EndpointOverrides } from '../endpoints';
import { BedrockRequestError, toBedrockError, type BedrockError } from '../errors';

/**
 * What every non-chat runtime call needs: the same facts a chat driver gets, so a DriverContext (or anything
 * with these fields) can be passed as is.
 */
export interface RuntimeContext {
  region: string;
  /** bedrock-runtime base URL (AWS default or the user's override), without a trailing slash. */
  endpoint: string;
  auth: ResolvedAuth;
  signal?: AbortSignal;
  /** Diagnostic log (never given secrets). */
  log?: (message: string) => void;
  /** Named profile, so an expired SSO session can say which `aws sso login` to run. */
  profile?: string;
}

/** A RuntimeContext from settings-shaped input: the runtime endpoint is the user's override or the AWS default. */
export function runtimeContext(opts: { region: string; auth: ResolvedAuth; endpoints?: EndpointOverrides; signal?: AbortSignal; log?: (message: string) => void; profile?: string }): RuntimeContext {
  const { endpoints, ...rest } = opts;
  return { ...rest, endpoint: resolveEndpoint('runtime', opts.region, endpoints ?? {}) };
}

export function runtimeClientFor(ctx: RuntimeContext): Promise<BedrockRuntimeClient> {
  return runtimeClient(ctx.endpoint, ctx.region, ctx.auth);
}

/**
 * Whatever was thrown → a BedrockRequestError carrying the user sentence, the log detail and the next step.
 * Once the caller has aborted, any failure is the abort: a torn-down event stream reports itself as a truncated
 * message, which is not what happened.
 */
export function asRequestError(e: unknown, ctx: RuntimeContext, model?: string, signal = ctx.signal): BedrockRequestError {
  if (e instanceof BedrockRequestError) return e;
  if (signal?.aborted) e = Object.assign(new Error('The request was aborted'), { name: 'AbortError' });
  const info = toBedrockError(e, { region: ctx.region, profile: ctx.profile ?? (ctx.auth.kind === 'sigv4' ? ctx.auth.profile : undefined), model });
  ctx.log?.(`bedrock-runtime${model ? ` ${model}` : ''}: ${info.detail}`);
  return new BedrockRequestError(info);
}

/** Runs one SDK call and maps its failure; every public function of this module goes through here. */
export async function runtimeCall<T>(ctx: RuntimeContext, model: string | undefined, call: () => Promise<T>, signal = ctx.signal): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw asRequestError(e, ctx, model, signal);
  }
}

/** A request the service refuses before sending it (wrong model family, unsupported auth, bad input). */
export function refuse(kind: BedrockError['kind'], message: string, action: BedrockError['action'] = { kind: 'show-log' }): BedrockRequestError {
  return new BedrockRequestError({ kind, message, detail: message, retryable: false, ...(action ? { action } : {}) });
}
