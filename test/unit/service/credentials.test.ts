import assert from 'node:assert/strict';
import { createHmac, createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { cachedCredentials, REFRESH_MARGIN_MS, type ResolvedAuth } from '../../../src/service/credentials/auth';
import { listProfiles } from '../../../src/service/credentials/awsProfiles';
import { resolveAuth } from '../../../src/service/credentials/resolveAuth';
import { MAX_SHORT_TERM_SECONDS, shortTermApiKey } from '../../../src/service/credentials/shortTermKey';
import { choiceLabel, SECRET_KEYS } from '../../../src/service/credentials/sources';

const CONFIG = `
[default]
region = us-west-2

[profile dev-sso]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Dev
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start

[profile ops]
role_arn = arn:aws:iam::111122223333:role/Ops
source_profile = default
s3 =
  max_concurrent_requests = 4

[profile tool]
credential_process = /usr/bin/get-creds
`;
const CREDENTIALS = `
[default]
aws_access_key_id = AKIAEXAMPLE
aws_secret_access_key = wJalr
# a comment
[legacy]
aws_access_key_id = AKIALEGACY
aws_secret_access_key = x
`;

test('profiles are listed from both shared files with their kind; sso-session sections are not profiles', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-'));
  fs.writeFileSync(path.join(dir, 'c'), CONFIG);
  fs.writeFileSync(path.join(dir, 'k'), CREDENTIALS);
  const p = await listProfiles({ AWS_CONFIG_FILE: path.join(dir, 'c'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'k') });
  assert.deepEqual(p.map(x => [x.name, x.kind]), [['default', 'static'], ['dev-sso', 'sso'], ['legacy', 'static'], ['ops', 'role'], ['tool', 'process']]);
  assert.equal(p.find(x => x.name === 'dev-sso')?.region, 'eu-west-1');
  assert.equal(p.find(x => x.name === 'default')?.region, 'us-west-2', 'region from config survives the credentials-file entry');
  assert.equal(p.find(x => x.name === 'ops')?.region, undefined, 'nested s3 settings are not the profile\'s own');
});

test('listProfiles honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-'));
  fs.writeFileSync(path.join(dir, 'c'), CONFIG);
  const p = await listProfiles({ AWS_CONFIG_FILE: path.join(dir, 'c'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'missing') });
  assert.deepEqual(p.map(x => x.name), ['default', 'dev-sso', 'ops', 'tool']);
});

test('cached credentials are reused until five minutes before expiry, then refreshed; failures are not cached', async () => {
  let now = 0;
  let calls = 0;
  let fail = false;
  const provider = cachedCredentials(async () => {
    calls++;
    if (fail) throw new Error('sso expired');
    return { accessKeyId: `A${calls}`, secretAccessKey: 's', expiration: new Date(now + REFRESH_MARGIN_MS + 60_000) };
  }, () => now);
  const [a, b] = await Promise.all([provider(), provider()]);
  assert.equal(calls, 1, 'concurrent callers share one fetch');
  assert.equal(a, b);
  now += 59_000;
  assert.equal((await provider()).accessKeyId, 'A1');
  now += 2_000;
  fail = true;
  await assert.rejects(provider(), /sso expired/);
  fail = false;
  assert.equal((await provider()).accessKeyId, 'A3', 'after a failure the next call tries again');
});

test('stored access keys and API keys are read from the secret store only when needed', async () => {
  const reads: string[] = [];
  const store = new Map<string, string>([[SECRET_KEYS.accessKeyId, 'AKIASTORED'], [SECRET_KEYS.secretAccessKey, 'secret']]);
  const secrets = { get: async (k: string) => { reads.push(k); return store.get(k); } };
  const auth = await resolveAuth({ choice: { kind: 'access-keys' }, secrets, env: {} });
  assert.equal(reads.length, 0);
  assert.equal(auth.kind, 'sigv4');
  if (auth.kind === 'sigv4') assert.equal((await auth.credentials()).accessKeyId, 'AKIASTORED');
  const keyAuth = await resolveAuth({ choice: { kind: 'api-key' }, secrets, env: {} });
  assert.equal(keyAuth.kind, 'bearer');
  if (keyAuth.kind === 'bearer') await assert.rejects(keyAuth.token(), (e: Error & { info?: { action?: unknown } }) => {
    assert.deepEqual(e.info?.action, { kind: 'sign-in' });
    return true;
  });
});

