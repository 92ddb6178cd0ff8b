import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeCatalogue } from '../../../src/service/catalogue/modelCatalogue';
import { languageModelsFrom, routeFor } from '../../../src/languageModels/languageModelInfo';
import { countableText, toBedrockRequest } from '../../../src/languageModels/requestMapping';
import { languageModelErrorCode, languageModelErrorMessage } from '../../../src/languageModels/errorMapping';
import { toBedrockError, type ErrorKind } from '../../../src/service/errors';

// Shapes as ListFoundationModels / ListInferenceProfiles / mantle /v1/models return them.
const cat = mergeCatalogue('us-east-1', [
  { modelId: 'amazon.nova-lite-v1:0', modelArn: 'arn', modelName: 'Nova Lite', providerName: 'Amazon', inputModalities: ['TEXT', 'IMAGE'], outputModalities: ['TEXT'], responseStreamingSupported: true, inferenceTypesSupported: ['ON_DEMAND'] },
  { modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0', modelArn: 'arn', modelName: 'Claude Sonnet 4.5', providerName: 'Anthropic', inputModalities: ['TEXT'], outputModalities: ['TEXT'], responseStreamingSupported: true, inferenceTypesSupported: ['PROVISIONED'] },
  { modelId: 'amazon.nova-sonic-v1:0', modelArn: 'arn', modelName: 'Nova Sonic', providerName: 'Amazon', inputModalities: ['SPEECH' as never], outputModalities: ['SPEECH' as never, 'TEXT'], responseStreamingSupported: true, inferenceTypesSupported: ['ON_DEMAND'] },
  { modelId: 'amazon.titan-embed-text-v2:0', modelArn: 'arn', modelName: 'Titan Embeddings', providerName: 'Amazon', inputModalities: ['TEXT'], outputModalities: ['EMBEDDING'], inferenceTypesSupported: ['ON_DEMAND'] },
], [
  { inferenceProfileId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', inferenceProfileName: 'x', inferenceProfileArn: 'arn', status: 'ACTIVE', type: 'SYSTEM_DEFINED', models: [{ modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0' }] },
], [{ id: 'mistral.mistral-large-3', owned_by: 'mistral' }, { id: 'anthropic.claude-haiku-4-5', owned_by: 'anthropic' }]);

