import type { Language, SiteKind } from '../model';

// The first SDK releases with `provider: bedrock(...)`: openai-node 6.45.0 and openai-python
// 2.44.0 (both 2026-06-24, from their changelogs).
const providerSince: Record<Language, [number, number, number]> = { js: [6, 45, 0], python: [2, 44, 0] };

/** True unless the pinned version (a plain version or a range such as `^4.20.1`, `==1.30.0`, `>=1.0,<2`) is older than the providers. */
export function openAIHasProviders(language: Language, pinned: string | undefined): boolean {
  if (!pinned) return true;
  const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(pinned);
  if (!m) return true;
  const v = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  const min = providerSince[language];
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i] > min[i];
  return true;
}

// Request parameters the OpenAI API takes that Bedrock's OpenAI-compatible endpoints are not
// documented to honour; they are flagged, never removed.
const chatUnsupported: Record<string, string> = {
  logit_bias: 'is not documented for Bedrock: check the model honours it',
  logprobs: 'is not documented for Bedrock: check the model returns it',
  top_logprobs: 'is not documented for Bedrock: check the model returns it',
  n: 'is not documented for Bedrock: expect one choice',
  seed: 'is not documented for Bedrock: results may not be reproducible',
  store: 'stored completions are not supported on Bedrock',
  metadata: 'stored completions are not supported on Bedrock',
  prediction: 'predicted outputs are not documented for Bedrock',
  audio: 'audio output is not documented for Bedrock',
  modalities: 'audio output is not documented for Bedrock',
  web_search_options: 'hosted web search is not available on Bedrock Chat Completions',
  service_tier: 'takes Bedrock\'s own tiers (default, flex, priority), not OpenAI\'s',
  user: 'is not documented for Bedrock',
};

const responsesUnsupported: Record<string, string> = {
  service_tier: 'takes Bedrock\'s own tiers (default, flex, priority), not OpenAI\'s',
  user: 'is not documented for Bedrock',
  prompt_cache_key: 'is not documented for Bedrock',
  safety_identifier: 'is not documented for Bedrock',
};

const messagesUnsupported: Record<string, string> = {
  mcp_servers: 'the MCP connector is not documented for Bedrock',
  container: 'code-execution containers are not documented for Bedrock',
};

export function unsupportedParams(kind: SiteKind): Readonly<Record<string, string>> {
  switch (kind) {
    case 'chat.completions.create':
    case 'chat.completions.stream':
    case 'beta.parse':
      return chatUnsupported;
    case 'responses.create':
      return responsesUnsupported;
    case 'messages.create':
    case 'messages.stream':
      return messagesUnsupported;
    default:
      return {};
  }
}
