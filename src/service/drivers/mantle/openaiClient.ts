import type OpenAI from 'openai';
import type { ResolvedAuth } from '../../credentials/auth';
import type { EndpointFamily } from '../../endpoints';
import { sdks } from '../../sdks';
import { keepReceivedFetch } from './keepReceivedFetch';
import { clientCache } from '../clientCache';
import { SDK_LOG_LEVEL, sdkLogger } from '../../sdkLog';

/**
 * The `openai` package's own Bedrock provider, on either family: it signs with SigV4 (`bedrock` on runtime,
 * `bedrock-mantle` on mantle) from our credential provider, or sends the Bedrock API key as a bearer token. Both
 * families serve the OpenAI-compatible API under `{endpoint}/openai/v1`, the provider's own default root.
 */
const clients = clientCache((auth, family: EndpointFamily, endpoint: string, region: string) => create(family, endpoint, region, auth));

export function openaiClient(family: EndpointFamily, endpoint: string, region: string, auth: ResolvedAuth): Promise<OpenAI> {
  return clients(auth, family, endpoint, region);
}

async function create(family: EndpointFamily, endpoint: string, region: string, auth: ResolvedAuth): Promise<OpenAI> {
  const OpenAIClient = sdks.openai().default;
  const { bedrock } = sdks.openaiBedrock();
  const provider = bedrock({
    endpoint: family,
    region,
    baseURL: `${endpoint}/openai/v1`,
    ...(auth.kind === 'sigv4' ? { credentialProvider: auth.credentials } : { tokenProvider: auth.token }),
  });
  // The SDK retries 429/5xx before any output; streams are never retried once they have begun.
  return new OpenAIClient({ provider, maxRetries: 2, fetch: keepReceivedFetch(), logger: sdkLogger, logLevel: SDK_LOG_LEVEL });
}

export function projectHeaders(project: string | undefined): Record<string, string> | undefined {
  return project ? { 'OpenAI-Project': project } : undefined;
}
