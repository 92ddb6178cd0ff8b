import type { ApiStyle, BedrockRequest, StreamEvent, Usage } from '../../model';
import { BedrockRequestError } from '../../errors';
import { sdks } from '../../sdks';
import type { ChatDriver, DriverContext } from '../driver';
import { CHAT_CODECS, FAMILIES_WITH_TOOLS } from './bodies/chatCodecs';
import { invokeFamily, isChatFamily, type ChatFamily, type InvokeFamily } from './bodies/family';
import { headerUsage, invocationMetricsUsage } from './bodies/usage';
import { decodeChunk, withResponseHeaders } from './invokeWire';
import { runtimeClient } from './runtimeClient';

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
    };
    const sdk = sdks.bedrockRuntime();
    const client = await runtimeClient(ctx.endpoint, ctx.region, ctx.auth);
    if (!streaming) {
      const { command, headers } = withResponseHeaders(new sdk.InvokeModelCommand(input));
      const out = await client.send(command, { abortSignal: ctx.signal });
      const body: unknown = JSON.parse(new TextDecoder().decode(out.body));
      yield* withUsage(codec.reply(body), headerUsage(headers()));
      return;
    }
    const out = await client.send(new sdk.InvokeModelWithResponseStreamCommand(input), { abortSignal: ctx.signal });
    const parser = codec.chunks();
    let metrics: Usage | undefined;
    let sawUsage = false;
    for await (const part of out.body ?? []) {
      const chunk = decodeChunk(part);
      if (chunk === undefined) continue;
      metrics = invocationMetricsUsage(chunk) ?? metrics;
      for (const e of parser.push(chunk)) {
        if (e.type === 'usage') sawUsage = true;
        else if (e.type === 'stop' && !sawUsage && metrics) { sawUsage = true; yield { type: 'usage', usage: metrics }; }
        yield e;
      }
    }
    for (const e of parser.end()) {
      if (e.type === 'usage') sawUsage = true;
      else if (e.type === 'stop' && !sawUsage && metrics) { sawUsage = true; yield { type: 'usage', usage: metrics }; }
      yield e;
    }
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

/** A whole reply's events with the header usage put in front of the stop when the body carried none. */
function* withUsage(events: Iterable<StreamEvent>, fromHeaders: Usage | undefined): Generator<StreamEvent> {
  let sawUsage = false;
  for (const e of events) {
    if (e.type === 'usage') sawUsage = true;
    else if (e.type === 'stop' && !sawUsage && fromHeaders) yield { type: 'usage', usage: fromHeaders };
    yield e;
  }
}
