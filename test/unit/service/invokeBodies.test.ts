import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invokeFamily } from '../../../src/service/drivers/runtime/bodies/family';
import { llama3Prompt } from '../../../src/service/drivers/runtime/bodies/llama';
import { novaBody } from '../../../src/service/drivers/runtime/bodies/nova';
import { mistralChatBody, MistralChunkParser, mistralPrompt, mistralReplyEvents } from '../../../src/service/drivers/runtime/bodies/mistral';
import { openaiBody, openaiReplyEvents } from '../../../src/service/drivers/runtime/bodies/openai';
import { ReasoningTagSplitter } from '../../../src/service/drivers/runtime/bodies/reasoningTags';
import { payloadSchema } from '../../../src/service/drivers/runtime/bodies/schemas';
import { payloadTemplate } from '../../../src/service/drivers/runtime/bodies/templates';
import { headerUsage, invocationMetricsUsage } from '../../../src/service/drivers/runtime/bodies/usage';
import type { BedrockRequest, StreamEvent } from '../../../src/service/model';
import { parseWav, toSonicInput, writeWav } from '../../../src/service/runtime/wav';

const conversation: BedrockRequest = {
  model: 'x', apiStyle: 'invoke-model', system: 'Be terse.',
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'Hello.' }] },
    { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
  ],
};

test('model family from base ids, profile ids and ARNs; application profiles need it passed', () => {
  const cases: Array<[string, string | undefined]> = [
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic'],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic'],
    ['apac.amazon.nova-lite-v1:0', 'nova'],
    ['amazon.nova-2-lite-v1:0', 'nova'],
    ['meta.llama3-1-8b-instruct-v1:0', 'llama'],
    ['us.meta.llama4-maverick-17b-instruct-v1:0', 'llama'],
    ['mistral.mistral-7b-instruct-v0:2', 'mistral'],
    ['mistral.mistral-large-2402-v1:0', 'mistral'],
    ['mistral.mistral-large-2407-v1:0', 'mistral-chat'],
    ['openai.gpt-oss-120b-1:0', 'openai'],
    ['amazon.titan-embed-text-v2:0', 'titan-embed'],
    ['cohere.embed-multilingual-v3', 'cohere-embed'],
    ['cohere.rerank-v3-5:0', 'cohere-rerank'],
    ['amazon.nova-canvas-v1:0', 'nova-canvas'],
    ['amazon.nova-reel-v1:1', 'nova-reel'],
    ['amazon.nova-sonic-v1:0', 'nova-sonic'],
    ['arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-8b-instruct-v1:0', 'llama'],
    ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0', 'anthropic'],
    ['arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123', undefined],
    ['acme.unknown-v1:0', undefined],
  ];
  for (const [id, family] of cases) assert.equal(invokeFamily(id), family, id);
});

test('Nova: reasoning goes in the body\'s inferenceConfig, images as base64', () => {
  const body = novaBody({ ...conversation, reasoning: { effort: 'high' }, params: { maxTokens: 64 }, messages: [{ role: 'user', content: [{ type: 'image', format: 'png', data: new Uint8Array([1, 2, 3]) }] }] });
  assert.deepEqual(body.inferenceConfig, { maxTokens: 64, reasoningConfig: { type: 'enabled', maxReasoningEffort: 'high' } });
  assert.deepEqual((body.messages as Array<{ content: unknown[] }>)[0].content[0], { image: { format: 'png', source: { bytes: 'AQID' } } });
});

test('Llama 3 template: system, alternating turns, open assistant header', () => {
  assert.equal(llama3Prompt(conversation),
    '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe terse.<|eot_id|>'
    + '<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>'
    + '<|start_header_id|>assistant<|end_header_id|>\n\nHello.<|eot_id|>'
    + '<|start_header_id|>user<|end_header_id|>\n\nWeather?<|eot_id|>'
    + '<|start_header_id|>assistant<|end_header_id|>\n\n');
});

