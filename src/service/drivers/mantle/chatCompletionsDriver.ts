import type { BedrockRequest, StreamEvent } from '../../model';
import type { ChatDriver, DriverContext } from '../driver';
import { chatCompletionsBody } from '../../formats/chatCompletionsRequest';
import { ChatCompletionsNormalizer, chatCompletionEvents } from '../../formats/chatCompletionsEvents';
import { openaiClient, projectHeaders } from './openaiClient';
import { pumpEvents } from '../eventPump';

/** OpenAI Chat Completions on bedrock-mantle or bedrock-runtime (`/openai/v1/chat/completions`). */
export class ChatCompletionsDriver implements ChatDriver {
  readonly style = 'chat-completions' as const;
  readonly families = ['mantle', 'runtime'] as const;

  async *stream(req: BedrockRequest, ctx: DriverContext): AsyncGenerator<StreamEvent> {
    const client = await openaiClient(ctx.family, ctx.endpoint, ctx.region, ctx.auth);
    const options = { signal: ctx.signal, headers: projectHeaders(req.project) };
    if (req.stream === false) {
      const { stream: _s, stream_options: _o, ...body } = chatCompletionsBody(req);
      yield* chatCompletionEvents(await client.chat.completions.create({ ...body, stream: false }, options));
      return;
    }
    const stream = await client.chat.completions.create(chatCompletionsBody(req), options);
    yield* pumpEvents(stream, new ChatCompletionsNormalizer());
  }
}
