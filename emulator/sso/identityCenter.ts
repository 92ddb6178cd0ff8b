import { randomBytes, randomUUID } from 'node:crypto';
import type { Call } from '../context';
import { EmulatorError } from '../errors';

/**
 * IAM Identity Center as the AWS SDKs reach it: the OIDC service (`oidc.{region}.amazonaws.com`: RegisterClient,
 * StartDeviceAuthorization, CreateToken) and the portal (`portal.sso.{region}.amazonaws.com`: GetRoleCredentials),
 * restJson1 with the members the SDK serialises. Served on the runtime listener: their paths collide with nothing.
 * The "user" approves a device code by itself: each code answers its scripted polls first (by default one
 * `authorization_pending`), then issues a token, so a test sees the whole device flow without a browser.
 */
export type DevicePoll = 'authorization_pending' | 'slow_down' | 'expired_token' | 'access_denied';

interface Client { secret: string; expiresAt: number }
interface DeviceCode { clientId: string; userCode: string; expiresAt: number; polls: DevicePoll[]; used: boolean }
interface AccessToken { expiresAt: number }

const DEVICE_CODE_SECONDS = 600;
const ACCESS_TOKEN_SECONDS = 8 * 3600;
const CLIENT_SECONDS = 90 * 24 * 3600;
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

const OIDC_ERRORS: Record<DevicePoll | 'invalid_client' | 'invalid_grant' | 'invalid_request' | 'unsupported_grant_type', [number, string]> = {
  authorization_pending: [400, 'AuthorizationPendingException'],
  slow_down: [400, 'SlowDownException'],
  expired_token: [400, 'ExpiredTokenException'],
  access_denied: [400, 'AccessDeniedException'],
  invalid_client: [401, 'InvalidClientException'],
  invalid_grant: [400, 'InvalidGrantException'],
  invalid_request: [400, 'InvalidRequestException'],
  unsupported_grant_type: [400, 'UnsupportedGrantTypeException'],
};

/** An OIDC error as the service sends it: the exception in `x-amzn-ErrorType`, OAuth's `error` in the body. */
function oidcError(error: keyof typeof OIDC_ERRORS, description: string): EmulatorError {
  const [status, type] = OIDC_ERRORS[error];
  return new EmulatorError(status, type, description, undefined, undefined, { error, error_description: description });
}

// Secret members are recorded as their names only: tests may print recorded requests.
const SECRET_MEMBERS = ['clientSecret', 'deviceCode', 'refreshToken', 'code', 'codeVerifier'];
function redact(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, SECRET_MEMBERS.includes(k) ? '<redacted>' : v]));
}

export class IdentityCenter {
  private readonly clients = new Map<string, Client>();
  private readonly devices = new Map<string, DeviceCode>();
  private readonly tokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, string>();
  private script: DevicePoll[] = ['authorization_pending'];

  constructor(private readonly roleCredentials: { accessKeyId: string; secretAccessKey: string }) {}

  /** What each new device code answers to its polls before it is approved (default: one `authorization_pending`). */
  scriptPolls(polls: DevicePoll[]): void {
    this.script = [...polls];
  }

  /** Ends every access token now, as an expired SSO session. */
  expireSessions(): void {
    for (const t of this.tokens.values()) t.expiresAt = 0;
  }

  private body(call: Call): Record<string, unknown> {
    const parsed = call.ex.body.length ? JSON.parse(call.ex.body.toString('utf8')) as unknown : {};
    call.record.body = redact(parsed);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw oidcError('invalid_request', 'The request body must be a JSON object.');
    return parsed as Record<string, unknown>;
  }

  private client(body: Record<string, unknown>): string {
    const id = body.clientId;
    const c = typeof id === 'string' ? this.clients.get(id) : undefined;
    if (!c || c.secret !== body.clientSecret || c.expiresAt < Date.now()) throw oidcError('invalid_client', 'Invalid client credentials.');
    return id as string;
  }