test('Mistral instruction template and chat body with tools', () => {
  assert.equal(mistralPrompt(conversation), '<s>[INST] Be terse.\n\nHi [/INST] Hello.</s>[INST] Weather? [/INST]');
  const body = mistralChatBody({
    ...conversation,
    messages: [
      ...conversation.messages,
      { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'weather', input: { city: 'Oslo' } }] },
      { role: 'user', content: [{ type: 'tool-result', id: 'c1', content: 'Sunny' }] },
    ],
    tools: [{ name: 'weather', inputSchema: { type: 'object' } }], toolChoice: { name: 'weather' },
  });
  const msgs = body.messages as Array<Record<string, unknown>>;
  assert.deepEqual(msgs.at(-2), { role: 'assistant', content: '', tool_calls: [{ id: 'c1', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }] });
  assert.deepEqual(msgs.at(-1), { role: 'tool', tool_call_id: 'c1', content: 'Sunny' });
  assert.equal(body.tool_choice, 'any', 'Mistral cannot name a tool');
});

test('Mistral Large chat-shape stream chunks (message per chunk, stop_reason, tool calls on the last)', () => {
  const p = new MistralChunkParser();
  const events: StreamEvent[] = [];
  const chunks = [
    { choices: [{ index: 0, message: { role: 'assistant', content: 'Let me ' }, stop_reason: null }] },
    { choices: [{ index: 0, message: { role: 'assistant', content: 'check.' }, stop_reason: null }] },
    { choices: [{ index: 0, message: { role: 'assistant', content: '', tool_calls: [{ id: 'abc', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }] }, stop_reason: 'tool_calls' }],
      usage: { prompt_tokens: 12, completion_tokens: 7 }, 'amazon-bedrock-invocationMetrics': { inputTokenCount: 12, outputTokenCount: 7 } },
  ];
  for (const c of chunks) events.push(...p.push(c));
  events.push(...p.end());
  assert.deepEqual(events, [
    { type: 'text', text: 'Let me ' }, { type: 'text', text: 'check.' },
    { type: 'tool-call-start', id: 'abc', name: 'weather' }, { type: 'tool-call-delta', id: 'abc', argumentsDelta: '{"city":"Oslo"}' },
    { type: 'tool-call-end', id: 'abc', input: { city: 'Oslo' } },
    { type: 'usage', usage: { inputTokens: 12, outputTokens: 7 } }, { type: 'stop', reason: 'tool_use', raw: 'tool_calls' },
  ]);
  assert.deepEqual([...mistralReplyEvents({ outputs: [{ text: 'Hi', stop_reason: 'length' }] })], [{ type: 'text', text: 'Hi' }, { type: 'stop', reason: 'max_tokens', raw: 'length' }]);
});

test('gpt-oss: stream:false only for InvokeModel; inline <reasoning> split out, also across fragments', () => {
  assert.equal(openaiBody(conversation, false).stream, false);
  assert.equal('stream' in openaiBody(conversation, true), false);
  assert.equal(openaiBody({ ...conversation, params: { maxTokens: 99 } }, false).max_completion_tokens, 99);
  const whole = [...openaiReplyEvents({ choices: [{ message: { content: '<reasoning>Think.</reasoning>Answer.' }, finish_reason: 'stop' }] })];
  assert.deepEqual(whole.slice(0, 2), [{ type: 'reasoning', text: 'Think.' }, { type: 'text', text: 'Answer.' }]);
  const s = new ReasoningTagSplitter();
  const out: StreamEvent[] = [];
  for (const piece of ['<reas', 'oning>Step ', 'one.</re', 'asoning>Fin', 'al <b>.']) out.push(...s.push(piece));
  out.push(...s.end());
  const join = (t: string) => out.filter(e => e.type === t).map(e => ('text' in e ? e.text : '')).join('');
  assert.equal(join('reasoning'), 'Step one.');
  assert.equal(join('text'), 'Final <b>.');
});