test('the default chain switches to bearer auth when AWS_BEARER_TOKEN_BEDROCK is set, like the AWS SDKs', async () => {
  const auth = await resolveAuth({ choice: { kind: 'default-chain' }, secrets: { get: async () => undefined }, env: { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-abc' } });
  assert.equal(auth.kind, 'bearer');
  if (auth.kind === 'bearer') assert.equal(await auth.token(), 'bedrock-api-key-abc');
});

/** The presigned URL inside a short-term key (`bedrock-api-key-` + base64 of the URL without its scheme). */
function decodeShortTermApiKey(key: string): URL {
  assert.match(key, /^bedrock-api-key-[A-Za-z0-9+/=]+$/);
  return new URL('https://' + Buffer.from(key.slice('bedrock-api-key-'.length), 'base64').toString('utf8'));
}

const sigv4 = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }): ResolvedAuth =>
  ({ kind: 'sigv4', credentials: async () => credentials });

test('a short-term API key is a presigned CallWithBearerToken URL that verifies with the signing secret', async () => {
  const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'tok' };
  const now = new Date();
  const made = await shortTermApiKey(sigv4(creds), 'eu-west-1', now);
  assert.equal(made.expiresAt.getTime(), now.getTime() + MAX_SHORT_TERM_SECONDS * 1000);
  const url = decodeShortTermApiKey(made.key);
  assert.equal(url.hostname, 'bedrock.amazonaws.com');
  const q = url.searchParams;
  const day = q.get('X-Amz-Date')!.slice(0, 8);
  assert.equal(q.get('Action'), 'CallWithBearerToken');
  assert.equal(q.get('Version'), '1');
  assert.equal(q.get('X-Amz-Expires'), '43200');
  assert.equal(q.get('X-Amz-Credential'), `AKIDEXAMPLE/${day}/eu-west-1/bedrock/aws4_request`);
  assert.equal(q.get('X-Amz-Security-Token'), 'tok');
  // Recompute the signature independently (SigV4 query signing) to prove the key would verify.
  const signed = new URLSearchParams([...q].filter(([k]) => k !== 'X-Amz-Signature' && k !== 'Version'));
  const canonicalQuery = [...signed].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const canonical = ['POST', '/', canonicalQuery, 'host:bedrock.amazonaws.com\n', 'host', createHash('sha256').update('').digest('hex')].join('\n');
  const scope = `${day}/eu-west-1/bedrock/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', q.get('X-Amz-Date'), scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  let k: Buffer = createHmac('sha256', 'AWS4' + creds.secretAccessKey).update(day).digest();
  for (const part of ['eu-west-1', 'bedrock', 'aws4_request']) k = createHmac('sha256', k).update(part).digest();
  assert.equal(q.get('X-Amz-Signature'), createHmac('sha256', k).update(toSign).digest('hex'));
});

test('a short-term key never outlives the credentials that sign it, and is refused for an API key', async () => {
  const now = new Date();
  const made = await shortTermApiKey(sigv4({ accessKeyId: 'A', secretAccessKey: 'S', expiration: new Date(now.getTime() + 600_000) }), 'us-east-1', now);
  assert.equal(decodeShortTermApiKey(made.key).searchParams.get('X-Amz-Expires'), '600');
  assert.equal(made.expiresAt.getTime(), now.getTime() + 600_000);
  await assert.rejects(shortTermApiKey({ kind: 'bearer', token: async () => 'bedrock-api-key-x' }, 'us-east-1'), /made from AWS credentials/);
});

test('the status bar says which credentials are in use', () => {
  assert.equal(choiceLabel({ kind: 'profile', profile: 'dev' }), 'profile dev');
  assert.equal(choiceLabel({ kind: 'access-keys' }), 'access key');
  assert.equal(choiceLabel({ kind: 'api-key' }), 'API key');
  assert.equal(choiceLabel({ kind: 'default-chain' }), 'default chain');
});
