import { BedrockRequestError } from '../errors';
import { sdks } from '../sdks';
import type { ResolvedAuth } from './auth';

/** Bedrock caps short-term keys at 12 hours (and at the lifetime of the credentials that sign them). */
export const MAX_SHORT_TERM_SECONDS = 43_200;

export interface ShortTermApiKey {
  /** `bedrock-api-key-…`: a secret; it goes to the clipboard and nowhere else. */
  key: string;
  expiresAt: Date;
  region: string;
}

/**
 * A short-term Bedrock API key for tools that take only a key, made by AWS's own `@aws/bedrock-token-generator`
 * from the IAM credentials in use. It is only as valid as those credentials: the key's lifetime is cut to theirs,
 * so the expiry shown to the user is the real one.
 */
export async function shortTermApiKey(auth: ResolvedAuth, region: string, now = new Date()): Promise<ShortTermApiKey> {
  if (auth.kind !== 'sigv4') {
    throw new BedrockRequestError({
      kind: 'no-credentials', message: 'A short-term API key is made from AWS credentials, and Bedrock Workbench is using an API key.',
      detail: 'short-term key requested while the credentials in use are a bearer token', retryable: false, action: { kind: 'sign-in' },
    });
  }
  const credentials = await auth.credentials();
  const remaining = credentials.expiration ? Math.floor((credentials.expiration.getTime() - now.getTime()) / 1000) : Infinity;
  const expiresInSeconds = Math.min(MAX_SHORT_TERM_SECONDS, remaining);
  if (expiresInSeconds < 60) {
    throw new BedrockRequestError({
      kind: 'expired-credentials', message: 'The AWS credentials in use expire within a minute; sign in again first.',
      detail: `credentials expire in ${remaining}s`, retryable: false, action: { kind: 'sign-in' },
    });
  }
  const key = await sdks.bedrockTokenGenerator().getToken({ credentials, region, expiresInSeconds });
  return { key, expiresAt: new Date(now.getTime() + expiresInSeconds * 1000), region };
}
