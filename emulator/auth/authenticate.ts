import type { Exchange } from '../http/exchange';
import { EmulatorError } from '../errors';
import { verifySigV4, type Credentials } from './sigv4';
import { bearerToken, verifyApiKey } from './bearer';

export interface AuthConfig { credentials: Credentials; apiKey: string; region: string }

/** SigV4 signing names per listener: runtime signs as `bedrock`, mantle as `bedrock-mantle`. */
export const SIGNING_NAME = { runtime: 'bedrock', mantle: 'bedrock-mantle' } as const;

/**
 * Accepts SigV4 (with the listener's signing name) or a bearer API key. Mantle's OpenAI and
 * Anthropic routes answer 401 for a missing credential, as those APIs do; the AWS routes 403.
 */
export async function authenticate(ex: Exchange, config: AuthConfig, opts: { sigv4Only?: boolean } = {}): Promise<'sigv4' | 'bearer'> {
  const authz = ex.headers.authorization ?? '';
  if (authz.startsWith('AWS4-')) {
    await verifySigV4(ex, config.credentials, SIGNING_NAME[ex.family], config.region);
    return 'sigv4';
  }
  const token = bearerToken(ex);
  if (token) {
    if (opts.sigv4Only) {
      throw new EmulatorError(403, 'AccessDeniedException', 'API keys are not supported for this operation. Sign the request with AWS Signature Version 4.',
        { type: 'permission_denied_error', code: 'access_denied' }, 'permission_error');
    }
    verifyApiKey(token, config.apiKey);
    return 'bearer';
  }
  throw new EmulatorError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token',
    { type: 'authentication_error', code: 'missing_authentication' }, 'authentication_error');
}
