import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backendStatus, BackendInputs } from '../../../src/service/backendStatus';

const base: BackendInputs = { region: 'us-west-2', profile: '', endpoints: {}, env: {}, sharedFilesExist: false };

test('no credentials anywhere: not configured, and the summary says so', () => {
  const s = backendStatus(base);
  assert.equal(s.configured, false);
  assert.equal(s.credentials.kind, 'none');
  assert.match(s.summary, /^No backend configured/);
  assert.equal(s.runtimeEndpoint, 'https://bedrock-runtime.us-west-2.amazonaws.com');
  assert.equal(s.mantleEndpoint, 'https://bedrock-mantle.us-west-2.api.aws');
});

test('a Bedrock API key in the environment wins over access keys and profiles', () => {
  const s = backendStatus({ ...base, profile: 'dev', env: { AWS_BEARER_TOKEN_BEDROCK: 'x', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' } });
  assert.equal(s.credentials.kind, 'bearer-env');
  assert.equal(s.configured, true);
});

test('the profile setting is used before AWS_PROFILE', () => {
  const s = backendStatus({ ...base, profile: 'team', env: { AWS_PROFILE: 'other' } });
  assert.deepEqual(s.credentials, { kind: 'profile', profile: 'team' });
  assert.match(s.summary, /profile "team"/);
});

test('endpoint overrides on loopback are recognised as a local backend, trailing slashes dropped', () => {
  const s = backendStatus({ ...base, sharedFilesExist: true, endpoints: { runtime: 'http://127.0.0.1:4010/', mantle: 'http://127.0.0.1:4011' } });
  assert.equal(s.local, true);
  assert.equal(s.runtimeEndpoint, 'http://127.0.0.1:4010');
  assert.match(s.summary, /local endpoint http:\/\/127\.0\.0\.1:4010/);
});

test('a corporate gateway is not mistaken for a local endpoint', () => {
  const s = backendStatus({ ...base, endpoints: { runtime: 'https://bedrock.gateway.example.com' } });
  assert.equal(s.local, false);
});
