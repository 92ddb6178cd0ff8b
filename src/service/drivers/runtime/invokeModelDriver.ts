import type { ApiStyle, BedrockRequest, StreamEvent, Usage } from '../../model';
import { BedrockRequestError } from '../../errors';
import { blocked, invokeGuardrailReport, type GuardrailReport } from '../../guardrails/report';
import { sdks } from '../../sdks';
import type { ChatDriver, DriverContext } from '../driver';
import { CHAT_CODECS, FAMILIES_WITH_TOOLS } from './bodies/chatCodecs';
import { invokeFamily, isChatFamily, type ChatFamily, type InvokeFamily } from './bodies/family';
import { headerUsage, invocationMetricsUsage } from './bodies/usage';
import type { ChunkParser } from './bodies/chunkParser';
import { decodeChunk, withResponseHeaders } from './invokeWire';
import type { ResponseStream } from '@aws-sdk/client-bedrock-runtime';
import { runtimeClient } from './runtimeClient';
import { pumpEvents, type EventMapper } from '../eventPump';

/** Finds the body dialect of a model; the default reads the id, an override can ask the catalogue (application profiles). */
export type FamilyResolver = (modelId: string) => InvokeFamily | undefined;

/**
 * InvokeModel and InvokeModelWithResponseStream with each chat model's native body, through
 * @aws-sdk/client-bedrock-runtime. Usage comes from the body when the family reports it, else from Bedrock's
 * token-count headers (InvokeModel) or `amazon-bedrock-invocationMetrics` (stream).
 */
export class InvokeModelDriver implements ChatDriver {
  readonly families = ['runtime'] as const;

  constructor(readonly style: Extract<ApiStyle, 'invoke-model' | 'invoke-model-stream'>, private readonly familyOf: FamilyResolver = invokeFamily) {}

  async *stream(req: BedrockRequest, ctx: DriverContext): AsyncGenerator<StreamEvent> {
    const family = this.chatFamily(req.model);
    if (req.tools?.length && !FAMILIES_WITH_TOOLS.includes(family)) ctx.log(`${req.model}: the ${family} InvokeModel body has no tools; sending the request without them`);
    const codec = CHAT_CODECS[family];
    const streaming = this.style === 'invoke-model-stream';
    const input = {
      modelId: req.model,
      contentType: 'application/json',
      accept: 'application/json',
      body: new TextEncoder().encode(JSON.stringify(codec.body(req, streaming))),
      // InvokeModel takes the guardrail as headers; the verdict comes back inside the model's own JSON
      ...(req.guardrail ? { guardrailIdentifier: req.guardrail.id, guardrailVersion: req.guardrail.version, trace: 'ENABLED' as const } : {}),
      ...(req.serviceTier ? { serviceTier: req.serviceTier } : {}),
    };
    const sdk = sdks.bedrockRuntime();
    const client = await runtimeClient(ctx.endpoint, ctx.region, ctx.auth);
    if (!streaming) {
      const { command, headers } = withResponseHeaders(new sdk.InvokeModelCommand(input));
      const out = await client.send(command, { abortSignal: ctx.signal });
      const body: unknown = JSON.parse(new TextDecoder().decode(out.body));
      if (out.serviceTier) yield { type: 'service-tier', tier: out.serviceTier };
      yield* withGuardrail(withUsage(codec.reply(body), headerUsage(headers())), () => invokeGuardrailReport(body));
      return;
    }
    const out = await client.send(new sdk.InvokeModelWithResponseStreamCommand(input), { abortSignal: ctx.signal });
    if (out.serviceTier) yield { type: 'service-tier', tier: out.serviceTier };
    let report: GuardrailReport | undefined;
    const mapper = this.chunkEvents(codec.chunks(), c => { report = invokeGuardrailReport(c) ?? report; });
    yield* withGuardrail(out.body ? pumpEvents(out.body, mapper) : mapper.end(), () => report);
  }

  private chunkEvents(parser: ChunkParser, onChunk: (chunk: unknown) => void): Required<EventMapper<ResponseStream>> {
    let metrics: Usage | undefined;
    let sawUsage = false;
    // usage from invocation metrics goes in front of the stop when the body itself reported none
    function* withMetrics(events: Iterable<StreamEvent>): Generator<StreamEvent> {
      for (const e of events) {
        if (e.type === 'usage') sawUsage = true;
        else if (e.type === 'stop' && !sawUsage && metrics) { sawUsage = true; yield { type: 'usage', usage: metrics }; }
        yield e;
      }
    }
    return {
      push(part) {
        const chunk = decodeChunk(part);
        if (chunk === undefined) return [];
        onChunk(chunk);
        metrics = invocationMetricsUsage(chunk) ?? metrics;
        return withMetrics(parser.push(chunk));
      },
      end: () => withMetrics(parser.end()),
    };
  }

  private chatFamily(model: string): ChatFamily {
    const family = this.familyOf(model);
    if (isChatFamily(family)) return family;
    const message = family
      ? `${model} is not a chat model (${family}); use its own command (embeddings, rerank, image) instead of a chat request.`
      : `Cannot tell which model family ${model} belongs to, so its InvokeModel body is unknown; choose the model's family or use Converse.`;
    throw new BedrockRequestError({ kind: 'validation', message, detail: message, retryable: false, action: { kind: 'choose-model' } });
  }
}

/**
 * Puts the guardrail's verdict in front of the stop, and turns the stop into `guardrail_intervened` when the
 * guardrail blocked: the model-native bodies have no such stop reason of their own.
 */
async function* withGuardrail(events: Iterable<StreamEvent> | AsyncIterable<StreamEvent>, report: () => GuardrailReport | undefined): AsyncGenerator<StreamEvent> {
  for await (const e of events) {
    if (e.type === 'stop') {
      const r = report();
      if (r) {
        yield { type: 'guardrail', report: r };
        if (r.intervened && blocked(r)) { yield { type: 'stop', reason: 'guardrail_intervened', raw: e.raw ?? e.reason }; continue; }
      }
    }
    yield e;
  }
}

/** A whole reply's events with the header usage put in front of the stop when the body carried none. */
function* withUsage(events: Iterable<StreamEvent>, fromHeaders: Usage | undefined): Generator<StreamEvent> {
  let sawUsage = false;
  for (const e of events) {
    if (e.type === 'usage') sawUsage = true;
    else if (e.type === 'stop' && !sawUsage && fromHeaders) yield { type: 'usage', usage: fromHeaders };
    yield e;
  }
}
