import type { Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { ResolvedAuth } from '../../credentials/auth';
import type { EndpointFamily } from '../../endpoints';
import type { BedrockRequest, StreamEvent } from '../../model';
import { sdks } from '../../sdks';
import type { ChatDriver, DriverContext } from '../driver';
import { messagesBody } from '../../formats/messagesRequest';
import { MessagesNormalizer, messageEvents } from '../../formats/messagesEvents';
import { keepReceivedFetch } from './keepReceivedFetch';
import { clientCache } from '../clientCache';
import { pumpEvents } from '../eventPump';
import { SDK_LOG_LEVEL, sdkLogger } from '../../sdkLog';

interface MessagesClient {
  messages: {
    create(body: ReturnType<typeof messagesBody>, options: RequestOptions): PromiseLike<AsyncIterable<RawMessageStreamEvent>>;
    create(body: Omit<ReturnType<typeof messagesBody>, 'stream'> & { stream: false }, options: RequestOptions): PromiseLike<Message>;
  };
}
interface RequestOptions { signal: AbortSignal; headers?: Record<string, string> }

/**
 * Anthropic Messages through @anthropic-ai/bedrock-sdk: on mantle its AnthropicBedrockMantle client
 * (`{endpoint}/anthropic/v1/messages`, SigV4 `bedrock-mantle` or a bearer key); on runtime its AnthropicBedrock
 * client (the Messages API carried by InvokeModel, SigV4 `bedrock` or a bearer key). Workspaces select with the
 * `anthropic-workspace-id` header on mantle.
 */
export class MessagesDriver implements ChatDriver {
  readonly style = 'messages' as const;
  readonly families = ['mantle', 'runtime'] as const;
  private readonly clients = clientCache((auth, family: EndpointFamily, endpoint: string, region: string) => createClient(family, endpoint, region, auth));

  async *stream(req: BedrockRequest, ctx: DriverContext): AsyncGenerator<StreamEvent> {
    const client = this.client(ctx.family, ctx.endpoint, ctx.region, ctx.auth);
    const headers = req.project && ctx.family === 'mantle' ? { 'anthropic-workspace-id': req.project } : undefined;
    if (req.stream === false) {
      const { stream: _s, ...body } = messagesBody(req);
      yield* messageEvents(await client.messages.create({ ...body, stream: false }, { signal: ctx.signal, headers }));
      return;
    }
    const stream = await client.messages.create(messagesBody(req), { signal: ctx.signal, headers });
    yield* pumpEvents(stream, new MessagesNormalizer());
  }

  private client(family: EndpointFamily, endpoint: string, region: string, auth: ResolvedAuth): MessagesClient {
    return this.clients(auth, family, endpoint, region);
  }
}

function createClient(family: EndpointFamily, endpoint: string, region: string, auth: ResolvedAuth): MessagesClient {
  const sdk = sdks.anthropicBedrock();
  // The bearer key is fixed per client; the SigV4 path asks our provider (which refreshes) on every request.
  // apiKey: null keeps both clients from picking up AWS_BEARER_TOKEN_BEDROCK from the shared extension-host env.
  const authOptions = auth.kind === 'sigv4'
    ? { apiKey: null, providerChainResolver: async () => auth.credentials, fetch: keepReceivedFetch() }
    : { apiKey: null, skipAuth: true, fetch: keepReceivedFetch(bearerFetch(auth.token)) };
  const common = { awsRegion: region, maxRetries: 2, logger: sdkLogger, logLevel: SDK_LOG_LEVEL, ...authOptions };
  return (family === 'mantle'
    ? new sdk.AnthropicBedrockMantle({ ...common, baseURL: `${endpoint}/anthropic` })
    : new sdk.default({ ...common, baseURL: endpoint })) as unknown as MessagesClient;
}

/** Adds a fresh bearer token per request (the SDK's own apiKey option is a fixed string). */
function bearerFetch(token: () => Promise<string>): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${await token()}`);
    headers.delete('x-api-key');
    return fetch(input, { ...init, headers });
  };
}
