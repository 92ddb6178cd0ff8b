import type { ResolvedAuth } from './credentials/auth';
import { resolveAuth } from './credentials/resolveAuth';
import { shortTermApiKey, type ShortTermApiKey } from './credentials/shortTermKey';
import type { CredentialChoice, SecretReader } from './credentials/sources';
import type { Catalogue } from './catalogue/modelCatalogue';
import { loadCatalogue } from './catalogue/loadCatalogue';
import type { ChatDriver } from './drivers/driver';
import { onDemandDrivers } from './drivers/onDemand';
import type { EndpointFamily, EndpointOverrides } from './endpoints';
import type { ApiStyle, BedrockRequest, StreamEvent, Usage } from './model';
import { Router } from './router';
import { backgroundResponse, cancelBackgroundResponse, pollBackgroundResponse, startBackgroundResponse, type BackgroundTarget } from './drivers/mantle/backgroundResponses';
import { resolveEndpoint } from './endpoints';
import { invalidRegion, isAwsRegion } from './partitions';
import { toBedrockError } from './errors';
import { isArn, stripProfilePrefix } from './modelIds';
import { invokeFamily, type InvokeFamily } from './drivers/runtime/bodies/family';
import type { ControlContext } from './control/controlClient';
import { listGuardrails, type GuardrailSummary } from './control/guardrails';
import { archiveProject, createProject, listProjects, updateProject, type DataRetentionMode, type NewProject, type Project } from './control/projects';
import { createApplicationProfile, deleteApplicationProfile, listApplicationProfiles, type ApplicationProfile, type NewApplicationProfile } from './control/inferenceProfiles';
import type { GuardrailReport } from './guardrails/report';
import type { GuardrailRef } from './model';
import { applyGuardrail } from './runtime/applyGuardrail';
import { runtimeContext } from './runtime/context';
import type { Response } from 'openai/resources/responses/responses';
import { countPromptTokens, type CountablePrompt, type TokenCount } from './tokens/countTokens';
import { routeSdkLogs, type DebugLog } from './sdkLog';

export interface ServiceConfig {
  region: string;
  endpoints: EndpointOverrides;
  endpointFamily: 'auto' | EndpointFamily;
  credentials: CredentialChoice;
}

/** One reply's usage as the API reported it, for whoever keeps the session's totals. */
export interface UsageRecord {
  model: string;
  apiStyle: ApiStyle;
  region: string;
  usage: Usage;
  /** The tier the service reported, when it did. */
  serviceTier?: string;
  /** The Project (Workspace on Messages) the request named; absent: the account's default project. */
  project?: string;
}

export interface ServiceDeps {
  config(): ServiceConfig;
  secrets: SecretReader;
  env: NodeJS.ProcessEnv;
  log(message: string): void;
  /** The log at debug level: the only place the SDKs' own diagnostics may go (they can quote model text). */
  debug?: DebugLog;
  drivers?: ChatDriver[];
  /** Called once per request that reported usage, whichever front end sent it. */
  onUsage?(record: UsageRecord): void;
}

/**
 * The background service every front end talks to: it alone holds credentials and calls AWS. Plain Node (no
 * vscode), so the whole request path runs in unit tests against the emulator; VS Code glue supplies the config,
 * the secret store and the log.
 */
export class BedrockService {
  private readonly router: Router;
  private auth: Promise<ResolvedAuth> | undefined;
  private authKey = '';
  private readonly catalogues = new Map<string, Promise<Catalogue>>();
  private readonly resolved = new Map<string, Catalogue>();

  constructor(private readonly deps: ServiceDeps) {
    routeSdkLogs(deps.debug);
    this.router = new Router({
      region: () => deps.config().region,
      endpoints: () => deps.config().endpoints,
      preferredFamily: () => deps.config().endpointFamily,
      auth: () => this.currentAuth(),
      profile: () => {
        const c = deps.config().credentials;
        return c.kind === 'profile' ? c.profile : deps.env.AWS_PROFILE;
      },
      profiles: () => this.loadedCatalogue()?.profiles ?? [],
      needsProfile: id => this.loadedCatalogue()?.models.find(m => m.id === id)?.needsProfile ?? false,
      log: deps.log,
    }, deps.drivers ?? onDemandDrivers(id => this.invokeFamilyOf(id)));
  }

  /** An application profile's ARN hides its model: the catalogue's listing of the profile says which it is. */
  private invokeFamilyOf(modelId: string): InvokeFamily | undefined {
    const direct = invokeFamily(modelId);
    if (direct || !isArn(modelId)) return direct;
    const p = this.loadedCatalogue()?.applicationProfiles.find(x => x.arn === modelId);
    return p?.modelIds.map(invokeFamily).find(f => f !== undefined);
  }

