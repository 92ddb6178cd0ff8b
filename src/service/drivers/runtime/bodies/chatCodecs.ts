import type { BedrockRequest, StreamEvent } from '../../../model';
import { anthropicBody, anthropicReplyEvents, AnthropicChunkParser } from './anthropic';
import type { ChunkParser } from './chunkParser';
import type { ChatFamily } from './family';
import { llamaBody, llamaReplyEvents, LlamaChunkParser } from './llama';
import { mistralChatBody, mistralPromptBody, mistralReplyEvents, MistralChunkParser } from './mistral';
import { novaBody, novaReplyEvents, NovaChunkParser } from './nova';
import { openaiBody, openaiReplyEvents, OpenAIChunkParser } from './openai';
import type { Json } from './usage';

/** One chat-capable family: how to build its body, read a whole reply, and read its stream chunks. */
export interface ChatCodec {
  body(req: BedrockRequest, stream: boolean): Json;
  reply(body: unknown): Iterable<StreamEvent>;
  chunks(): ChunkParser;
}

export const CHAT_CODECS: Record<ChatFamily, ChatCodec> = {
  'anthropic': { body: anthropicBody, reply: anthropicReplyEvents, chunks: () => new AnthropicChunkParser() },
  'nova': { body: novaBody, reply: novaReplyEvents, chunks: () => new NovaChunkParser() },
  'llama': { body: llamaBody, reply: llamaReplyEvents, chunks: () => new LlamaChunkParser() },
  'mistral': { body: mistralPromptBody, reply: mistralReplyEvents, chunks: () => new MistralChunkParser() },
  'mistral-chat': { body: mistralChatBody, reply: mistralReplyEvents, chunks: () => new MistralChunkParser() },
  'openai': { body: openaiBody, reply: openaiReplyEvents, chunks: () => new OpenAIChunkParser() },
};

/** Which families can use tools through their native body (Llama and older Mistral prompts cannot). */
export const FAMILIES_WITH_TOOLS: readonly ChatFamily[] = ['anthropic', 'nova', 'mistral-chat', 'openai'];
