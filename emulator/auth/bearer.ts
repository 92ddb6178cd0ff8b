import { timingSafeEqual } from 'node:crypto';
import type { Exchange } from '../http/exchange';
import { EmulatorError } from '../errors';

/** The key prefix Bedrock API keys carry; Bedrock rejects anything else before checking it. */
export const API_KEY_PREFIX = 'bedrock-api-key-';

/** The bearer credential a request carries: `Authorization: Bearer` or Anthropic's `x-api-key`. */
export function bearerToken(ex: Exchange): string | undefined {
  const auth = ex.headers.authorization;
  if (auth && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  return ex.headers['x-api-key']?.trim() || undefined;
}

/** Checks an API key the way Bedrock's front door words its refusals (403, `Message`). */
export function verifyApiKey(token: string, apiKey: string): void {
  if (!token.startsWith(API_KEY_PREFIX)) {
    throw new EmulatorError(403, 'AccessDeniedException', 'Invalid API Key format: Must start with pre-defined prefix',
      { type: 'authentication_error', code: 'invalid_api_key' }, 'authentication_error', {}, true);
  }
  const a = Buffer.from(token);
  const b = Buffer.from(apiKey);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new EmulatorError(403, 'AccessDeniedException', 'Authentication failed: Please make sure your API Key is valid.',
      { type: 'authentication_error', code: 'invalid_api_key' }, 'authentication_error', {}, true);
  }
}
