import type { ApiStyle, BedrockRequest, StreamEvent } from '../../model';
import type { ChatDriver, DriverContext } from '../driver';
import { converseInput } from '../../formats/converseRequest';
import { ConverseStreamNormalizer, converseReplyEvents } from '../../formats/converseEvents';
import { runtimeClient } from './runtimeClient';
import { pumpEvents } from '../eventPump';
import { sdks } from '../../sdks';

/** Converse and ConverseStream on bedrock-runtime, through @aws-sdk/client-bedrock-runtime. */
export class ConverseDriver implements ChatDriver {
  readonly families = ['runtime'] as const;
  constructor(readonly style: Extract<ApiStyle, 'converse' | 'converse-stream'>) {}

  async *stream(req: BedrockRequest, ctx: DriverContext): AsyncGenerator<StreamEvent> {
    const sdk = sdks.bedrockRuntime();
    const client = await runtimeClient(ctx.endpoint, ctx.region, ctx.auth);
    const input = converseInput(req, req.model);
    if (this.style === 'converse') {
      const out = await client.send(new sdk.ConverseCommand(input), { abortSignal: ctx.signal });
      if (out.serviceTier?.type) yield { type: 'service-tier', tier: out.serviceTier.type };
      yield* converseReplyEvents(out.output, out.stopReason, out.usage, out.trace?.guardrail);
      return;
    }
    const out = await client.send(new sdk.ConverseStreamCommand(input), { abortSignal: ctx.signal });
    if (out.stream) yield* pumpEvents(out.stream, new ConverseStreamNormalizer());
    else yield* new ConverseStreamNormalizer().end();
  }
}
