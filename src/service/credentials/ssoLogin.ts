import { promises as fs } from 'fs';
import * as path from 'path';
import { setTimeout as delay } from 'timers/promises';
import { sdks } from '../sdks';
import { sharedFilePaths } from './awsProfiles';

/** What an SSO profile signs in to, as the AWS CLI and SDKs read it from ~/.aws/config. */
export interface SsoSession {
  profile: string;
  /** The token cache's key: the `[sso-session …]` name, or a legacy profile's start URL. */
  cacheKey: string;
  startUrl: string;
  /** The IAM Identity Center region (`sso_region`), where the OIDC service is called. */
  region: string;
  /** `sso_registration_scopes`; legacy profiles register without scopes, as the CLI does. */
  scopes: string[];
}

/** The code the user confirms in the browser. */
export interface DeviceCode {
  userCode: string;
  verificationUri: string;
  /** The verification URI with the code filled in, when the service offers one. */
  verificationUriComplete?: string;
  expiresAt: Date;
}

export class SsoLoginError extends Error {
  constructor(message: string, readonly detail = message) {
    super(message);
    this.name = 'SsoLoginError';
  }
}

export interface DeviceLoginOptions {
  signal: AbortSignal;
  onCode(code: DeviceCode): void;
  clientName?: string;
  now?: () => number;
  /** Waits between polls; rejects when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const DEFAULT_SCOPES = ['sso:account:access'];
/** RFC 8628: after `slow_down`, wait five seconds longer between polls, for the rest of the flow. */
const SLOW_DOWN_MS = 5_000;
/** A cached client registration is reused unless it lapses within this long. */
const REGISTRATION_MARGIN_MS = 24 * 3600_000;

/** The SSO session a profile uses, or undefined when the profile has no IAM Identity Center settings. */
export async function ssoSessionOf(profile: string, env: NodeJS.ProcessEnv = process.env): Promise<SsoSession | undefined> {
  const p = sharedFilePaths(env);
  const { configFile } = await sdks.sharedConfig().loadSharedConfigFiles({ configFilepath: p.config, filepath: p.credentials, ignoreCache: true });
  const values = configFile[profile];
  if (!values) return undefined;
  if (values.sso_session) {
    const session = configFile[`sso-session.${values.sso_session}`];
    if (!session?.sso_start_url || !session.sso_region) return undefined;
    const scopes = session.sso_registration_scopes?.split(',').map(s => s.trim()).filter(Boolean);
    return { profile, cacheKey: values.sso_session, startUrl: session.sso_start_url, region: session.sso_region, scopes: scopes?.length ? scopes : DEFAULT_SCOPES };
  }
  if (values.sso_start_url && values.sso_region) {
    return { profile, cacheKey: values.sso_start_url, startUrl: values.sso_start_url, region: values.sso_region, scopes: [] };
  }
  return undefined;
}

/** The token cache file the CLI and SDKs read, as `aws sso login` writes it (the SDK's own path function). */
interface CachedToken {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: string;
  clientId: string;
  clientSecret: string;
  registrationExpiresAt: string;
  refreshToken?: string;
}

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function readCachedToken(cacheKey: string): Promise<Partial<CachedToken> | undefined> {
  try {
    return await sdks.sharedConfig().getSSOTokenFromFile(cacheKey) as Partial<CachedToken>;
  } catch {
    return undefined;
  }
}

/** Whether the session has a cached token that is still valid (the SDK refreshes one close to expiry by itself). */
export async function hasLiveSession(session: SsoSession, now = Date.now()): Promise<boolean> {
  const cached = await readCachedToken(session.cacheKey);
  if (!cached?.accessToken || !cached.expiresAt) return false;
  return Date.parse(cached.expiresAt) > now || !!(cached.refreshToken && cached.clientId && cached.clientSecret);
}

async function writeCachedToken(cacheKey: string, token: CachedToken): Promise<string> {
  const file = sdks.sharedConfig().getSSOTokenFilepath(cacheKey);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // written beside and renamed: a reader (the CLI, another window) never sees half a file
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(temp, JSON.stringify(token, null, 2), { mode: 0o600 });
  await fs.rename(temp, file);
  return file;
}

/**
 * Signs in to IAM Identity Center with the OAuth device flow, as `aws sso login` does but through
 * `@aws-sdk/client-sso-oidc`: register a public client (or reuse the cached registration), start device
 * authorization, hand the code to `onCode` (the caller opens the browser), poll CreateToken honouring
 * `interval`, `slow_down`, `authorization_pending` and the code's expiry, then write the token cache so the
 * default chain (and the CLI) pick the session up. Returns when the session expires.
 */
export async function ssoDeviceLogin(session: SsoSession, options: DeviceLoginOptions): Promise<{ expiresAt: Date; cacheFile: string }> {
  const { signal, now = Date.now } = options;
  const sleep = options.sleep ?? ((ms, s) => delay(ms, undefined, { signal: s }));
  const oidc = sdks.ssoOidc();
  const client = new oidc.SSOOIDCClient({ region: session.region });
  try {
    const cached = await readCachedToken(session.cacheKey);
    let registration: { clientId: string; clientSecret: string; expiresAt: number };
    if (cached?.clientId && cached.clientSecret && cached.registrationExpiresAt && Date.parse(cached.registrationExpiresAt) - now() > REGISTRATION_MARGIN_MS) {
      registration = { clientId: cached.clientId, clientSecret: cached.clientSecret, expiresAt: Date.parse(cached.registrationExpiresAt) };
    } else {
      const r = await client.send(new oidc.RegisterClientCommand({
        clientName: options.clientName ?? 'bedrock-workbench', clientType: 'public', ...(session.scopes.length ? { scopes: session.scopes } : {}),
      }), { abortSignal: signal });
      if (!r.clientId || !r.clientSecret) throw new SsoLoginError('IAM Identity Center did not register the sign-in client.');
      registration = { clientId: r.clientId, clientSecret: r.clientSecret, expiresAt: (r.clientSecretExpiresAt ?? 0) * 1000 };
    }
    const { clientId, clientSecret } = registration;
    const auth = await client.send(new oidc.StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: session.startUrl }), { abortSignal: signal });
    if (!auth.deviceCode || !auth.userCode || !auth.verificationUri) throw new SsoLoginError('IAM Identity Center did not start the device sign-in.');
    const deadline = now() + (auth.expiresIn ?? 600) * 1000;
    options.onCode({ userCode: auth.userCode, verificationUri: auth.verificationUri, verificationUriComplete: auth.verificationUriComplete, expiresAt: new Date(deadline) });
    let interval = Math.max(1, auth.interval ?? 5) * 1000;
    for (;;) {
      await sleep(interval, signal);
      if (now() >= deadline) throw new SsoLoginError('The sign-in code expired before it was confirmed in the browser.');
      try {
        const t = await client.send(new oidc.CreateTokenCommand({ clientId, clientSecret, grantType: DEVICE_GRANT, deviceCode: auth.deviceCode }), { abortSignal: signal });
        if (!t.accessToken || !t.expiresIn) throw new SsoLoginError('IAM Identity Center answered without a token.');
        const expiresAt = now() + t.expiresIn * 1000;
        const cacheFile = await writeCachedToken(session.cacheKey, {
          startUrl: session.startUrl, region: session.region, accessToken: t.accessToken, expiresAt: isoSeconds(expiresAt),
          clientId, clientSecret, registrationExpiresAt: isoSeconds(registration.expiresAt), ...(t.refreshToken ? { refreshToken: t.refreshToken } : {}),
        });
        return { expiresAt: new Date(expiresAt), cacheFile };
      } catch (e) {
        if (signal.aborted) throw e;
        const name = (e as { name?: string }).name;
        if (name === 'AuthorizationPendingException') continue;
        if (name === 'SlowDownException') { interval += SLOW_DOWN_MS; continue; }
        if (name === 'ExpiredTokenException') throw new SsoLoginError('The sign-in code expired before it was confirmed in the browser.');
        if (name === 'AccessDeniedException') throw new SsoLoginError('The sign-in was denied in the browser.');
        throw e;
      }
    }
  } finally {
    client.destroy();
  }
}