  /** POST /client/register */
  register = async (call: Call): Promise<void> => {
    const b = this.body(call);
    if (typeof b.clientName !== 'string' || b.clientType !== 'public') throw oidcError('invalid_request', 'clientName and clientType "public" are required.');
    const clientId = randomUUID();
    const clientSecret = randomBytes(32).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    this.clients.set(clientId, { secret: clientSecret, expiresAt: (now + CLIENT_SECONDS) * 1000 });
    call.ex.json(200, { clientId, clientSecret, clientIdIssuedAt: now, clientSecretExpiresAt: now + CLIENT_SECONDS });
  };

  /** POST /device_authorization */
  startDeviceAuthorization = async (call: Call): Promise<void> => {
    const b = this.body(call);
    const clientId = this.client(b);
    if (typeof b.startUrl !== 'string' || !/^https:\/\//.test(b.startUrl)) throw oidcError('invalid_request', 'startUrl must be an https URL.');
    const deviceCode = randomBytes(32).toString('base64url');
    const letters = () => Array.from(randomBytes(4), x => 'BCDFGHJKLMNPQRSTVWXZ'[x % 20]).join('');
    const userCode = `${letters()}-${letters()}`;
    this.devices.set(deviceCode, { clientId, userCode, expiresAt: Date.now() + DEVICE_CODE_SECONDS * 1000, polls: [...this.script], used: false });
    const verificationUri = `http://${call.ex.headers.host ?? '127.0.0.1'}/device`;
    call.ex.json(200, { deviceCode, userCode, verificationUri, verificationUriComplete: `${verificationUri}?user_code=${userCode}`, expiresIn: DEVICE_CODE_SECONDS, interval: 1 });
  };

  /** POST /token: the device-code grant (polled) and the refresh-token grant (the SDKs' silent refresh). */
  createToken = async (call: Call): Promise<void> => {
    const b = this.body(call);
    const clientId = this.client(b);
    if (b.grantType === DEVICE_GRANT) {
      const d = typeof b.deviceCode === 'string' ? this.devices.get(b.deviceCode) : undefined;
      if (!d || d.clientId !== clientId || d.used) throw oidcError('invalid_grant', 'Invalid grant provided.');
      if (d.expiresAt < Date.now()) throw oidcError('expired_token', 'The device code has expired.');
      const next = d.polls.shift();
      if (next) throw oidcError(next, next === 'authorization_pending' ? 'Authorization is still pending.' : `Device flow answered ${next}.`);
      d.used = true;
    } else if (b.grantType === 'refresh_token') {
      const owner = typeof b.refreshToken === 'string' ? this.refreshTokens.get(b.refreshToken) : undefined;
      if (owner !== clientId) throw oidcError('invalid_grant', 'Invalid refresh token provided.');
      this.refreshTokens.delete(b.refreshToken as string);
    } else {
      throw oidcError('unsupported_grant_type', `Unsupported grant type ${String(b.grantType)}.`);
    }
    const accessToken = `aoa${randomBytes(48).toString('base64url')}`;
    const refreshToken = `aor${randomBytes(48).toString('base64url')}`;
    this.tokens.set(accessToken, { expiresAt: Date.now() + ACCESS_TOKEN_SECONDS * 1000 });
    this.refreshTokens.set(refreshToken, clientId);
    call.ex.json(200, { accessToken, tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_SECONDS, refreshToken });
  };

  /** GET /federation/credentials?role_name=&account_id= with `x-amz-sso_bearer_token` */
  getRoleCredentials = async (call: Call): Promise<void> => {
    const { ex } = call;
    const role = ex.query.get('role_name');
    const account = ex.query.get('account_id');
    if (!role || !account || !/^\d{12}$/.test(account)) throw new EmulatorError(400, 'InvalidRequestException', 'role_name and a 12-digit account_id are required.');
    const token = this.tokens.get(ex.headers['x-amz-sso_bearer_token'] ?? '');
    if (!token || token.expiresAt < Date.now()) throw new EmulatorError(401, 'UnauthorizedException', 'Session token not found or invalid');
    call.ex.json(200, {
      roleCredentials: {
        accessKeyId: this.roleCredentials.accessKeyId, secretAccessKey: this.roleCredentials.secretAccessKey,
        sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(48).toString('base64')}`, expiration: Math.min(token.expiresAt, Date.now() + 3600_000),
      },
    });
  };
}
