import type { InvokeFamily } from './family';
import type { Json } from './usage';

/**
 * JSON Schemas (draft-07) of the native bodies, for completion and validation in the raw-payload editor. They
 * require what Bedrock requires and describe the fields the builders use; unknown fields are allowed, because
 * models gain parameters faster than this list does and Bedrock itself is the final judge.
 */
const str = (description?: string): Json => ({ type: 'string', ...(description ? { description } : {}) });
const int = (min?: number, max?: number, description?: string): Json => ({ type: 'integer', ...(min !== undefined ? { minimum: min } : {}), ...(max !== undefined ? { maximum: max } : {}), ...(description ? { description } : {}) });
const num = (min: number, max: number, description?: string): Json => ({ type: 'number', minimum: min, maximum: max, ...(description ? { description } : {}) });
const strings: Json = { type: 'array', items: { type: 'string' } };
const obj = (properties: Record<string, Json>, required: string[] = [], description?: string): Json =>
  ({ type: 'object', properties, ...(required.length ? { required } : {}), ...(description ? { description } : {}) });
const role = (roles: string[]): Json => ({ type: 'string', enum: roles });

const converseTools = obj({
  tools: { type: 'array', items: obj({ toolSpec: obj({ name: str(), description: str(), inputSchema: obj({ json: { type: 'object' } }, ['json']) }, ['name', 'inputSchema']) }, ['toolSpec']) },
  toolChoice: { type: 'object', description: '{ "auto": {} }, { "any": {} } or { "tool": { "name": "…" } }' },
}, ['tools']);

const openAiTools: Json = { type: 'array', items: obj({ type: { const: 'function' }, function: obj({ name: str(), description: str(), parameters: { type: 'object' } }, ['name']) }, ['type', 'function']) };