test('usage from token-count headers and from invocation metrics', () => {
  assert.deepEqual(headerUsage({ 'x-amzn-bedrock-input-token-count': '10', 'x-amzn-bedrock-output-token-count': '4', 'x-amzn-bedrock-cache-read-input-token-count': '6' }), { inputTokens: 10, outputTokens: 4, cacheReadTokens: 6 });
  assert.equal(headerUsage({}), undefined);
  assert.deepEqual(invocationMetricsUsage({ 'amazon-bedrock-invocationMetrics': { inputTokenCount: 3, outputTokenCount: 9, invocationLatency: 5 } }), { inputTokens: 3, outputTokens: 9 });
});

test('a raw-payload template exists for every family with a single body', () => {
  for (const f of ['anthropic', 'nova', 'llama', 'mistral', 'mistral-chat', 'openai', 'titan-embed', 'cohere-embed', 'cohere-rerank', 'nova-canvas', 'nova-reel'] as const) {
    assert.ok(payloadTemplate(f), f);
  }
  assert.equal(payloadTemplate('nova-sonic'), undefined);
  assert.equal(payloadTemplate('anthropic')?.anthropic_version, 'bedrock-2023-05-31');
});

/** Enough of JSON Schema to check the templates against the schemas (type, const, enum, bounds, required, nesting). */
function violations(schema: Record<string, unknown>, value: unknown, path = '$'): string[] {
  const out: string[] = [];
  const t = schema.type as string | string[] | undefined;
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value;
  if (t && ![t].flat().some(x => x === kind || (x === 'number' && kind === 'integer'))) out.push(`${path}: ${kind} is not ${String(t)}`);
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) out.push(`${path}: not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) out.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum) out.push(`${path}: below minimum`);
  if (typeof value === 'number' && typeof schema.maximum === 'number' && value > schema.maximum) out.push(`${path}: above maximum`);
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) out.push(`${path}: too few items`);
    if (schema.items) value.forEach((v, i) => out.push(...violations(schema.items as Record<string, unknown>, v, `${path}[${i}]`)));
  } else if (value && typeof value === 'object') {
    for (const r of (schema.required as string[] | undefined) ?? []) if (!(r in value)) out.push(`${path}.${r}: required`);
    for (const [k, sub] of Object.entries((schema.properties as Record<string, Record<string, unknown>> | undefined) ?? {})) {
      if (k in value) out.push(...violations(sub, (value as Record<string, unknown>)[k], `${path}.${k}`));
    }
  }
  return out;
}

test('every template satisfies its family schema, and the schema catches a missing required field', () => {
  for (const f of ['anthropic', 'nova', 'llama', 'mistral', 'mistral-chat', 'openai', 'titan-embed', 'cohere-embed', 'cohere-rerank', 'nova-canvas', 'nova-reel'] as const) {
    const schema = payloadSchema(f);
    assert.ok(schema, f);
    assert.deepEqual(violations(schema, payloadTemplate(f)), [], f);
  }
  assert.equal(payloadSchema('nova-sonic'), undefined);
  const { anthropic_version: _v, ...noVersion } = payloadTemplate('anthropic')!;
  assert.deepEqual(violations(payloadSchema('anthropic')!, noVersion), ['$.anthropic_version: required']);
  assert.deepEqual(violations(payloadSchema('titan-embed')!, { inputText: 'x', dimensions: 300 }), ['$.dimensions: 300 not in enum']);
});

test('WAV: 8-bit mono 8 kHz converts to 16 kHz 16-bit; writeWav/parseWav round trip', () => {
  const eight = new Uint8Array(8000).map((_, i) => (i % 2 ? 255 : 0));
  const pcm = toSonicInput(parseWav(writeWav(eight, 8000, 1, 8)));
  assert.equal(pcm.length, 16000 * 2);
  const back = parseWav(writeWav(pcm, 16000));
  assert.deepEqual([back.sampleRate, back.channels, back.bitsPerSample], [16000, 1, 16]);
  assert.deepEqual([...back.data], [...pcm]);
});
