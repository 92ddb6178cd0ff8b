import type { AuthConfig } from './auth/authenticate';
import type { FaultScript, FaultSet } from './faults';
import type { Exchange } from './http/exchange';
import type { RecordedRequest } from './recorder';
import type { Reply, ReplyRequest } from './replyGenerator';
import type { ResponsesStore } from './mantle/responsesStore';
import type { AsyncJobs } from './runtime/asyncJobs';
import type { ApplicationProfile } from './models';
import type { Projects } from './control/projects';
import type { PromptCache } from './promptCache';
import type { IdentityCenter } from './sso/identityCenter';

/** State shared by every route of one emulator instance. */
export interface EmulatorContext {
  region: string;
  auth: AuthConfig;
  tokensPerSecond: number;
  asyncJobDurationMs: number;
  /** Refuse Claude on the OpenAI routes and other models on Messages, as mantle does. */
  strictRoutes: boolean;
  requests: RecordedRequest[];
  faultScript: FaultScript;
  responses: ResponsesStore;
  asyncJobs: AsyncJobs;
  /** Application inference profiles created with CreateInferenceProfile. */
  applicationProfiles: ApplicationProfile[];
  /** Bedrock Projects (the `default` one and those made with CreateProject). */
  projects: Projects;
  /** Prompt prefixes written by requests with cache points, per model. */
  promptCache: PromptCache;
  /** IAM Identity Center: OIDC device flow and role credentials for SSO profiles. */
  identityCenter: IdentityCenter;
  /** Next scripted reply if any, else the current generator. */
  reply(request: ReplyRequest): Promise<Reply | string>;
}

/** One authenticated request on its way through a route handler. */
export interface Call {
  ex: Exchange;
  ctx: EmulatorContext;
  faults: FaultSet;
  record: RecordedRequest;
  /** Path parameters captured by the route pattern, percent-decoded. */
  params: Record<string, string>;
}

/** Token pacing for this call: the fault wins over the emulator default. */
export function pacing(call: Call): number {
  return call.faults.tokensPerSecond ?? call.ctx.tokensPerSecond;
}
