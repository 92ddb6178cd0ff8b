import { EndpointOverrides, isLoopback, resolveEndpoint, type EndpointFamily } from './endpoints';
import { BedrockRequestError } from './errors';
import { redactUrl } from './redactUrls';

/**
 * What the extension would talk to right now, worked out without calling AWS: where credentials would come from
 * and which endpoints are in use. Pure (no vscode, no fs), so the same answer drives the status command, the chat
 * view and `npm run demo`.
 */
export type CredentialSource =
  | { kind: 'chosen'; description: string }
  | { kind: 'bearer-env' }
  | { kind: 'env-keys' }
  | { kind: 'profile'; profile: string }
  | { kind: 'shared-files' }
  | { kind: 'container-or-instance' }
  | { kind: 'none' };

export interface BackendStatus {
  region: string;
  credentials: CredentialSource;
  /** The endpoints as they may be shown: user names, passwords and query values redacted. */
  runtimeEndpoint: string;
  mantleEndpoint: string;
  /** Why no request would be sent (a region that is not an AWS region, an endpoint setting that is refused). */
  problem?: string;
  /** True when an endpoint override points at this machine (the local emulator or a proxy on loopback). */
  local: boolean;
  configured: boolean;
  summary: string;
}

export interface BackendInputs {
  region: string;
  profile: string;
  endpoints: EndpointOverrides;
  env: Record<string, string | undefined>;
  /** Whether ~/.aws/config or ~/.aws/credentials exists (the caller does the I/O). */
  sharedFilesExist: boolean;
  /** A source the user picked with Sign In (anything but the default chain), described without secrets. */
  chosen?: string;
}

export function detectCredentialSource(i: BackendInputs): CredentialSource {
  const e = i.env;
  if (i.chosen) return { kind: 'chosen', description: i.chosen };
  if (e.AWS_BEARER_TOKEN_BEDROCK) return { kind: 'bearer-env' };
  if (e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY) return { kind: 'env-keys' };
  const profile = i.profile || e.AWS_PROFILE;
  if (profile) return { kind: 'profile', profile };
  if (i.sharedFilesExist) return { kind: 'shared-files' };
  if (e.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || e.AWS_CONTAINER_CREDENTIALS_FULL_URI || e.AWS_WEB_IDENTITY_TOKEN_FILE) {
    return { kind: 'container-or-instance' };
  }
  return { kind: 'none' };
}

export function describeCredentials(c: CredentialSource): string {
  switch (c.kind) {
    case 'chosen': return c.description;
    case 'bearer-env': return 'Bedrock API key from AWS_BEARER_TOKEN_BEDROCK';
    case 'env-keys': return 'access keys from environment variables';
    case 'profile': return `profile "${c.profile}"`;
    case 'shared-files': return 'default profile from ~/.aws';
    case 'container-or-instance': return 'container / web-identity credentials';
    case 'none': return 'no credentials found';
  }
}

export function backendStatus(i: BackendInputs): BackendStatus {
  const credentials = detectCredentialSource(i);
  const problems: string[] = [];
  // the same checks requests go through: what they would refuse, the status says instead of an endpoint
  const endpoint = (family: EndpointFamily): string => {
    try {
      return resolveEndpoint(family, i.region, i.endpoints);
    } catch (e) {
      const message = e instanceof BedrockRequestError ? e.info.message : String(e);
      if (!problems.includes(message)) problems.push(message);
      return i.endpoints[family]?.trim() || `bedrock-${family} (none: the region is not an AWS region)`;
    }
  };
  const runtime = endpoint('runtime');
  const mantle = endpoint('mantle');
  const local = isLoopback(runtime) || isLoopback(mantle);
  const runtimeEndpoint = redactUrl(runtime);
  const mantleEndpoint = redactUrl(mantle);
  const problem = problems.length ? problems.join(' ') : undefined;
  const configured = credentials.kind !== 'none' && !problem;
  const where = local ? `local endpoint ${runtimeEndpoint}` : `AWS ${problem ? 'Bedrock' : i.region}`;
  const summary = problem ?? (configured
    ? `${where} · ${describeCredentials(credentials)}`
    : `No backend configured: no AWS credentials found for ${where}.`);
  return { region: i.region, credentials, runtimeEndpoint, mantleEndpoint, local, configured, summary, ...(problem ? { problem } : {}) };
}
