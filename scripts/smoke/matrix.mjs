// The checks `npm run smoke:aws` makes: every API style on every endpoint family the service's drivers serve it on
// (Converse and InvokeModel on bedrock-runtime only; Responses, Chat Completions and Messages on both), one tool
// call, one CountTokens and, when a guardrail is named, one ApplyGuardrail. Each uses the cheapest model in the
// shipped price table that serves it: Nova Micro (Nova Lite for the tool call), gpt-oss-20b, Claude Haiku 4.5.

const NOVA_MICRO = 'amazon.nova-micro-v1:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';
const GPT_OSS_RUNTIME = 'openai.gpt-oss-20b-1:0';
const GPT_OSS_MANTLE = 'openai.gpt-oss-20b';
// Runtime takes the versioned id; the service sends it through the region's inference profile (Haiku 4.5 is
// profile-only), as the extension does once the catalogue has loaded.
const HAIKU_RUNTIME = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const HAIKU_MANTLE = 'anthropic.claude-haiku-4-5';

export const PROMPT = 'Reply with one short sentence: what is 2 + 2?';
/** Output cap per chat request; gpt-oss spends some of it on reasoning, so it is not much lower. */
export const MAX_TOKENS = 64;
/**
 * Input tokens allowed per request on top of the prompt's own estimate, for what the API adds around it (chat
 * templates, gpt-oss's system preamble, Nova's tool-use instructions with the tool's schema). Generous on purpose:
 * the figure printed before the run is an upper bound.
 */
const TEMPLATE_ALLOWANCE = 200;
const TOOL_ALLOWANCE = 1_000;

/**
 * ApplyGuardrail is billed per text unit (up to 1,000 characters) per policy, and its price is not in the shipped
 * table: content filters $0.15, denied topics $0.15, sensitive-information filters $0.10 and contextual grounding
 * $0.10 per 1,000 text units (AWS pricing page, Dec 2024), so one unit with all four is $0.0005. Rounded up to
 * $0.001 to cover a guardrail with automated-reasoning policies too.
 */
export const GUARDRAIL_CHECK_BOUND_USD = 0.001;
export const GUARDRAIL_TEXT = 'Hello! Is this sentence fine to send to a model?';

export const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather for a city.',
  inputSchema: { type: 'object', properties: { city: { type: 'string', description: 'City name' } }, required: ['city'] },
};

const chat = (style, family, model, extra = {}) => ({ kind: 'chat', style, family, model, allowance: TEMPLATE_ALLOWANCE, ...extra });

/**
 * @param {{ labels: Record<string, string>, guardrail?: { id: string, version: string }, countModel?: string }} options
 * `labels`: the extension's names for the API styles (API_STYLE_LABELS in src/service/model.ts); `countModel`: the
 * Claude model CountTokens counts for (default Claude Haiku 4.5).
 * Each check: kind (chat | tool | count | guardrail), label, style, family, model, and for priced checks the id the
 * price table knows the model by (`priceAs`, when the id sent is not in the table) and the input allowance.
 */
export function smokeMatrix({ labels, guardrail, countModel = HAIKU_RUNTIME }) {
  const checks = [
    chat('converse-stream', 'runtime', NOVA_MICRO),
    chat('converse', 'runtime', NOVA_MICRO),
    chat('invoke-model-stream', 'runtime', NOVA_MICRO),
    chat('invoke-model', 'runtime', NOVA_MICRO),
    chat('responses', 'runtime', GPT_OSS_RUNTIME),
    chat('chat-completions', 'runtime', GPT_OSS_RUNTIME),
    chat('messages', 'runtime', HAIKU_RUNTIME),
    chat('responses', 'mantle', GPT_OSS_MANTLE),
    chat('chat-completions', 'mantle', GPT_OSS_MANTLE),
    // The table lists Claude by its runtime id only; mantle's bare id is the same model.
    chat('messages', 'mantle', HAIKU_MANTLE, { priceAs: HAIKU_RUNTIME }),
    { kind: 'tool', label: 'ConverseStream + tool', style: 'converse-stream', family: 'runtime', model: NOVA_LITE, allowance: TOOL_ALLOWANCE },
    // CountTokens is free of charge and counts Claude prompts only. AWS says some Claude models that are served
    // through cross-Region profiles only do not count on bedrock-runtime; `--count-model` checks another one.
    { kind: 'count', label: 'CountTokens', style: 'count-tokens', family: 'runtime', model: countModel },
  ];
  for (const c of checks) c.label ??= labels[c.style];
  if (guardrail) checks.push({ kind: 'guardrail', label: 'ApplyGuardrail', style: 'apply-guardrail', family: 'runtime', model: `${guardrail.id}:${guardrail.version}`, guardrail, costBound: GUARDRAIL_CHECK_BOUND_USD });
  return checks;
}
