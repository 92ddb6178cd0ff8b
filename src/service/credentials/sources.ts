/**
 * Where the user chose to take credentials from. Remembered (without any secret) in extension state; the secrets
 * themselves live only in VS Code's SecretStorage.
 */
export type CredentialChoice =
  | { kind: 'default-chain' }
  | { kind: 'profile'; profile: string }
  | { kind: 'environment' }
  | { kind: 'access-keys' }
  | { kind: 'api-key' }
  | { kind: 'api-key-env' };

export function describeChoice(c: CredentialChoice): string {
  switch (c.kind) {
    case 'default-chain': return 'default credential chain';
    case 'profile': return `profile ${c.profile}`;
    case 'environment': return 'environment variables';
    case 'access-keys': return 'stored access keys';
    case 'api-key': return 'stored Bedrock API key';
    case 'api-key-env': return 'AWS_BEARER_TOKEN_BEDROCK';
  }
}

/** Short label for the status bar (`profile dev · us-east-1`): which kind of credentials, and which ones. */
export function choiceLabel(c: CredentialChoice): string {
  switch (c.kind) {
    case 'default-chain': return 'default chain';
    case 'profile': return `profile ${c.profile}`;
    case 'environment': return 'environment';
    case 'access-keys': return 'access key';
    case 'api-key': return 'API key';
    case 'api-key-env': return 'API key (env)';
  }
}

export function isCredentialChoice(v: unknown): v is CredentialChoice {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (o.kind === 'profile') return typeof o.profile === 'string' && o.profile.length > 0;
  return ['default-chain', 'environment', 'access-keys', 'api-key', 'api-key-env'].includes(o.kind as string);
}

/** Names of the secrets kept in SecretStorage. */
export const SECRET_KEYS = {
  accessKeyId: 'bedrock.accessKeyId',
  secretAccessKey: 'bedrock.secretAccessKey',
  sessionToken: 'bedrock.sessionToken',
  apiKey: 'bedrock.apiKey',
} as const;

export interface SecretReader {
  get(key: string): Promise<string | undefined>;
}