const SCHEMAS: Partial<Record<InvokeFamily, Json>> = {
  'anthropic': obj({
    anthropic_version: { const: 'bedrock-2023-05-31', description: 'Required on Bedrock in place of the anthropic-version header.' },
    max_tokens: int(1),
    messages: { type: 'array', minItems: 1, items: obj({ role: role(['user', 'assistant']), content: { type: ['string', 'array'] } }, ['role', 'content']) },
    system: { type: ['string', 'array'] },
    temperature: num(0, 1), top_p: num(0, 1), top_k: int(0), stop_sequences: strings,
    tools: { type: 'array', items: obj({ name: str(), description: str(), input_schema: { type: 'object' } }, ['name', 'input_schema']) },
    tool_choice: obj({ type: role(['auto', 'any', 'tool', 'none']), name: str() }, ['type']),
    thinking: obj({ type: role(['enabled', 'disabled']), budget_tokens: int(1024) }, ['type']),
    anthropic_beta: strings,
  }, ['anthropic_version', 'max_tokens', 'messages'], 'Anthropic Claude (Messages body; no model or stream fields)'),
  'nova': obj({
    schemaVersion: { const: 'messages-v1' },
    system: { type: 'array', items: obj({ text: str() }, ['text']) },
    messages: { type: 'array', minItems: 1, items: obj({ role: role(['user', 'assistant']), content: { type: 'array', items: { type: 'object' } } }, ['role', 'content']) },
    inferenceConfig: obj({ maxTokens: int(1), temperature: num(0, 1), topP: num(0, 1), topK: int(0), stopSequences: strings, reasoningConfig: obj({ type: role(['enabled', 'disabled']), maxReasoningEffort: role(['low', 'medium', 'high']) }, ['type']) }),
    toolConfig: converseTools,
  }, ['messages'], 'Amazon Nova (messages-v1; bytes as base64 strings)'),
  'llama': obj({
    prompt: str('Llama 3 chat template: <|begin_of_text|><|start_header_id|>user<|end_header_id|>\\n\\n…<|eot_id|><|start_header_id|>assistant<|end_header_id|>\\n\\n'),
    max_gen_len: int(1, 8192), temperature: num(0, 1), top_p: num(0, 1),
  }, ['prompt'], 'Meta Llama'),
  'mistral': obj({
    prompt: str('<s>[INST] instruction [/INST]'),
    max_tokens: int(1), stop: strings, temperature: num(0, 1), top_p: num(0, 1), top_k: int(0),
  }, ['prompt'], 'Mistral (7B, Mixtral, Large/Small 24.02)'),
  'mistral-chat': obj({
    messages: { type: 'array', minItems: 1, items: obj({ role: role(['system', 'user', 'assistant', 'tool']), content: str(), tool_calls: { type: 'array' }, tool_call_id: str() }, ['role']) },
    tools: openAiTools, tool_choice: role(['auto', 'any', 'none']),
    max_tokens: int(1), temperature: num(0, 1), top_p: num(0, 1),
  }, ['messages'], 'Mistral Large 24.07 and later (chat messages)'),
  'openai': obj({
    messages: { type: 'array', minItems: 1, items: obj({ role: role(['system', 'developer', 'user', 'assistant', 'tool']), content: { type: ['string', 'array', 'null'] } }, ['role']) },
    max_completion_tokens: int(1), max_tokens: int(1), temperature: num(0, 2), top_p: num(0, 1), stop: { type: ['string', 'array'] },
    reasoning_effort: role(['low', 'medium', 'high']), tools: openAiTools, tool_choice: { type: ['string', 'object'] },
    stream: { type: 'boolean', description: 'Must match the operation: false (or omitted) for InvokeModel, true (or omitted) for the stream.' },
  }, ['messages'], 'OpenAI gpt-oss (Chat Completions body)'),
  'titan-embed': obj({
    inputText: str(), dimensions: { enum: [256, 512, 1024] }, normalize: { type: 'boolean' },
  }, ['inputText'], 'Titan Text Embeddings (dimensions/normalize: v2 only)'),
  'cohere-embed': obj({
    texts: { type: 'array', minItems: 1, maxItems: 96, items: { type: 'string', maxLength: 2048 } },
    input_type: role(['search_document', 'search_query', 'classification', 'clustering', 'image']),
    truncate: role(['NONE', 'START', 'END']),
    embedding_types: { type: 'array', items: role(['float', 'int8', 'uint8', 'binary', 'ubinary']) },
  }, ['texts', 'input_type'], 'Cohere Embed'),
  'cohere-rerank': obj({
    query: str(), documents: { type: 'array', minItems: 1, items: { type: ['string', 'object'] } }, top_n: int(1), api_version: { const: 2 },
  }, ['query', 'documents', 'api_version'], 'Cohere Rerank'),
  'nova-canvas': obj({
    taskType: role(['TEXT_IMAGE', 'COLOR_GUIDED_GENERATION', 'IMAGE_VARIATION', 'INPAINTING', 'OUTPAINTING', 'BACKGROUND_REMOVAL']),
    textToImageParams: obj({ text: { type: 'string', minLength: 1, maxLength: 1024 }, negativeText: str() }, ['text']),
    imageGenerationConfig: obj({ numberOfImages: int(1, 5), width: int(320, 4096), height: int(320, 4096), cfgScale: num(1.1, 10), seed: int(0, 858993459), quality: role(['standard', 'premium']) }),
  }, ['taskType'], 'Amazon Nova Canvas / Titan Image Generator'),
  'nova-reel': obj({
    taskType: role(['TEXT_VIDEO', 'MULTI_SHOT_AUTOMATED', 'MULTI_SHOT_MANUAL']),
    textToVideoParams: obj({ text: { type: 'string', minLength: 1, maxLength: 512 }, images: { type: 'array', maxItems: 1 } }, ['text']),
    videoGenerationConfig: obj({ durationSeconds: int(6, 120), fps: { const: 24 }, dimension: { const: '1280x720' }, seed: int(0) }),
  }, ['taskType'], 'Amazon Nova Reel (StartAsyncInvoke modelInput)'),
};

/** The body schema for a family, with `$schema` and a title; undefined for Nova Sonic (no single body). */
export function payloadSchema(family: InvokeFamily): Json | undefined {
  const s = SCHEMAS[family];
  return s ? { $schema: 'http://json-schema.org/draft-07/schema#', title: `${family} InvokeModel body`, ...s } : undefined;
}
