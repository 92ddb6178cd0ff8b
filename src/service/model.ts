/**
 * The service's one request type and one stream-event type. Every driver translates its wire format into these
 * once; front ends never see Converse blocks, SSE chunks or event-stream frames.
 */
import type { EndpointFamily } from './endpoints';

export type { EndpointFamily } from './endpoints';

export type ApiStyle =
  | 'converse' | 'converse-stream'
  | 'invoke-model' | 'invoke-model-stream'
  | 'responses' | 'chat-completions' | 'messages';

export const API_STYLES: readonly ApiStyle[] = ['converse', 'converse-stream', 'invoke-model', 'invoke-model-stream', 'responses', 'chat-completions', 'messages'];

export const API_STYLE_LABELS: Record<ApiStyle, string> = {
  'converse': 'Converse',
  'converse-stream': 'ConverseStream',
  'invoke-model': 'InvokeModel',
  'invoke-model-stream': 'InvokeModel stream',
  'responses': 'OpenAI Responses',
  'chat-completions': 'OpenAI Chat Completions',
  'messages': 'Anthropic Messages',
};

export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image'; format: 'png' | 'jpeg' | 'gif' | 'webp'; data: Uint8Array }
  | { type: 'document'; format: 'pdf' | 'csv' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'html' | 'txt' | 'md'; name: string; data: Uint8Array }
  | { type: 'tool-call'; id: string; name: string; input: unknown }
  | { type: 'tool-result'; id: string; content: string; isError?: boolean }
  /** Prompt caching: everything before this part may be cached (Converse cachePoint / Anthropic cache_control). */
  | { type: 'cache-point' };

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: ContentPart[];
}

export interface ToolSpec {
  name: string;
  description?: string;
  /** JSON Schema of the tool's input object. */
  inputSchema: Record<string, unknown>;
}

export interface InferenceParams {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
}

export interface ReasoningOptions {
  /** Anthropic/Converse extended thinking budget; OpenAI styles map it to an effort level. */
  budgetTokens?: number;
  effort?: 'low' | 'medium' | 'high';
}

/**
 * Bedrock service tiers as the wire spells them: `default` is the Standard tier; omitting the field leaves the
 * choice to Bedrock (which also serves Standard). `reserved` needs a capacity reservation, so it is not offered.
 */
export type ServiceTier = 'default' | 'flex' | 'priority';
export const SERVICE_TIERS: readonly ServiceTier[] = ['default', 'flex', 'priority'];
export const SERVICE_TIER_LABELS: Record<ServiceTier, string> = { default: 'Standard', flex: 'Flex', priority: 'Priority' };
/** The API styles that carry a tier: Converse and InvokeModel (body / header) and mantle Responses (`service_tier`). */
export const SERVICE_TIER_STYLES: readonly ApiStyle[] = ['converse', 'converse-stream', 'invoke-model', 'invoke-model-stream', 'responses'];

export interface BedrockRequest {
  model: string;
  messages: ChatMessage[];
  system?: string;
  params?: InferenceParams;
  tools?: ToolSpec[];
  toolChoice?: 'auto' | 'any' | 'none' | { name: string };
  reasoning?: ReasoningOptions;
  /** Prompt caching: a cache point right after the system prompt (Converse `cachePoint`, Messages `cache_control`). */
  cacheSystemPrompt?: boolean;
  apiStyle: ApiStyle;
  /** Omitted: the router picks the family the API style belongs to by default. */
  family?: EndpointFamily;
  /** mantle Projects (OpenAI styles) / Workspaces (Messages). */
  project?: string;
  /**
   * For the OpenAI and Anthropic styles: false asks for the whole reply in one response instead of a stream (it
   * still arrives as the same events). Converse / InvokeModel choose this through their API style.
   */
  stream?: boolean;
  /** Sent where the API takes it (Converse, InvokeModel, Responses); omitted: the service's default. */
  serviceTier?: ServiceTier;
  /** Responses API state. */
  previousResponseId?: string;
  store?: boolean;
  /** Converse/ConverseStream send it as `guardrailConfig`, InvokeModel as headers (trace on); other styles cannot. */
  guardrail?: GuardrailRef;
}

/** A guardrail to apply: its id (or ARN) and version (`DRAFT` or a number). */
export interface GuardrailRef {
  id: string;
  version: string;
  /** For display only (the guardrail's name as listed). */
  name?: string;
}

export type StopReason =
  | 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'guardrail_intervened'
  | 'content_filtered' | 'aborted' | 'other';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  /** Of `outputTokens`, those spent reasoning, where the wire reports them (Responses, Chat Completions). */
  reasoningTokens?: number;
}

export type StreamEvent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'tool-call-start'; id: string; name: string }
  | { type: 'tool-call-delta'; id: string; argumentsDelta: string }
  | { type: 'tool-call-end'; id: string; input: unknown }
  | { type: 'usage'; usage: Usage }
  | { type: 'stop'; reason: StopReason; raw?: string }
  /** Responses API: the id to chain the next turn on. */
  | { type: 'response-id'; id: string }
  /** What a guardrail assessed (its trace), whether or not it intervened. */
  | { type: 'guardrail'; report: import('./guardrails/report').GuardrailReport }
  /** The tier the service says served the request (as reported, which may differ from the one asked for). */
  | { type: 'service-tier'; tier: string }
  | { type: 'error'; error: import('./errors').BedrockError };
