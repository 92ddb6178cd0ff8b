import { AwsCredentialsProvider, cachedCredentials, ResolvedAuth } from './auth';
import { BedrockRequestError } from '../errors';
import { sdks } from '../sdks';
import { CredentialChoice, SECRET_KEYS, SecretReader } from './sources';

export interface AuthInputs {
  choice: CredentialChoice;
  secrets: SecretReader;
  env: NodeJS.ProcessEnv;
}

function missing(what: string): BedrockRequestError {
  return new BedrockRequestError({
    kind: 'no-credentials', message: `No ${what} is stored for Bedrock.`, detail: `credential choice needs ${what}`,
    retryable: false, action: { kind: 'sign-in' },
  });
}

/**
 * Turns the user's credential choice into what drivers authenticate with. AWS providers come from
 * @aws-sdk/credential-providers (SSO, role, process profiles included) and are cached until shortly before they
 * expire; a stored key pair or API key is read from SecretStorage when first needed, never copied elsewhere.
 */
export async function resolveAuth({ choice, secrets, env }: AuthInputs): Promise<ResolvedAuth> {
  const providers = () => sdks.credentialProviders();
  const sigv4 = (source: AwsCredentialsProvider, profile?: string): ResolvedAuth =>
    ({ kind: 'sigv4', credentials: cachedCredentials(source), ...(profile ? { profile } : {}) });
  switch (choice.kind) {
    case 'default-chain': {
      // Same precedence as the AWS SDKs: an API key in the environment switches them to bearer auth.
      const envKey = env.AWS_BEARER_TOKEN_BEDROCK;
      if (envKey) return { kind: 'bearer', token: async () => envKey };
      return sigv4(providers().fromNodeProviderChain(), env.AWS_PROFILE);
    }
    case 'profile':
      return sigv4(providers().fromIni({ profile: choice.profile }), choice.profile);
    case 'environment':
      return sigv4(providers().fromEnv());
    case 'access-keys': {
      const source: AwsCredentialsProvider = async () => {
        const [accessKeyId, secretAccessKey, sessionToken] = await Promise.all(
          [SECRET_KEYS.accessKeyId, SECRET_KEYS.secretAccessKey, SECRET_KEYS.sessionToken].map(k => secrets.get(k)));
        if (!accessKeyId || !secretAccessKey) throw missing('AWS access key');
        return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
      };
      return sigv4(source);
    }
    case 'api-key':
      return { kind: 'bearer', token: async () => (await secrets.get(SECRET_KEYS.apiKey)) || Promise.reject(missing('Bedrock API key')) };
    case 'api-key-env':
      return { kind: 'bearer', token: async () => env.AWS_BEARER_TOKEN_BEDROCK || Promise.reject(missing('AWS_BEARER_TOKEN_BEDROCK value')) };
  }
}
