import * as os from 'os';
import * as path from 'path';
import { sdks } from '../sdks';

/** A profile from ~/.aws/config or ~/.aws/credentials, with what kind of credentials it yields. */
export interface AwsProfile {
  name: string;
  kind: 'sso' | 'role' | 'static' | 'process' | 'web-identity' | 'other';
  region?: string;
  /** Where it was found; a credentials-file profile wins over a config profile of the same name. */
  source: 'config' | 'credentials';
}

type Values = Record<string, string | undefined>;

function kindOf(v: Values): AwsProfile['kind'] {
  if (v.sso_session || v.sso_start_url) return 'sso';
  if (v.role_arn && v.web_identity_token_file) return 'web-identity';
  if (v.role_arn) return 'role';
  if (v.credential_process) return 'process';
  if (v.aws_access_key_id) return 'static';
  return 'other';
}

// The loader keeps `[sso-session x]` and `[services x]` sections beside the profiles, under these prefixes.
const NOT_PROFILES = /^(sso-session|services)\./;

/**
 * Profiles from the two shared files as the AWS SDK parses them (`@smithy/core/config`, the code behind
 * `@smithy/shared-ini-file-loader`): config `[profile x]` and `[default]`, credentials `[x]`.
 */
export function profilesFrom(configFile: Record<string, Values>, credentialsFile: Record<string, Values>): AwsProfile[] {
  const out = new Map<string, AwsProfile>();
  for (const [name, values] of Object.entries(configFile)) {
    if (NOT_PROFILES.test(name)) continue;
    out.set(name, { name, kind: kindOf(values), region: values.region, source: 'config' });
  }
  for (const [name, values] of Object.entries(credentialsFile)) {
    const prior = out.get(name);
    const kind = kindOf(values);
    out.set(name, { name, kind: kind === 'other' ? prior?.kind ?? 'other' : kind, region: prior?.region ?? values.region, source: 'credentials' });
  }
  return [...out.values()].sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

export function sharedFilePaths(env: NodeJS.ProcessEnv = process.env): { config: string; credentials: string } {
  const dir = path.join(env.HOME || os.homedir(), '.aws');
  return {
    config: env.AWS_CONFIG_FILE || path.join(dir, 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || path.join(dir, 'credentials'),
  };
}

/** Every profile in the shared files, read afresh (the user may have just run `aws configure`). */
export async function listProfiles(env: NodeJS.ProcessEnv = process.env): Promise<AwsProfile[]> {
  const p = sharedFilePaths(env);
  const files = await sdks.sharedConfig().loadSharedConfigFiles({ configFilepath: p.config, filepath: p.credentials, ignoreCache: true });
  return profilesFrom(files.configFile, files.credentialsFile);
}
