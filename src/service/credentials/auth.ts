/**
 * What a driver needs to authenticate, independent of where the credentials came from: either AWS credentials to
 * sign with SigV4 (refreshed before expiry by the provider) or a Bedrock API key sent as a bearer token.
 */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

export type ResolvedAuth =
  | { kind: 'sigv4'; credentials: AwsCredentialsProvider; profile?: string }
  | { kind: 'bearer'; token: () => Promise<string> };

/** Refresh this long before credentials expire, so no request is signed with credentials about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Caches what a provider returns until shortly before it expires; concurrent callers share one in-flight fetch;
 * a failure is not cached, so the next call (e.g. after `aws sso login`) tries again.
 */
export function cachedCredentials(source: AwsCredentialsProvider, now: () => number = Date.now): AwsCredentialsProvider {
  let current: AwsCredentials | undefined;
  let inflight: Promise<AwsCredentials> | undefined;
  return () => {
    if (current && (!current.expiration || current.expiration.getTime() - REFRESH_MARGIN_MS > now())) return Promise.resolve(current);
    inflight ??= source().then(
      c => { current = c; inflight = undefined; return c; },
      e => { inflight = undefined; throw e; });
    return inflight;
  };
}