  private async control(signal?: AbortSignal): Promise<ControlContext> {
    const { region, endpoints } = this.deps.config();
    return { region, endpoints, auth: await this.currentAuth(), signal, log: this.deps.log };
  }

  /** The account's guardrails (each one's DRAFT), or every version of one guardrail. */
  async listGuardrails(options: { guardrailId?: string; signal?: AbortSignal } = {}): Promise<GuardrailSummary[]> {
    return listGuardrails(await this.control(options.signal), options.guardrailId);
  }

  /** ApplyGuardrail on text, as user input or as model output. */
  async applyGuardrail(guardrail: GuardrailRef, source: 'input' | 'output', text: string, signal?: AbortSignal): Promise<GuardrailReport> {
    const { region, endpoints } = this.deps.config();
    return applyGuardrail(runtimeContext({ region, endpoints, auth: await this.currentAuth(), signal, log: this.deps.log }), guardrail, source, text);
  }

  async listApplicationProfiles(signal?: AbortSignal): Promise<ApplicationProfile[]> {
    return listApplicationProfiles(await this.control(signal));
  }

  /** Creates an application inference profile; the catalogue is reloaded next time so it lists the new one. */
  async createApplicationProfile(profile: NewApplicationProfile, signal?: AbortSignal): Promise<string> {
    const arn = await createApplicationProfile(await this.control(signal), profile);
    this.forgetCatalogue();
    return arn;
  }

  async deleteApplicationProfile(arnOrId: string, signal?: AbortSignal): Promise<void> {
    await deleteApplicationProfile(await this.control(signal), arnOrId);
    this.forgetCatalogue();
  }

  /** The account's Projects in the current region (the default project included). */
  async listProjects(signal?: AbortSignal): Promise<Project[]> {
    return listProjects(await this.control(signal));
  }

  async createProject(project: NewProject, signal?: AbortSignal): Promise<Project> {
    return createProject(await this.control(signal), project);
  }

  async updateProject(idOrArn: string, change: { name: string } | { dataRetention: DataRetentionMode }, signal?: AbortSignal): Promise<Project> {
    return updateProject(await this.control(signal), idOrArn, change);
  }

  async archiveProject(idOrArn: string, signal?: AbortSignal): Promise<Project> {
    return archiveProject(await this.control(signal), idOrArn);
  }

  private forgetCatalogue(): void {
    const { region, endpoints } = this.deps.config();
    const key = `${region}|${JSON.stringify(endpoints)}`;
    this.catalogues.delete(key);
  }

  /** Streams one reply. Never throws: failures arrive as an `error` event after whatever was already streamed. */
  async *stream(request: BedrockRequest, signal: AbortSignal): AsyncGenerator<StreamEvent> {
    const region = this.deps.config().region;
    let usage: Usage | undefined;
    let serviceTier: string | undefined;
    try {
      for await (const e of this.router.stream(request, signal)) {
        // some APIs report usage more than once (running totals): the last report is the reply's
        if (e.type === 'usage') usage = e.usage;
        else if (e.type === 'service-tier') serviceTier = e.tier;
        yield e;
      }
    } finally {
      if (usage) this.recordUsage({ model: request.model, apiStyle: request.apiStyle, region, usage, ...(serviceTier ? { serviceTier } : {}), ...(request.project ? { project: request.project } : {}) });
    }
  }

