import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { ResponsesNormalizer } from '../../../src/service/formats/responsesEvents';
import { markMidStream } from '../../../src/service/errorFacts';
import { toBedrockError } from '../../../src/service/errors';
import { sdks } from '../../../src/service/sdks';

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

// Typed first: the SDKs' own classes and codes, as a request would have loaded them.
const openai = sdks.openai();
const anthropic = sdks.anthropicBedrock().AnthropicBedrock;
const aws = (name: string, message: string, status?: number) =>
  Object.assign(new Error(message), { name, $fault: 'server', ...(status ? { $metadata: { httpStatusCode: status } } : {}) });

test('the service\'s code decides, not its wording', () => {
  assert.equal(toBedrockError(aws('ThrottlingException', 'Daily token quota reached, please wait', 429), ctx).kind, 'throttled');
  const quota = new openai.RateLimitError(429, { message: 'Too many requests', type: 'insufficient_quota', code: 'insufficient_quota' }, undefined, new Headers());
  assert.equal(toBedrockError(quota, ctx).kind, 'quota');
  assert.equal(toBedrockError(aws('ModelErrorException', 'The model stream broke off at a checksum', 424), ctx).kind, 'server');
});

test('a generic type from Bedrock is settled by its sentence: an expired token sent as Anthropic\'s permission_error', () => {
  const e = anthropic.APIError.generate(403, { type: 'error', error: { type: 'permission_error', message: 'The security token included in the request is expired' } }, undefined, new Headers());
  const b = toBedrockError(e, ctx);
  assert.equal(b.kind, 'expired-credentials');
  assert.equal(b.detail, 'PermissionDeniedError (403) [permission_error]: The security token included in the request is expired');
});

test('a server error after the reply began is a broken stream in every SDK; before it, a server error', () => {
  const inStream = [
    aws('InternalServerException', 'Internal failure'),
    new openai.APIError(undefined, { type: 'error', code: 'server_error', message: 'Internal failure' }, undefined, new Headers()),
    new anthropic.APIError(undefined, { type: 'error', error: { type: 'api_error', message: 'Internal failure' } }, undefined, new Headers()),
  ];
  for (const e of inStream) {
    assert.equal(toBedrockError(e, ctx).kind, 'server', e.constructor.name);
    const b = toBedrockError(markMidStream(e), ctx);
    assert.equal(b.kind, 'stream-error', e.constructor.name);
    assert.deepEqual(b.action, { kind: 'retry' });
  }
});

test('a specific cause keeps its kind mid-stream; bedrock-runtime\'s Anthropic frames name AWS exceptions', () => {
  assert.equal(toBedrockError(markMidStream(aws('ModelTimeoutException', 'Model timed out')), ctx).kind, 'timeout');
  const throttled = new anthropic.APIError(undefined, { type: 'error', error: { type: 'throttlingException', message: 'Too many tokens' } }, undefined, new Headers());
  assert.equal(toBedrockError(markMidStream(throttled), ctx).kind, 'throttled');
});

test('connection failures, timeouts and aborts come from the SDKs\' classes', () => {
  assert.equal(toBedrockError(new openai.APIConnectionError({ message: 'Connection error.' }), ctx).kind, 'network');
  assert.equal(toBedrockError(new anthropic.APIConnectionTimeoutError(), ctx).kind, 'timeout');
  assert.equal(toBedrockError(new openai.APIUserAbortError(), ctx).kind, 'aborted');
  // undici's body stream after the socket closed: a broken stream, not "could not reach Bedrock"
  const cut = Object.assign(new TypeError('terminated'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
  assert.equal(toBedrockError(cut, ctx).kind, 'network');
  assert.equal(toBedrockError(markMidStream(cut), ctx).kind, 'stream-error');
});

test('a frame that would not parse is a broken stream, and its text stays out of the log line', () => {
  let parseError: unknown;
  try { JSON.parse('{"text":"the model said this" oops'); } catch (e) { parseError = e; }
  const b = toBedrockError(markMidStream(parseError), ctx);
  assert.equal(b.kind, 'stream-error');
  assert.doesNotMatch(b.detail, /model said/);
});

test('a Responses response.failed event is read by its code', () => {
  const failed = { type: 'response.failed', sequence_number: 3, response: { error: { code: 'rate_limit_exceeded', message: 'Slow down.' } } } as unknown as ResponseStreamEvent;
  let thrown: unknown;
  try { Array.from(new ResponsesNormalizer().push(failed)); } catch (e) { thrown = e; }
  assert.equal(toBedrockError(markMidStream(thrown), ctx).kind, 'throttled');
});

test('a refused previous_response_id is a stale chain, whichever way the service words it; never "could not find the model"', () => {
  const gpt = { ...ctx, model: 'openai.gpt-oss-120b' };
  // OpenAI's shape: 400, code previous_response_not_found, param previous_response_id
  const openaiShape = openai.APIError.generate(400, { error: { message: "Previous response with id 'resp_1' not found.", type: 'invalid_request_error', code: 'previous_response_not_found', param: 'previous_response_id' } }, undefined, new Headers());
  // a plain 404 with a generic code, as mantle answered on main ("Bedrock could not find openai.gpt-oss-120b")
  const plain404 = openai.APIError.generate(404, { error: { message: "Previous response with id 'resp_1' not found.", type: 'not_found_error', code: 'not_found' } }, undefined, new Headers());
  // only the parameter named
  const byParam = openai.APIError.generate(400, { error: { message: 'Invalid value.', type: 'invalid_request_error', code: null, param: 'previous_response_id' } }, undefined, new Headers());
  for (const e of [openaiShape, plain404, byParam]) {
    const b = toBedrockError(e, gpt);
    assert.equal(b.kind, 'stale-response-id', b.detail);
    assert.deepEqual(b.action, { kind: 'retry' });
    assert.doesNotMatch(b.message, /could not find|gpt-oss/);
  }
  // a 404 for something else stays not-found
  assert.equal(toBedrockError(openai.APIError.generate(404, { error: { message: 'Not found.', type: 'not_found_error', code: 'not_found' } }, undefined, new Headers()), gpt).kind, 'not-found');
});
