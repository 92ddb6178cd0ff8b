import type { MigrationTarget, SourceSdk } from './model';

// Defaults chosen to keep the model family where Bedrock has one (gpt-oss for GPT chat models),
// and Amazon's own models where OpenAI's product has no Bedrock counterpart (embeddings, images).
// mantle takes bare ids; runtime (Converse) needs versioned ids or inference-profile ids.
const openAIToMantle: Record<string, string> = {
  'gpt-4o': 'openai.gpt-oss-120b',
  'gpt-4o-mini': 'openai.gpt-oss-20b',
  'gpt-4.1': 'openai.gpt-oss-120b',
  'gpt-4.1-mini': 'openai.gpt-oss-20b',
  'gpt-4.1-nano': 'openai.gpt-oss-20b',
  'gpt-4-turbo': 'openai.gpt-oss-120b',
  'gpt-4': 'openai.gpt-oss-120b',
  'gpt-3.5-turbo': 'openai.gpt-oss-20b',
  'gpt-5': 'openai.gpt-oss-120b',
  'gpt-5-mini': 'openai.gpt-oss-20b',
  'o1': 'openai.gpt-oss-120b',
  'o3': 'openai.gpt-oss-120b',
  'o3-mini': 'openai.gpt-oss-20b',
  'o4-mini': 'openai.gpt-oss-20b',
  'text-embedding-3-small': 'amazon.titan-embed-text-v2:0',
  'text-embedding-3-large': 'amazon.titan-embed-text-v2:0',
  'text-embedding-ada-002': 'amazon.titan-embed-text-v2:0',
  'dall-e-3': 'amazon.nova-canvas-v1:0',
  'dall-e-2': 'amazon.nova-canvas-v1:0',
  'gpt-image-1': 'amazon.nova-canvas-v1:0',
};

const openAIToRuntime: Record<string, string> = Object.fromEntries(
  Object.entries(openAIToMantle).map(([k, v]) => [k, v.startsWith('openai.') ? `${v}-1:0` : v]),
);

// Anthropic API names (dated and alias forms) → mantle's bare ids and runtime inference profiles.
const claude: Array<[string[], string, string]> = [
  [['claude-opus-4-1', 'claude-opus-4-1-20250805'], 'anthropic.claude-opus-4-1', 'us.anthropic.claude-opus-4-1-20250805-v1:0'],
  [['claude-opus-4-0', 'claude-opus-4-20250514'], 'anthropic.claude-opus-4', 'us.anthropic.claude-opus-4-20250514-v1:0'],
  [['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929'], 'anthropic.claude-sonnet-4-5', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
  [['claude-sonnet-4-0', 'claude-sonnet-4-20250514'], 'anthropic.claude-sonnet-4', 'us.anthropic.claude-sonnet-4-20250514-v1:0'],
  [['claude-3-7-sonnet-latest', 'claude-3-7-sonnet-20250219'], 'anthropic.claude-3-7-sonnet', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0'],
  [['claude-3-5-sonnet-latest', 'claude-3-5-sonnet-20241022'], 'anthropic.claude-3-5-sonnet', 'us.anthropic.claude-3-5-sonnet-20241022-v2:0'],
  [['claude-3-5-haiku-latest', 'claude-3-5-haiku-20241022'], 'anthropic.claude-3-5-haiku', 'us.anthropic.claude-3-5-haiku-20241022-v1:0'],
  [['claude-haiku-4-5', 'claude-haiku-4-5-20251001'], 'anthropic.claude-haiku-4-5', 'us.anthropic.claude-haiku-4-5-20251001-v1:0'],
  [['claude-3-haiku-20240307'], 'anthropic.claude-3-haiku', 'us.anthropic.claude-3-haiku-20240307-v1:0'],
];

const anthropicToMantle: Record<string, string> = Object.fromEntries(claude.flatMap(([names, mantle]) => names.map(n => [n, mantle])));
const anthropicToRuntime: Record<string, string> = Object.fromEntries(claude.flatMap(([names, , runtime]) => names.map(n => [n, runtime])));

export function defaultModelMap(source: SourceSdk, target: MigrationTarget): Readonly<Record<string, string>> {
  if (source === 'openai') return target === 'mantle' ? openAIToMantle : openAIToRuntime;
  return target === 'mantle' ? anthropicToMantle : anthropicToRuntime;
}

/** The Bedrock id for a source model name, or undefined when the name is not one we know (it may already be a Bedrock id). */
export function mapModel(name: string, source: SourceSdk, target: MigrationTarget, overrides?: Readonly<Record<string, string>>): string | undefined {
  if (overrides && Object.prototype.hasOwnProperty.call(overrides, name)) return overrides[name];
  const table = defaultModelMap(source, target);
  if (Object.prototype.hasOwnProperty.call(table, name)) return table[name];
  // OpenAI snapshots (`gpt-4o-2024-08-06`) map like their alias.
  const alias = /^(.*)-\d{4}-\d{2}-\d{2}$/.exec(name)?.[1];
  if (source === 'openai' && alias) return mapModel(alias, source, target, overrides);
  // mantle names Claude models by their bare API alias (`anthropic.claude-opus-4-8`); runtime ids
  // carry a release date and version that an alias does not tell, so those stay unknown.
  if (source === 'anthropic' && target === 'mantle' && /^claude-[a-z0-9.-]+$/.test(name)) return `anthropic.${name.replace(/-(latest|\d{8})$/, '')}`;
  return undefined;
}

/** Region-specific mantle roots used when the SDK cannot take a Bedrock provider. */
export function mantleOpenAIBaseURL(region: string): string {
  return `https://bedrock-mantle.${region}.api.aws/v1`;
}

export function mantleAnthropicBaseURL(region: string): string {
  return `https://bedrock-mantle.${region}.api.aws/anthropic`;
}

const bedrockId = /^(arn:aws[\w-]*:bedrock:|((us|eu|apac|global|us-gov|jp|au|ca|amer|ap)\.)?(amazon|anthropic|openai|meta|mistral|cohere|ai21|deepseek|qwen|google|writer|twelvelabs|stability|luma|moonshot|moonshotai|minimax|nvidia|zai)\.)/;

/** Names already in Bedrock's form (`openai.gpt-oss-120b`, `us.anthropic.…`, ARNs) are left as they are. */
export function looksLikeBedrockId(name: string): boolean {
  return bedrockId.test(name);
}
