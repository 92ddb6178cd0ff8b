import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from './auth';

/** Bedrock caps short-term keys at 12 hours (and at the lifetime of the credentials that sign them). */
export const MAX_SHORT_TERM_SECONDS = 43_200;
const PREFIX = 'bedrock-api-key-';

/**
 * A short-term Bedrock API key derived from IAM credentials, as the aws-bedrock-token-generator libraries make it:
 * a SigV4-presigned `POST https://bedrock.amazonaws.com/?Action=CallWithBearerToken` (service `bedrock`), without
 * the scheme, with `&Version=1` appended, base64-encoded and prefixed. It is only as valid as the credentials.
 */
export async function shortTermApiKey(credentials: AwsCredentials, region: string, expiresInSeconds = MAX_SHORT_TERM_SECONDS, now = new Date()): Promise<string> {
  const remaining = credentials.expiration ? Math.floor((credentials.expiration.getTime() - now.getTime()) / 1000) : Infinity;
  const expiresIn = Math.max(1, Math.min(expiresInSeconds, MAX_SHORT_TERM_SECONDS, remaining));
  const signer = new SignatureV4({ service: 'bedrock', region, credentials, sha256: Hash.bind(null, 'sha256') });
  const presigned = await signer.presign({
    method: 'POST', protocol: 'https:', hostname: 'bedrock.amazonaws.com', path: '/',
    headers: { host: 'bedrock.amazonaws.com' }, query: { Action: 'CallWithBearerToken' },
  }, { expiresIn, signingDate: now });
  const query = Object.entries(presigned.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
  const url = `${presigned.hostname}${presigned.path}?${query}&Version=1`;
  return PREFIX + Buffer.from(url, 'utf8').toString('base64');
}

/** The presigned URL inside a short-term key, for diagnostics and tests. */
export function decodeShortTermApiKey(key: string): URL | undefined {
  if (!key.startsWith(PREFIX)) return undefined;
  try {
    return new URL('https://' + Buffer.from(key.slice(PREFIX.length), 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}
