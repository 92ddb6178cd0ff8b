import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { ResolvedAuth } from '../../credentials/auth';
import { sdks } from '../../sdks';

/**
 * One BedrockRuntimeClient per (endpoint, region, auth), created on first use so the SDK is not loaded at
 * activation. The auth is chosen explicitly (sigv4 or bearer) rather than left to AWS_BEARER_TOKEN_BEDROCK in the
 * shared extension-host environment.
 */
const clients = new WeakMap<ResolvedAuth, Map<string, Promise<BedrockRuntimeClient>>>();

export function runtimeClient(endpoint: string, region: string, auth: ResolvedAuth): Promise<BedrockRuntimeClient> {
  let byEndpoint = clients.get(auth);
  if (!byEndpoint) clients.set(auth, (byEndpoint = new Map()));
  const key = `${endpoint}|${region}`;
  let client = byEndpoint.get(key);
  if (!client) {
    client = createRuntimeClient(endpoint, region, auth);
    byEndpoint.set(key, client);
  }
  return client;
}

async function createRuntimeClient(endpoint: string, region: string, auth: ResolvedAuth): Promise<BedrockRuntimeClient> {
  return new (sdks.bedrockRuntime().BedrockRuntimeClient)({
    region,
    endpoint,
    // Adaptive retries for throttling and 5xx; the SDK retries only before a response starts streaming.
    retryMode: 'adaptive',
    maxAttempts: 3,
    ...(auth.kind === 'sigv4'
      ? { credentials: auth.credentials, authSchemePreference: ['sigv4'] }
      : { token: async () => ({ token: await auth.token() }), authSchemePreference: ['httpBearerAuth'] }),
  });
}
