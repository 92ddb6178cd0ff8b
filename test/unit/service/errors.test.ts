import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toBedrockError } from '../../../src/service/errors';

const ctx = { region: 'eu-west-1', profile: 'dev-sso', model: 'anthropic.claude-x' };

test('an expired SSO session becomes "run aws sso login" for that profile', () => {
  const e = Object.assign(new Error('The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.'), { name: 'CredentialsProviderError' });
  const b = toBedrockError(e, ctx);
  assert.equal(b.kind, 'sso-expired');
  assert.deepEqual(b.action, { kind: 'sso-login', profile: 'dev-sso' });
  assert.match(b.message, /dev-sso/);
});

test('no credentials at all becomes "sign in"', () => {
  const b = toBedrockError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), ctx);
  assert.equal(b.kind, 'no-credentials');
  assert.deepEqual(b.action, { kind: 'sign-in' });
});

test('AccessDenied on a model becomes "request model access" in the region', () => {
  const b = toBedrockError(Object.assign(new Error("You don't have access to the model with the specified model ID."), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }), ctx);
  assert.equal(b.kind, 'access-denied');
  assert.deepEqual(b.action, { kind: 'request-access', region: 'eu-west-1' });
  assert.equal(b.status, 403);
});

test('the detail keeps the SDK error for the log; the message is one sentence without JSON', () => {
  const b = toBedrockError(Object.assign(new Error('400 {"error":{"message":"max_tokens: must be positive. More text here.","type":"invalid_request_error"}}'), { status: 400 }), ctx);
  assert.equal(b.kind, 'validation');
  assert.match(b.detail, /invalid_request_error/);
  assert.equal(b.message, 'Bedrock rejected the request: max_tokens: must be positive.');
});

test('an abort is a stop, not a failure', () => {
  assert.equal(toBedrockError(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }), ctx).kind, 'aborted');
});
