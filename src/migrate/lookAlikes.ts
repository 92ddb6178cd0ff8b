import type { SourceSdk } from './model';

// Code that uses an OpenAI client but talks to someone else: the client's base URL names another
// host (Groq, Ollama, Together, OpenRouter, a local server) or Bedrock itself. Such code is not an
// OpenAI call site; migrating it would break it.

/** Hosts that serve each SDK's own API (OpenAI and Azure OpenAI; Anthropic). */
const ownHosts: Record<SourceSdk, RegExp> = {
  openai: /(^|\.)(openai\.com|openai\.azure\.com|azure\.com|azure-api\.net)$/i,
  anthropic: /(^|\.)anthropic\.com$/i,
};

/** True when a literal base URL points at something other than the SDK's own API. Non-literal (undefined) values are not judged. */
export function lookAlikeBaseURL(url: string | undefined, source: SourceSdk = 'openai'): boolean {
  if (url === undefined) return false;
  const trimmed = url.trim();
  if (!trimmed) return false;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
  } catch {
    return false;
  }
  return !ownHosts[source].test(host);
}
