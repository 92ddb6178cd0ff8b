import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A profile from ~/.aws/config or ~/.aws/credentials, with what kind of credentials it yields. */
export interface AwsProfile {
  name: string;
  kind: 'sso' | 'role' | 'static' | 'process' | 'web-identity' | 'other';
  region?: string;
  /** Where it was found; a credentials-file profile wins over a config profile of the same name. */
  source: 'config' | 'credentials';
}

type Sections = Map<string, Record<string, string>>;

/** Minimal INI reader for the AWS shared files: `[section]`, `key = value`, `#`/`;` comments, nested sub-keys skipped. */
export function parseIni(text: string): Sections {
  const sections: Sections = new Map();
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+|\s+$/g, '');
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      current = {};
      sections.set(header[1].trim(), current);
      continue;
    }
    // indented continuation lines belong to nested settings (e.g. s3 =\n  max_concurrent_requests = 2)
    if (/^\s/.test(raw) || !current) continue;
    const eq = line.indexOf('=');
    if (eq > 0) current[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return sections;
}

function kindOf(v: Record<string, string>): AwsProfile['kind'] {
  if (v.sso_session || v.sso_start_url) return 'sso';
  if (v.role_arn && v.web_identity_token_file) return 'web-identity';
  if (v.role_arn) return 'role';
  if (v.credential_process) return 'process';
  if (v.aws_access_key_id) return 'static';
  return 'other';
}

export function profilesFrom(configText: string, credentialsText: string): AwsProfile[] {
  const out = new Map<string, AwsProfile>();
  for (const [section, values] of parseIni(configText)) {
    const name = section === 'default' ? 'default' : /^profile\s+(.+)$/.exec(section)?.[1].trim();
    if (!name) continue; // [sso-session x], [services x]
    out.set(name, { name, kind: kindOf(values), region: values.region, source: 'config' });
  }
  for (const [name, values] of parseIni(credentialsText)) {
    const prior = out.get(name);
    out.set(name, { name, kind: kindOf(values) === 'other' ? prior?.kind ?? 'other' : kindOf(values), region: prior?.region ?? values.region, source: 'credentials' });
  }
  return [...out.values()].sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

export function sharedFilePaths(env: NodeJS.ProcessEnv = process.env): { config: string; credentials: string } {
  const dir = path.join(os.homedir(), '.aws');
  return {
    config: env.AWS_CONFIG_FILE || path.join(dir, 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || path.join(dir, 'credentials'),
  };
}

export async function listProfiles(env: NodeJS.ProcessEnv = process.env): Promise<AwsProfile[]> {
  const p = sharedFilePaths(env);
  const read = (f: string) => fs.promises.readFile(f, 'utf8').catch(() => '');
  return profilesFrom(await read(p.config), await read(p.credentials));
}
