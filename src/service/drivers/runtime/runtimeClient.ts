import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { ResolvedAuth } from '../../credentials/auth';
import { sdks } from '../../sdks';
import { clientCache } from '../clientCache';
import { sdkLogger } from '../../sdkLog';

/**
 * One BedrockRuntimeClient per (endpoint, region, auth), created on first use so the SDK is not loaded at
 * activation. The auth is chosen explicitly (sigv4 or bearer) rather than left to AWS_BEARER_TOKEN_BEDROCK in the
 * shared extension-host environment.
 */
const clients = clientCache((auth, endpoint: string, region: string) => createRuntimeClient(endpoint, region, auth));

export function runtimeClient(endpoint: string, region: string, auth: ResolvedAuth): Promise<BedrockRuntimeClient> {
  return clients(auth, endpoint, region);
}

async function createRuntimeClient(endpoint: string, region: string, auth: ResolvedAuth): Promise<BedrockRuntimeClient> {
  return new (sdks.bedrockRuntime().BedrockRuntimeClient)({
    region,
    endpoint,
    // Adaptive retries for throttling and 5xx; the SDK retries only before a response starts streaming.
    retryMode: 'adaptive',
    maxAttempts: 3,
    logger: sdkLogger,
    ...(auth.kind === 'sigv4'
      ? { credentials: auth.credentials, authSchemePreference: ['sigv4'] }
      : { token: async () => ({ token: await auth.token() }), authSchemePreference: ['httpBearerAuth'] }),
  });
}