  private recordUsage(record: UsageRecord): void {
    try {
      this.deps.onUsage?.(record);
    } catch (e) {
      this.deps.log(`usage listener failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /**
   * A Responses request in background mode on bedrock-mantle: queued on the server, polled until done (each status
   * reported), cancelled on the server if `signal` aborts. Like `stream`, it never throws.
   */
  async *background(request: Omit<BedrockRequest, 'apiStyle' | 'family'>, signal: AbortSignal, onStatus?: (status: Response['status'], id: string) => void, pollMs?: number): AsyncGenerator<StreamEvent> {
    const { region, endpoints } = this.deps.config();
    try {
      yield* backgroundResponse({ ...request, model: stripProfilePrefix(request.model), apiStyle: 'responses', family: 'mantle' }, {
        region, endpoint: resolveEndpoint('mantle', region, endpoints), auth: await this.currentAuth(), signal, onStatus, pollMs,
      });
    } catch (e) {
      if (signal.aborted) {
        yield { type: 'stop', reason: 'aborted' };
        return;
      }
      const error = toBedrockError(e, { region, model: request.model });
      this.deps.log(`background response failed: ${error.detail}`);
      yield { type: 'error', error };
    }
  }

  /**
   * Queues a Responses request in background mode on bedrock-mantle and returns its id and first status at once;
   * `watchBackground` follows it. Throws a BedrockError when the server refuses it.
   */
  async startBackground(request: Omit<BedrockRequest, 'apiStyle' | 'family'>, signal?: AbortSignal): Promise<{ id: string; status: Response['status'] }> {
    const { region } = this.deps.config();
    try {
      const r = await startBackgroundResponse({ ...request, model: stripProfilePrefix(request.model), apiStyle: 'responses', family: 'mantle' }, { ...(await this.backgroundTarget(request.project)), signal });
      return { id: r.id, status: r.status };
    } catch (e) {
      const error = toBedrockError(e, { region, model: request.model });
      this.deps.log(`background response refused: ${error.detail}`);
      throw error;
    }
  }

  /**
   * Follows a background response (started here or before a reload) until it ends: each status reported, then its
   * result as the usual events, its usage recorded. Aborting stops watching only; the job goes on on the server.
   * Like `stream`, it never throws.
   */
  async *watchBackground(id: string, about: { model: string; project?: string }, signal: AbortSignal, onStatus?: (status: Response['status'], id: string) => void, pollMs?: number): AsyncGenerator<StreamEvent> {
    const { region } = this.deps.config();
    let usage: Usage | undefined;
    try {
      for await (const e of pollBackgroundResponse(id, { ...(await this.backgroundTarget(about.project)), signal, onStatus, pollMs })) {
        if (e.type === 'usage') usage = e.usage;
        yield e;
      }
    } catch (e) {
      if (signal.aborted) return;
      const error = toBedrockError(e, { region, model: about.model });
      this.deps.log(`background response ${id} failed: ${error.detail}`);
      yield { type: 'error', error };
    } finally {
      if (usage) this.recordUsage({ model: about.model, apiStyle: 'responses', region, usage, ...(about.project ? { project: about.project } : {}) });
    }
  }

  /** Cancels a queued or running background response on the server; returns the status it ends in. */
  async cancelBackground(id: string, project?: string): Promise<Response['status']> {
    const { region } = this.deps.config();
    try {
      return await cancelBackgroundResponse(id, await this.backgroundTarget(project));
    } catch (e) {
      throw toBedrockError(e, { region, model: id });
    }
  }

  private async backgroundTarget(project: string | undefined): Promise<BackgroundTarget> {
    const { region, endpoints } = this.deps.config();
    return { region, endpoint: resolveEndpoint('mantle', region, endpoints), auth: await this.currentAuth(), ...(project ? { project } : {}) };
  }

  /** The prompt's input tokens: Bedrock's CountTokens where the model supports it, else a labelled estimate. */
  async countTokens(prompt: CountablePrompt, signal?: AbortSignal): Promise<TokenCount> {
    const { region, endpoints } = this.deps.config();
    return countPromptTokens(prompt, { region, endpoint: resolveEndpoint('runtime', region, endpoints), auth: () => this.currentAuth(), signal, log: this.deps.log });
  }

  supports(style: ApiStyle, family: EndpointFamily): boolean {
    return this.router.supports(style, family);
  }

  /** The model catalogue for the current region, loaded once and kept until `refresh`. */
  catalogue(options: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<Catalogue> {
    const { region, endpoints } = this.deps.config();
    const key = `${region}|${JSON.stringify(endpoints)}`;
    let c = this.catalogues.get(key);
    if (!c || options.refresh) {
      // refused as a whole, not as one problem per family: nothing is listed for a region that is not a region
      if (!isAwsRegion(region)) return Promise.reject(invalidRegion(region));
      c = loadCatalogue({ region, endpoints, auth: () => this.currentAuth(), signal: options.signal });
      this.catalogues.set(key, c);
      c.then(cat => { this.resolved.set(key, cat); }, () => this.catalogues.delete(key));
    }
    return c;
  }

  private loadedCatalogue(): Catalogue | undefined {
    const { region, endpoints } = this.deps.config();
    return this.resolved.get(`${region}|${JSON.stringify(endpoints)}`);
  }

  /** A short-term Bedrock API key (12 hours at most) from the credentials in use, for the current region. */
  async shortTermApiKey(): Promise<ShortTermApiKey> {
    return shortTermApiKey(await this.currentAuth(), this.deps.config().region);
  }

  /** Forget cached credentials (after sign-in, or when the user fixed an expired SSO session). */
  resetCredentials(): void {
    this.auth = undefined;
    // A catalogue that failed for want of credentials would otherwise stay half-empty until an explicit refresh.
    for (const [key, cat] of this.resolved) {
      if (!cat.problems.length) continue;
      this.resolved.delete(key);
      this.catalogues.delete(key);
    }
  }

  currentAuth(): Promise<ResolvedAuth> {
    const choice = this.deps.config().credentials;
    const key = JSON.stringify(choice);
    if (!this.auth || key !== this.authKey) {
      this.authKey = key;
      this.auth = resolveAuth({ choice, secrets: this.deps.secrets, env: this.deps.env });
      this.auth.catch(() => { this.auth = undefined; });
    }
    return this.auth;
  }
}
