/**
 * "Which Bedrock API should I use?" as data: the seed's decision table (shared/bedrock-notes.md), one need → one API
 * on one endpoint family, with the reason and what else to know. No vscode import: unit tests check every row.
 */
import { defaultEndpoint } from '../service/endpoints';

export type NeedId =
  | 'production-chat' | 'raw-payload' | 'openai-migration' | 'stateful-agent'
  | 'claude-native' | 'embeddings-rerank-image' | 'video' | 'realtime-voice';

export type ApiId =
  | 'converse' | 'invoke-model' | 'chat-completions' | 'responses' | 'messages'
  | 'invoke-model-embeddings' | 'start-async-invoke' | 'bidirectional-stream';

export type Family = 'runtime' | 'mantle';

export interface Need {
  id: NeedId;
  label: string;
  detail: string;
}

export interface Recommendation {
  need: NeedId;
  api: ApiId;
  /** The API's name as AWS writes it. */
  apiName: string;
  family: Family;
  /** Why this API fits the need (one or two sentences). */
  why: string;
  /** Alternatives and caveats worth knowing before starting. */
  note: string;
}

export const NEEDS: readonly Need[] = [
  { id: 'production-chat', label: 'Chat or text generation in an AWS application', detail: 'Production chat, tools, guardrails, any model, one request shape' },
  { id: 'raw-payload', label: 'Send a model\'s own request body', detail: 'Model-specific parameters the common APIs do not expose' },
  { id: 'openai-migration', label: 'Move an existing OpenAI app to Bedrock', detail: 'Keep the OpenAI SDK and code; change the client and model id' },
  { id: 'stateful-agent', label: 'A stateful, agentic OpenAI-style app', detail: 'Server-side conversation state, tool loops, background responses' },
  { id: 'claude-native', label: 'Claude with the Anthropic SDK / Messages API', detail: 'Existing Anthropic code, Claude-native features' },
  { id: 'embeddings-rerank-image', label: 'Embeddings, reranking or image generation', detail: 'Titan / Cohere embeddings, Cohere Rerank, Nova Canvas' },
  { id: 'video', label: 'Video or another long media job', detail: 'Nova Reel: minutes-long jobs that write to S3' },
  { id: 'realtime-voice', label: 'Real-time voice conversation', detail: 'Speech in, speech and transcript out, with barge-in (Nova Sonic)' },
];

const TABLE: Record<NeedId, Omit<Recommendation, 'need'>> = {
  'production-chat': {
    api: 'converse', apiName: 'Converse / ConverseStream', family: 'runtime',
    why: 'One request and response shape for every chat model on Bedrock, with tools, guardrails, prompt caching and usage metrics; the AWS SDK signs with your IAM credentials.',
    note: 'Use ConverseStream to show text as it arrives. Newer models need an inference profile id (us., eu., global. …) rather than the base model id.',
  },
  'raw-payload': {
    api: 'invoke-model', apiName: 'InvokeModel / InvokeModelWithResponseStream', family: 'runtime',
    why: 'The body goes to the model exactly as you write it, in the model\'s own format, so every model-specific parameter is available.',
    note: 'Each model family has its own body (Anthropic, Nova, Llama, Mistral, gpt-oss…); "Invoke Model with Raw Payload…" opens a template with schema validation.',
  },
  'openai-migration': {
    api: 'chat-completions', apiName: 'OpenAI Chat Completions', family: 'mantle',
    why: 'Your OpenAI SDK code keeps working: point the client at bedrock-mantle with a Bedrock API key and change the model id.',
    note: 'The Responses API is served too. bedrock-runtime also serves these under /openai/v1; background responses and server-side tools are mantle-only.',
  },
  'stateful-agent': {
    api: 'responses', apiName: 'OpenAI Responses', family: 'mantle',
    why: 'The server keeps the conversation (previous_response_id), runs tool loops and can answer in the background, so an agent sends only what is new each turn.',
    note: 'Background responses, cancellation and server-side tools such as web search are bedrock-mantle only.',
  },
  'claude-native': {
    api: 'messages', apiName: 'Anthropic Messages', family: 'mantle',
    why: 'Anthropic\'s own API and SDK, so existing Claude code, thinking, tool use and prompt caching work as documented by Anthropic.',
    note: 'On bedrock-runtime, Claude is also reachable through Converse or InvokeModel with the Anthropic body; mantle takes bare model ids (anthropic.claude-…).',
  },
  'embeddings-rerank-image': {
    api: 'invoke-model-embeddings', apiName: 'InvokeModel (embeddings, rerank, images)', family: 'runtime',
    why: 'Embedding, rerank and image models are not chat models: each is called with InvokeModel and its own JSON body.',
    note: 'Titan Text Embeddings v2 takes one text per call, Cohere Embed up to 96; Cohere Rerank and Nova Canvas bodies are in the raw-payload templates.',
  },
  'video': {
    api: 'start-async-invoke', apiName: 'StartAsyncInvoke', family: 'runtime',
    why: 'Video takes minutes: the job runs asynchronously, writes its output to your S3 bucket, and you poll GetAsyncInvoke (or list jobs) for its status.',
    note: 'Bedrock needs permission to write to the bucket. "Start Video Job" and the Bedrock Jobs view do this from VS Code.',
  },
  'realtime-voice': {
    api: 'bidirectional-stream', apiName: 'InvokeModelWithBidirectionalStream', family: 'runtime',
    why: 'Audio goes up and speech plus transcript come back on one HTTP/2 stream at the same time, which is what a live voice conversation needs.',
    note: 'SigV4 only (Bedrock API keys are not accepted here). Audio in: 16 kHz 16-bit mono LPCM; out: 24 kHz LPCM. In VS Code, *Bedrock: Open Voice Conversation* does this: continuous speech through a system recorder (SoX, arecord or FFmpeg), the answer played as it streams, barge-in, live transcripts of both sides, typed turns with Nova 2 Sonic, read-only workspace tools, and a new stream with the conversation so far at the ~8-minute session limit.',
  },
};

export function recommend(need: NeedId): Recommendation {
  return { need, ...TABLE[need] };
}

export function endpointHost(family: Family, region: string): string {
  return new URL(defaultEndpoint(family, region)).host;
}
