import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../emulator';
import { BedrockService } from '../../../src/service/bedrockService';
import { resolveAuth } from '../../../src/service/credentials/resolveAuth';
import { hasLiveSession, ssoDeviceLogin, SsoLoginError, ssoSessionOf, type DeviceCode } from '../../../src/service/credentials/ssoLogin';
import { toBedrockError } from '../../../src/service/errors';
import type { StreamEvent } from '../../../src/service/model';

let emu: Emulator;
let home: string;
const cacheFile = (key: string) => path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(key).digest('hex')}.json`);
const START_URL = 'https://corp.awsapps.com/start';
const CONFIG = `
[profile dev-sso]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Dev
region = us-east-1

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile legacy-sso]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-west-2
sso_account_id = 111122223333
sso_role_name = Dev

[profile plain]
region = us-east-1
`;

before(async () => {
  emu = await startEmulator();
  // the SDKs' own endpoint overrides, as a user with a private IAM Identity Center endpoint would set them
  process.env.AWS_ENDPOINT_URL_SSO_OIDC = emu.runtimeEndpoint;
  process.env.AWS_ENDPOINT_URL_SSO = emu.runtimeEndpoint;
  for (const k of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SHARED_CREDENTIALS_FILE']) delete process.env[k];
});
after(() => emu.close());

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'sso-home-'));
  fs.mkdirSync(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
  process.env.HOME = home;
  process.env.AWS_CONFIG_FILE = path.join(home, '.aws', 'config');
  fs.writeFileSync(process.env.AWS_CONFIG_FILE, CONFIG);
  // an expired session with no refresh token, as the CLI leaves it after eight hours
  fs.writeFileSync(cacheFile('corp'), JSON.stringify({ startUrl: START_URL, region: 'eu-west-1', accessToken: 'aoaEXPIRED', expiresAt: '2026-01-01T00:00:00Z' }));
  emu.sso.scriptPolls(['authorization_pending']);
});

/** Polls without waiting, recording how long each wait would have been. */
function instant(waits: number[]) {
  return async (ms: number, signal: AbortSignal) => { waits.push(ms); if (signal.aborted) throw signal.reason; };
}

test('an SSO profile names its session, region, start URL and scopes; a legacy profile its start URL; others none', async () => {
  assert.deepEqual(await ssoSessionOf('dev-sso'), { profile: 'dev-sso', cacheKey: 'corp', startUrl: START_URL, region: 'eu-west-1', scopes: ['sso:account:access'] });
  assert.deepEqual(await ssoSessionOf('legacy-sso'), { profile: 'legacy-sso', cacheKey: 'https://legacy.awsapps.com/start', startUrl: 'https://legacy.awsapps.com/start', region: 'us-west-2', scopes: [] });
  assert.equal(await ssoSessionOf('plain'), undefined);
  assert.equal(await ssoSessionOf('missing'), undefined);
});

test('an expired SSO session is named as such; the device flow writes the token cache the SDK then signs in with', async () => {
  const auth = await resolveAuth({ choice: { kind: 'profile', profile: 'dev-sso' }, secrets: { get: async () => undefined }, env: process.env });
  assert.equal(auth.kind, 'sigv4');
  if (auth.kind !== 'sigv4') return;
  const failure = await auth.credentials().then(() => undefined, (e: unknown) => e);
  assert.equal(toBedrockError(failure, { region: 'us-east-1', profile: 'dev-sso' }).kind, 'sso-expired');

  emu.sso.scriptPolls(['authorization_pending', 'slow_down']);
  const waits: number[] = [];
  let shown: DeviceCode | undefined;
  const before = emu.requests.length;
  const session = (await ssoSessionOf('dev-sso'))!;
  assert.equal(await hasLiveSession(session), false);
  const done = await ssoDeviceLogin(session, { signal: new AbortController().signal, onCode: c => { shown = c; }, sleep: instant(waits) });

  assert.match(shown?.userCode ?? '', /^[A-Z]{4}-[A-Z]{4}$/);
  assert.ok(shown?.verificationUriComplete?.includes(shown.userCode));
  assert.deepEqual(waits, [1000, 1000, 6000], 'the service\'s interval, then five seconds more after slow_down');
  const calls = emu.requests.slice(before);
  assert.deepEqual(calls.map(r => `${r.route} ${r.status}`), [
    'sso-oidc.register-client 200', 'sso-oidc.start-device-authorization 200',
    'sso-oidc.create-token 400', 'sso-oidc.create-token 400', 'sso-oidc.create-token 200',
  ]);
  assert.deepEqual((calls[0].body as { scopes?: string[] }).scopes, ['sso:account:access']);
  assert.equal((calls[1].body as { startUrl?: string }).startUrl, START_URL);
  assert.equal((calls[4].body as { clientSecret?: string }).clientSecret, '<redacted>', 'the emulator records no secret');

  // the file the AWS CLI writes, at the path the SDK reads
  assert.equal(done.cacheFile, cacheFile('corp'));
  assert.equal(await hasLiveSession(session), true);
  const cached = JSON.parse(fs.readFileSync(cacheFile('corp'), 'utf8')) as Record<string, string>;
  assert.deepEqual(Object.keys(cached).sort(), ['accessToken', 'clientId', 'clientSecret', 'expiresAt', 'refreshToken', 'region', 'registrationExpiresAt', 'startUrl']);
  assert.equal(cached.startUrl, START_URL);
  assert.equal(cached.region, 'eu-west-1');
  assert.match(cached.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(Date.parse(cached.expiresAt), Math.floor(done.expiresAt.getTime() / 1000) * 1000);
  assert.equal(fs.statSync(cacheFile('corp')).mode & 0o077, 0, 'only the user may read the token');

  // the SDK's own SSO provider now gets role credentials from the portal, and a request is answered with them
  const creds = await (await resolveAuth({ choice: { kind: 'profile', profile: 'dev-sso' }, secrets: { get: async () => undefined }, env: process.env }) as { credentials: () => Promise<{ accessKeyId: string }> }).credentials();
  assert.equal(creds.accessKeyId, emu.accessKeyId);
  const portal = emu.requests.filter(r => r.route === 'sso.get-role-credentials').at(-1);
  assert.deepEqual(portal?.query, { role_name: 'Dev', account_id: '111122223333' });
  assert.equal(portal?.headers['x-amz-sso_bearer_token'], undefined, 'the bearer token is not recorded');
  const service = new BedrockService({
    config: () => ({ region: emu.region, endpointFamily: 'auto', credentials: { kind: 'profile', profile: 'dev-sso' }, endpoints: { runtime: emu.runtimeEndpoint, mantle: emu.mantleEndpoint, control: emu.runtimeEndpoint } }),
    secrets: { get: async () => undefined }, env: process.env, log: () => undefined,
  });
  let last: StreamEvent | undefined;
  for await (const e of service.stream({ model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }, new AbortController().signal)) last = e;
  assert.equal(last?.type, 'stop', JSON.stringify(last));
});

test('a second sign-in reuses the cached client registration', async () => {
  const session = (await ssoSessionOf('dev-sso'))!;
  await ssoDeviceLogin(session, { signal: new AbortController().signal, onCode: () => undefined, sleep: instant([]) });
  const before = emu.requests.length;
  await ssoDeviceLogin(session, { signal: new AbortController().signal, onCode: () => undefined, sleep: instant([]) });
  assert.ok(!emu.requests.slice(before).some(r => r.route === 'sso-oidc.register-client'));
});

test('the SDK refreshes a session this sign-in wrote, with its refresh token, without asking the user', async () => {
  const session = (await ssoSessionOf('dev-sso'))!;
  await ssoDeviceLogin(session, { signal: new AbortController().signal, onCode: () => undefined, sleep: instant([]) });
  emu.sso.expireSessions();
  const cached = JSON.parse(fs.readFileSync(cacheFile('corp'), 'utf8')) as Record<string, string>;
  fs.writeFileSync(cacheFile('corp'), JSON.stringify({ ...cached, expiresAt: new Date(Date.now() + 60_000).toISOString() }));
  const before = emu.requests.length;
  const auth = await resolveAuth({ choice: { kind: 'profile', profile: 'dev-sso' }, secrets: { get: async () => undefined }, env: process.env });
  assert.equal((await (auth as { credentials: () => Promise<{ accessKeyId: string }> }).credentials()).accessKeyId, emu.accessKeyId);
  const grant = emu.requests.slice(before).find(r => r.route === 'sso-oidc.create-token');
  assert.equal((grant?.body as { grantType?: string }).grantType, 'refresh_token');
});

test('a code that expires or is denied ends the flow with a sentence; cancelling stops polling', async () => {
  const session = (await ssoSessionOf('dev-sso'))!;
  emu.sso.scriptPolls(['authorization_pending', 'expired_token']);
  await assert.rejects(ssoDeviceLogin(session, { signal: new AbortController().signal, onCode: () => undefined, sleep: instant([]) }),
    (e: Error) => e instanceof SsoLoginError && /expired before it was confirmed/.test(e.message));
  emu.sso.scriptPolls(['access_denied']);
  await assert.rejects(ssoDeviceLogin(session, { signal: new AbortController().signal, onCode: () => undefined, sleep: instant([]) }),
    (e: Error) => e instanceof SsoLoginError && /denied/.test(e.message));
  emu.sso.scriptPolls(Array(1000).fill('authorization_pending'));
  const abort = new AbortController();
  let polls = 0;
  await assert.rejects(ssoDeviceLogin(session, {
    signal: abort.signal, onCode: () => undefined,
    sleep: async (_ms, signal) => { if (++polls === 3) abort.abort(); if (signal.aborted) throw signal.reason; },
  }));
  assert.equal(polls, 3);
  // the expired token in the cache is left as it was by every failed sign-in
  assert.equal((JSON.parse(fs.readFileSync(cacheFile('corp'), 'utf8')) as { accessToken: string }).accessToken, 'aoaEXPIRED');
});
