import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { AnthropicBedrock, AnthropicBedrockMantle } from '@anthropic-ai/bedrock-sdk';
import { startEmulator, type Emulator } from '../../../emulator/index';

let emu: Emulator;
let client: Anthropic;
before(async () => {
  emu = await startEmulator({ projects: ['wrkspc_emulator'] });
  client = new Anthropic({ baseURL: `${emu.mantleEndpoint}/anthropic`, apiKey: emu.apiKey, maxRetries: 0, defaultHeaders: { 'anthropic-workspace-id': 'wrkspc_emulator' } });
});
after(async () => { await emu.close(); });

const CLAUDE = 'anthropic.claude-sonnet-4-5';

test('Messages answers as JSON and the stream accumulates to the same message', async () => {
  const params = { model: CLAUDE, max_tokens: 1024, messages: [{ role: 'user' as const, content: 'Show a bash loop' }] };
  const msg = await client.messages.create(params);
  const text = msg.content.find(b => b.type === 'text');
  assert.ok(text && text.type === 'text');
  assert.match(text.text, /You asked: "Show a bash loop"/);
  assert.equal(msg.stop_reason, 'end_turn');
  assert.ok(msg.usage.input_tokens > 0 && msg.usage.output_tokens > 0);
  const final = await client.messages.stream(params).finalMessage();
  assert.deepEqual(final.content, msg.content);
  assert.equal(final.usage.output_tokens, msg.usage.output_tokens);
  const rec = emu.requests.at(-1);
  assert.equal(rec?.route, 'messages');
  assert.equal(rec?.headers['anthropic-workspace-id'], 'wrkspc_emulator');
  assert.equal(rec?.headers['x-api-key'], undefined);
});

test('Messages streams thinking and tool_use blocks with their deltas', async () => {
  const stream = client.messages.stream({
    model: CLAUDE, max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 },
    tools: [{ name: 'lookup', description: 'Look something up', input_schema: { type: 'object', properties: { query: { type: 'string' } } } }],
    messages: [{ role: 'user', content: 'Find the release date of Node 22' }],
  });
  const deltaTypes = new Set<string>();
  stream.on('streamEvent', ev => { if (ev.type === 'content_block_delta') deltaTypes.add(ev.delta.type); });
  const final = await stream.finalMessage();
  assert.deepEqual(final.content.map(b => b.type), ['thinking', 'text', 'tool_use']);
  assert.deepEqual([...deltaTypes].sort(), ['input_json_delta', 'signature_delta', 'text_delta', 'thinking_delta']);
  const use = final.content[2];
  assert.ok(use.type === 'tool_use');
  assert.equal(use.name, 'lookup');
  assert.equal(typeof (use.input as { query: string }).query, 'string');
  assert.equal(final.stop_reason, 'tool_use');
});

test('Messages is served on the runtime family too, and through AnthropicBedrockMantle with SigV4', async () => {
  const runtime = new Anthropic({ baseURL: `${emu.runtimeEndpoint}/anthropic`, apiKey: emu.apiKey, maxRetries: 0 });
  const r = await runtime.messages.create({ model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', max_tokens: 100, messages: [{ role: 'user', content: 'runtime hi' }] });
  assert.equal(r.type, 'message');
  assert.equal(emu.requests.at(-1)?.family, 'runtime');
  const mantle = new AnthropicBedrockMantle({ awsRegion: emu.region, baseURL: `${emu.mantleEndpoint}/anthropic`, awsAccessKey: emu.accessKeyId, awsSecretAccessKey: emu.secretAccessKey, maxRetries: 0 });
  const m = await mantle.messages.create({ model: CLAUDE, max_tokens: 100, messages: [{ role: 'user', content: 'signed hi' }] });
  assert.equal(m.role, 'assistant');
  assert.equal(emu.requests.at(-1)?.auth, 'sigv4');
});

test('Messages errors arrive as Anthropic SDK error classes', async () => {
  await assert.rejects(client.messages.create({ model: 'anthropic.claude-nonexistent', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }),
    (e: unknown) => e instanceof Anthropic.NotFoundError);
  const faulty = new Anthropic({ baseURL: `${emu.mantleEndpoint}/anthropic`, apiKey: emu.apiKey, maxRetries: 0, defaultHeaders: { 'x-emulator-fault': 'throttling' } });
  await assert.rejects(faulty.messages.create({ model: CLAUDE, max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }),
    (e: unknown) => e instanceof Anthropic.RateLimitError && (e.error as { error: { type: string } }).error.type === 'rate_limit_error');
  const broken = new Anthropic({ baseURL: `${emu.mantleEndpoint}/anthropic`, apiKey: emu.apiKey, maxRetries: 0, defaultHeaders: { 'x-emulator-fault': 'model-stream-error:4' } });
  await assert.rejects(broken.messages.stream({ model: CLAUDE, max_tokens: 100, messages: [{ role: 'user', content: 'x' }] }).finalMessage(),
    (e: unknown) => e instanceof Anthropic.APIError);
});

test('AnthropicBedrock (runtime InvokeModel under the hood) creates and streams messages', async () => {
  // Note: AnthropicBedrock names the secret `awsSecretKey`; AnthropicBedrockMantle calls it `awsSecretAccessKey`.
  const bedrock = new AnthropicBedrock({ awsRegion: emu.region, baseURL: emu.runtimeEndpoint, awsAccessKey: emu.accessKeyId, awsSecretKey: emu.secretAccessKey, maxRetries: 0 });
  const model = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
  const msg = await bedrock.messages.create({ model, max_tokens: 300, messages: [{ role: 'user', content: 'native hello' }] });
  assert.match((msg.content[0] as { text: string }).text, /native hello/);
  assert.equal(emu.requests.at(-1)?.route, 'invoke');
  const final = await bedrock.messages.stream({ model, max_tokens: 300, messages: [{ role: 'user', content: 'native hello' }] }).finalMessage();
  assert.deepEqual(final.content, msg.content);
  assert.equal(emu.requests.at(-1)?.route, 'invoke-with-response-stream');
});
