import { randomBytes } from 'node:crypto';
import type { EmulatorContext } from './context';
import { FaultScript, type FaultPlan } from './faults';
import { ResponsesStore } from './mantle/responsesStore';
import { Projects } from './control/projects';
import { PromptCache } from './promptCache';
import { EMULATOR_ACCOUNT } from './models';
import type { RecordedRequest } from './recorder';
import { defaultReplyGenerator, type Reply, type ReplyGenerator } from './replyGenerator';
import { dispatch } from './router';
import { ROUTES } from './routes';
import { AsyncJobs } from './runtime/asyncJobs';
import { listen, type Listener } from './server';
import type { Exchange } from './http/exchange';
import { API_KEY_PREFIX } from './auth/bearer';
import { IdentityCenter, type DevicePoll } from './sso/identityCenter';

export type { RecordedRequest } from './recorder';
export type { FaultPlan, FaultPlanEntry, FaultSet } from './faults';
export type { Reply, ReplyGenerator, ReplyRequest, ToolCall, ApiStyle } from './replyGenerator';
export { defaultReplyGenerator } from './replyGenerator';
export { FAULT_HEADER } from './faults';
export type { DevicePoll } from './sso/identityCenter';

export interface EmulatorOptions {
  /** Runtime listener port; 0 picks a free one (default 0). */
  port?: number;
  /** Mantle listener port; 0 picks a free one (default 0). */
  mantlePort?: number;
  /** Region the endpoints pretend to be in and that SigV4 scopes must name (default us-east-1). */
  region?: string;
  /** Scripted replies served in order, then the default generator. */
  replies?: string[];
  /** How long async invocations stay InProgress (default 2000 ms). */
  asyncJobDurationMs?: number;
  /** Default stream pacing in tokens/s; 0 = as fast as possible (default 0). */
  tokensPerSecond?: number;
  /**
   * Refuse Claude on the OpenAI routes and non-Claude models on Messages, as mantle does
   * (default false: every listed model answers on every compatible route).
   */
  strictRoutes?: boolean;
  /** Ids of projects that exist from the start besides `default` (a request naming any other is refused). */
  projects?: string[];
  /** Test credentials; random ones are generated when omitted. */
  accessKeyId?: string;
  secretAccessKey?: string;
  apiKey?: string;
}

export interface Emulator {
  region: string;
  /** `http://127.0.0.1:PORT`: AWS SDK `endpoint`; also serves `/openai/v1` and `/anthropic`. */
  runtimeEndpoint: string;
  /** `http://127.0.0.1:PORT`: OpenAI SDK `baseURL: mantleEndpoint + '/v1'`, Anthropic SDK `mantleEndpoint + '/anthropic'`. */
  mantleEndpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** A Bedrock API key (bearer) accepted by both listeners. */
  apiKey: string;
  /** Every request received, oldest first, secrets stripped. */
  requests: RecordedRequest[];
  /** Queues faults for the next matching requests (see FaultPlan). */
  scriptFaults(plan: FaultPlan): void;
  /** Queues scripted replies, served before the generator. */
  scriptReplies(replies: Array<string | Reply>): void;
  /** Replaces the reply generator; pass undefined to restore the default. */
  setReplyGenerator(generator: ReplyGenerator | undefined): void;
  /**
   * IAM Identity Center. Point the SDKs at it with `AWS_ENDPOINT_URL_SSO_OIDC` and `AWS_ENDPOINT_URL_SSO` set to
   * `runtimeEndpoint`; its role credentials are this emulator's access key pair.
   */
  sso: {
    /** What each new device code answers to its polls before it is approved (default: one `authorization_pending`). */
    scriptPolls(polls: DevicePoll[]): void;
    /** Ends every SSO access token now. */
    expireSessions(): void;
  };
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const region = options.region ?? 'us-east-1';
  const accessKeyId = options.accessKeyId ?? `AKIAEMU${randomBytes(7).toString('hex').toUpperCase()}`.slice(0, 20);
  const secretAccessKey = options.secretAccessKey ?? randomBytes(30).toString('base64').slice(0, 40);
  const apiKey = options.apiKey ?? `${API_KEY_PREFIX}${Buffer.from(`emulator:${randomBytes(24).toString('hex')}`).toString('base64')}`;
  const scripted: Array<string | Reply> = [...(options.replies ?? [])];
  let generator: ReplyGenerator = defaultReplyGenerator;
  const ctx: EmulatorContext = {
    region,
    auth: { credentials: { accessKeyId, secretAccessKey }, apiKey, region },
    tokensPerSecond: options.tokensPerSecond ?? 0,
    asyncJobDurationMs: options.asyncJobDurationMs ?? 2000,
    strictRoutes: options.strictRoutes ?? false,
    requests: [],
    faultScript: new FaultScript(),
    responses: new ResponsesStore(),
    asyncJobs: new AsyncJobs(region, EMULATOR_ACCOUNT),
    applicationProfiles: [],
    projects: new Projects(region, options.projects),
    promptCache: new PromptCache(),
    identityCenter: new IdentityCenter({ accessKeyId, secretAccessKey }),
    reply: async request => (scripted.length ? scripted.shift() as string | Reply : generator(request)),
  };
  // A client that vanishes mid-request (aborted upload, reset stream) must never take the
  // emulator, or the test process hosting it, down with an unhandled rejection.
  const serve = (ex: Exchange): void => { dispatch(ex, ctx, ROUTES).catch(() => ex.abort()); };
  const listeners: Listener[] = [];
  try {
    listeners.push(await listen('runtime', options.port ?? 0, serve));
    listeners.push(await listen('mantle', options.mantlePort ?? 0, serve));
  } catch (e) {
    await Promise.all(listeners.map(l => l.close()));
    throw e;
  }
  const [runtime, mantle] = listeners;
  return {
    region,
    runtimeEndpoint: `http://127.0.0.1:${runtime.port}`,
    mantleEndpoint: `http://127.0.0.1:${mantle.port}`,
    accessKeyId,
    secretAccessKey,
    apiKey,
    requests: ctx.requests,
    scriptFaults: plan => ctx.faultScript.add(plan),
    scriptReplies: replies => { scripted.push(...replies); },
    setReplyGenerator: g => { generator = g ?? defaultReplyGenerator; },
    sso: { scriptPolls: polls => ctx.identityCenter.scriptPolls(polls), expireSessions: () => ctx.identityCenter.expireSessions() },
    close: async () => { await Promise.all(listeners.map(l => l.close())); },
  };
}
