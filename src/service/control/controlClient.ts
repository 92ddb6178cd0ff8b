import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { ResolvedAuth } from '../credentials/auth';
import { controlPlaneEndpoint, type EndpointOverrides } from '../endpoints';
import { BedrockRequestError, toBedrockError } from '../errors';
import { sdks } from '../sdks';
import { sdkLogger } from '../sdkLog';

/** What a control-plane call needs (`bedrock.{region}.amazonaws.com`, or the user's override). */
export interface ControlContext {
  region: string;
  endpoints: EndpointOverrides;
  auth: ResolvedAuth;
  signal?: AbortSignal;
  log?: (message: string) => void;
}

/** A BedrockClient for one call or one batch of calls; the caller destroys it. */
export function controlClient(ctx: Pick<ControlContext, 'region' | 'endpoints' | 'auth'>): BedrockClient {
  const sdk = sdks.bedrockControl();
  const auth = ctx.auth;
  return new sdk.BedrockClient({
    region: ctx.region, endpoint: controlPlaneEndpoint(ctx.region, ctx.endpoints), maxAttempts: 3, retryMode: 'adaptive', logger: sdkLogger,
    ...(auth.kind === 'sigv4'
      ? { credentials: auth.credentials, authSchemePreference: ['sigv4'] }
      : { token: async () => ({ token: await auth.token() }), authSchemePreference: ['httpBearerAuth'] }),
  });
}

/** Runs control-plane calls on one client, mapping any failure to a BedrockRequestError with its next step. */
export async function withControlClient<T>(ctx: ControlContext, what: string, run: (client: BedrockClient, opts: { abortSignal?: AbortSignal }) => Promise<T>): Promise<T> {
  const client = controlClient(ctx);
  try {
    return await run(client, { abortSignal: ctx.signal });
  } catch (e) {
    if (e instanceof BedrockRequestError) throw e;
    const info = toBedrockError(e, { region: ctx.region });
    ctx.log?.(`${what} failed: ${info.detail}`);
    throw new BedrockRequestError(info);
  } finally {
    client.destroy();
  }
}
