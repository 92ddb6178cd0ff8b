/**
 * Context and output limits for the language-model picker. Bedrock's model list does not report them, so these are
 * the providers' published limits for the families Bedrock serves; an unknown model gets a conservative 32k/4k, so
 * VS Code trims a long history instead of Bedrock refusing the request.
 */
export interface ModelLimits {
  maxInputTokens: number;
  maxOutputTokens: number;
}

const LIMITS: ReadonlyArray<[RegExp, ModelLimits]> = [
  [/anthropic\.claude-(sonnet|haiku)-4/, { maxInputTokens: 200_000, maxOutputTokens: 64_000 }],
  [/anthropic\.claude-opus-4/, { maxInputTokens: 200_000, maxOutputTokens: 32_000 }],
  [/anthropic\.claude/, { maxInputTokens: 200_000, maxOutputTokens: 8_192 }],
  [/amazon\.nova-micro/, { maxInputTokens: 128_000, maxOutputTokens: 10_000 }],
  [/amazon\.nova-(lite|pro)/, { maxInputTokens: 300_000, maxOutputTokens: 10_000 }],
  [/amazon\.nova-premier/, { maxInputTokens: 1_000_000, maxOutputTokens: 32_000 }],
  [/meta\.llama3-[123]/, { maxInputTokens: 128_000, maxOutputTokens: 2_048 }],
  [/mistral\.mistral-large/, { maxInputTokens: 128_000, maxOutputTokens: 8_192 }],
  [/openai\.gpt-oss/, { maxInputTokens: 128_000, maxOutputTokens: 32_768 }],
];

const UNKNOWN: ModelLimits = { maxInputTokens: 32_000, maxOutputTokens: 4_096 };

export function limitsFor(modelId: string): ModelLimits {
  return LIMITS.find(([re]) => re.test(modelId))?.[1] ?? UNKNOWN;
}
