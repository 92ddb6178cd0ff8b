// Code that uses an OpenAI client but talks to someone else: the client's base URL names another
// host (Groq, Ollama, Together, OpenRouter, a local server) or Bedrock itself. Such code is not an
// OpenAI call site; migrating it would break it.

/** Hosts that serve OpenAI's own API (OpenAI and Azure OpenAI). */
const openAIHosts = /(^|\.)(openai\.com|openai\.azure\.com|azure\.com|azure-api\.net)$/i;

/** True when a literal base URL points at something other than OpenAI or Azure OpenAI. Non-literal (undefined) values are not judged. */
export function lookAlikeBaseURL(url: string | undefined): boolean {
  if (url === undefined) return false;
  const trimmed = url.trim();
  if (!trimmed) return false;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
  } catch {
    return false;
  }
  return !openAIHosts.test(host);
}