test('chat models of both families become language models; embedding and speech models do not', () => {
  const models = languageModelsFrom(cat);
  const byId = new Map(models.map(m => [m.id, m]));
  assert.deepEqual([...byId.keys()].sort(), ['amazon.nova-lite-v1:0', 'anthropic.claude-haiku-4-5', 'mistral.mistral-large-3', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0']);
  assert.deepEqual(byId.get('amazon.nova-lite-v1:0')?.route, { model: 'amazon.nova-lite-v1:0', apiStyle: 'converse-stream', family: 'runtime' });
  // the base id refuses on-demand calls, so the request goes through the inference profile
  assert.deepEqual(byId.get('us.anthropic.claude-sonnet-4-5-20250929-v1:0')?.route, { model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', apiStyle: 'converse-stream', family: 'runtime' });
  assert.deepEqual(byId.get('anthropic.claude-haiku-4-5')?.route, { model: 'anthropic.claude-haiku-4-5', apiStyle: 'messages', family: 'mantle' });
  assert.deepEqual(byId.get('mistral.mistral-large-3')?.route, { model: 'mistral.mistral-large-3', apiStyle: 'chat-completions', family: 'mantle' });
  assert.equal(byId.get('amazon.nova-lite-v1:0')?.family, 'nova-lite');
  assert.equal(byId.get('us.anthropic.claude-sonnet-4-5-20250929-v1:0')?.family, 'claude-sonnet-4-5');
  assert.equal(byId.get('amazon.nova-lite-v1:0')?.capabilities.imageInput, true);
  assert.equal(byId.get('amazon.nova-lite-v1:0')?.maxInputTokens, 300_000);
  assert.match(byId.get('mistral.mistral-large-3')!.detail, /Chat Completions · bedrock-mantle · us-east-1/);
});

test('a model that needs a profile but has none is not offered on runtime', () => {
  const m = { ...cat.models.find(x => x.id.startsWith('anthropic.claude-sonnet'))!, profiles: [] };
  assert.equal(routeFor(m), undefined);
});

const route = { model: 'amazon.nova-lite-v1:0', apiStyle: 'converse-stream' as const, family: 'runtime' as const };
const text = (value: string) => ({ value });

test('messages map to alternating Bedrock turns with tool calls, tool results and a system prompt', () => {
  const req = toBedrockRequest(route, [
    { role: 3, content: [text('Be brief.')] },
    { role: 1, content: [text('Weather in Paris?')] },
    { role: 1, content: [text('And Rome?')] },
    { role: 2, content: [text('Checking.'), { callId: 'c1', name: 'get_weather', input: { city: 'Paris' } }] },
    { role: 1, content: [{ callId: 'c1', content: [text('18 °C'), { value: { node: 1 } }] }] },
  ], { tools: [{ name: 'get_weather', description: 'Weather', inputSchema: { type: 'object' } }], toolMode: 2, modelOptions: { maxTokens: 100, temperature: 0.2 } });
  assert.equal(req.system, 'Be brief.');
  assert.deepEqual(req.messages.map(m => m.role), ['user', 'assistant', 'user']);
  assert.deepEqual(req.messages[0].content, [{ type: 'text', text: 'Weather in Paris?' }, { type: 'text', text: 'And Rome?' }]);
  assert.deepEqual(req.messages[1].content[1], { type: 'tool-call', id: 'c1', name: 'get_weather', input: { city: 'Paris' } });
  assert.deepEqual(req.messages[2].content, [{ type: 'tool-result', id: 'c1', content: '18 °C{"node":1}' }]);
  assert.deepEqual(req.tools, [{ name: 'get_weather', description: 'Weather', inputSchema: { type: 'object' } }]);
  assert.equal(req.toolChoice, 'any');
  assert.deepEqual(req.params, { maxTokens: 100, temperature: 0.2 });
  assert.equal(req.family, 'runtime');
});

test('a conversation that opens with the assistant gets a user turn first; images pass as image parts', () => {
  const png = new Uint8Array([137, 80, 78, 71]);
  const req = toBedrockRequest(route, [
    { role: 2, content: [text('Hi, how can I help?')] },
    { role: 1, content: [text('What is this?'), { mimeType: 'image/png', data: png }] },
  ], {});
  assert.deepEqual(req.messages.map(m => m.role), ['user', 'assistant', 'user']);
  assert.deepEqual(req.messages[2].content[1], { type: 'image', format: 'png', data: png });
  assert.equal(req.tools, undefined);
});

test('token counting covers text, tool calls and tool results', () => {
  assert.equal(countableText({ role: 2, content: [text('a'), { callId: 'c', name: 'f', input: { x: 1 } }] }), 'a\nf {"x":1}');
  assert.equal(countableText({ role: 1, content: [{ callId: 'c', content: [text('r')] }] }), 'r');
});

test('Bedrock failures map to the LanguageModelError kinds callers can act on', () => {
  const cases: Array<[unknown, ErrorKind, string | undefined]> = [
    [{ name: 'AccessDeniedException', message: 'You don\'t have access to the model', $metadata: { httpStatusCode: 403 } }, 'access-denied', 'NoPermissions'],
    [{ name: 'ExpiredTokenException', message: 'The security token included in the request is expired' }, 'expired-credentials', 'NoPermissions'],
    [{ name: 'UnrecognizedClientException', message: 'bad key', $metadata: { httpStatusCode: 403 } }, 'no-credentials', 'NoPermissions'],
    [{ name: 'ThrottlingException', message: 'Too many requests', $metadata: { httpStatusCode: 429 } }, 'throttled', 'Blocked'],
    [{ name: 'ServiceQuotaExceededException', message: 'quota', $metadata: { httpStatusCode: 400 } }, 'quota', 'Blocked'],
    [{ name: 'ValidationException', message: 'The provided model identifier is invalid.', $metadata: { httpStatusCode: 400 } }, 'invalid-model', 'NotFound'],
    [{ name: 'ResourceNotFoundException', message: 'no such model', $metadata: { httpStatusCode: 404 } }, 'not-found', 'NotFound'],
    [{ name: 'InternalServerException', message: 'boom', $metadata: { httpStatusCode: 500 } }, 'server', undefined],
  ];
  for (const [raw, kind, code] of cases) {
    const e = toBedrockError(raw, { region: 'us-east-1', model: 'm' });
    assert.equal(e.kind, kind, JSON.stringify(raw));
    assert.equal(languageModelErrorCode(e), code, kind);
  }
  const denied = toBedrockError(cases[0][0], { region: 'eu-west-1', model: 'm' });
  assert.match(languageModelErrorMessage(denied), /^Bedrock: Access to m is not enabled .* Request model access in the Bedrock console for eu-west-1\.$/);
});
