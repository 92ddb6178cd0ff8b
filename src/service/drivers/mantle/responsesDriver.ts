import type { BedrockRequest, StreamEvent } from '../../model';
import type { ChatDriver, DriverContext } from '../driver';
import { openaiClient, projectHeaders } from './openaiClient';
import { responsesBody } from '../../formats/responsesRequest';
import { ResponsesNormalizer, responseEvents } from '../../formats/responsesEvents';
import { pumpEvents } from '../eventPump';

/**
 * OpenAI Responses on bedrock-mantle (stateful chains with previous_response_id/store, tools) or bedrock-runtime
 * (`/openai/v1/responses`; synchronous only). Each reply starts with a `response-id` event the caller keeps to
 * chain the next turn.
 */
export class ResponsesDriver implements ChatDriver {
  readonly style = 'responses' as const;
  readonly families = ['mantle', 'runtime'] as const;

  async *stream(req: BedrockRequest, ctx: DriverContext): AsyncGenerator<StreamEvent> {
    const client = await openaiClient(ctx.family, ctx.endpoint, ctx.region, ctx.auth);
    const options = { signal: ctx.signal, headers: projectHeaders(req.project) };
    if (req.stream === false) {
      const { stream: _s, ...body } = responsesBody(req);
      yield* responseEvents(await client.responses.create({ ...body, stream: false }, options));
      return;
    }
    const stream = await client.responses.create(responsesBody(req), options);
    yield* pumpEvents(stream, new ResponsesNormalizer());
  }
}
