import type { ResolvedAuth } from './credentials/auth';
import type { ChatDriver, DriverContext } from './drivers/driver';
import { EndpointOverrides, resolveEndpoint } from './endpoints';
import { BedrockError, toBedrockError } from './errors';
import type { ApiStyle, BedrockRequest, EndpointFamily, StreamEvent } from './model';
import { guardrailApplies } from './guardrails/support';
import { InferenceProfileRef, resolveModelId } from './modelIds';

/** What the router needs from the rest of the service, injected so it runs in plain Node tests. */
export interface RouterEnvironment {
  region(): string;
  endpoints(): EndpointOverrides;
  /** 'auto' applies the seed's rule: OpenAI and Anthropic styles go to mantle. */
  preferredFamily(): 'auto' | EndpointFamily;
  auth(family: EndpointFamily): Promise<ResolvedAuth>;
  profile(): string | undefined;
  /** Inference profiles and whether a model needs one, from the catalogue (empty before it loads). */
  profiles(): readonly InferenceProfileRef[];
  needsProfile(modelId: string): boolean;
  log(message: string): void;
}

const RUNTIME_ONLY: readonly ApiStyle[] = ['converse', 'converse-stream', 'invoke-model', 'invoke-model-stream'];

export function defaultFamily(style: ApiStyle, preferred: 'auto' | EndpointFamily): EndpointFamily {
  if (RUNTIME_ONLY.includes(style)) return 'runtime';
  return preferred === 'auto' ? 'mantle' : preferred;
}

/**
 * Picks the driver for a request's API style and endpoint family, resolves the model id for that family and
 * region, and turns the driver's stream into events that always end with `stop` or `error`: an error never throws
 * past the router, so whatever text already streamed stays with the caller.
 */
export class Router {
  private readonly drivers = new Map<ApiStyle, ChatDriver>();

  constructor(private readonly env: RouterEnvironment, drivers: readonly ChatDriver[]) {
    for (const d of drivers) this.drivers.set(d.style, d);
  }

  supports(style: ApiStyle, family: EndpointFamily): boolean {
    return this.drivers.get(style)?.families.includes(family) ?? false;
  }

  async *stream(request: BedrockRequest, signal: AbortSignal): AsyncGenerator<StreamEvent> {
    const region = this.env.region();
    const family = request.family ?? defaultFamily(request.apiStyle, this.env.preferredFamily());
    const errorContext = { region, profile: this.env.profile(), model: request.model };
    const driver = this.drivers.get(request.apiStyle);
    if (!driver || !driver.families.includes(family)) {
      yield { type: 'error', error: unsupported(request.apiStyle, family) };
      return;
    }
    let stopped = false;
    try {
      const resolved = resolveModelId(request.model, family, region, this.env.profiles(), this.env.needsProfile(request.model));
      if (resolved.note) this.env.log(resolved.note);
      if (request.guardrail && !guardrailApplies(request.apiStyle, family)) this.env.log(`guardrail ${request.guardrail.id} is not applied: ${request.apiStyle} on bedrock-${family} has no guardrail parameter`);
      const ctx: DriverContext = {
        region, family, signal, log: m => this.env.log(m),
        endpoint: resolveEndpoint(family, region, this.env.endpoints()),
        auth: await this.env.auth(family),
      };
      for await (const e of driver.stream({ ...request, model: resolved.id, family }, ctx)) {
        if (signal.aborted) break;
        if (e.type === 'stop') stopped = true;
        yield e;
      }
      if (signal.aborted && !stopped) yield { type: 'stop', reason: 'aborted' };
      else if (!stopped) yield { type: 'stop', reason: 'end_turn' };
    } catch (e) {
      if (signal.aborted) {
        yield { type: 'stop', reason: 'aborted' };
        return;
      }
      const error = toBedrockError(e, errorContext);
      this.env.log(`${request.apiStyle} on ${family} for ${request.model} failed: ${error.detail}`);
      yield { type: 'error', error };
    }
  }
}

function unsupported(style: ApiStyle, family: EndpointFamily): BedrockError {
  const message = RUNTIME_ONLY.includes(style)
    ? `${style} is a bedrock-runtime API; it is not served by bedrock-mantle.`
    : `The ${style} API is not available on bedrock-${family} in this version.`;
  return { kind: 'validation', message, detail: message, retryable: false, action: { kind: 'show-log' } };
}
