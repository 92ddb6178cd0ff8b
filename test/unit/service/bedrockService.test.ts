import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../emulator';
import { BedrockService, type ServiceConfig } from '../../../src/service/bedrockService';
import { SECRET_KEYS } from '../../../src/service/credentials/sources';
import type { StreamEvent } from '../../../src/service/model';

let emu: Emulator;
let service: BedrockService;
let config: ServiceConfig;
const logs: string[] = [];
const secrets = new Map<string, string>();

before(async () => {
  emu = await startEmulator();
  secrets.set(SECRET_KEYS.accessKeyId, emu.accessKeyId);
  secrets.set(SECRET_KEYS.secretAccessKey, emu.secretAccessKey);
  config = {
    region: emu.region, endpointFamily: 'auto', credentials: { kind: 'access-keys' },
    endpoints: { runtime: emu.runtimeEndpoint, mantle: emu.mantleEndpoint, control: emu.runtimeEndpoint },
  };
  service = new BedrockService({ config: () => config, secrets: { get: async k => secrets.get(k) }, env: {}, log: m => logs.push(m) });
});
after(() => emu.close());

test('the catalogue merges both families: one entry per model, with families, API styles and profiles', async () => {
  const cat = await service.catalogue();
  assert.deepEqual(cat.problems, []);
  const gptOss = cat.models.find(m => m.id === 'openai.gpt-oss-120b-1:0');
  assert.deepEqual(gptOss?.families, ['runtime', 'mantle']);
  assert.equal(gptOss?.mantleId, 'openai.gpt-oss-120b');
  assert.ok(gptOss?.apiStyles.includes('responses') && gptOss.apiStyles.includes('converse-stream'));
  const claude = cat.models.find(m => m.id === 'anthropic.claude-sonnet-4-5-20250929-v1:0');
  assert.equal(claude?.needsProfile, true);
  assert.ok(claude?.profiles.includes('us.anthropic.claude-sonnet-4-5-20250929-v1:0'));
  const embed = cat.models.find(m => m.id === 'amazon.titan-embed-text-v2:0');
  assert.deepEqual(embed?.apiStyles, ['invoke-model'], 'embeddings are not offered for chat');
  assert.ok(cat.models.some(m => m.families.length === 1 && m.families[0] === 'mantle'), 'mantle-only models are listed too');
  assert.strictEqual(await service.catalogue(), cat, 'cached per region until refreshed');
  assert.notStrictEqual(await service.catalogue({ refresh: true }), cat);
});

test('a base model id that needs a profile is sent through the region\'s profile once the catalogue is loaded', async () => {
  await service.catalogue();
  const events: StreamEvent[] = [];
  for await (const e of service.stream({ model: 'anthropic.claude-sonnet-4-5-20250929-v1:0', apiStyle: 'converse-stream', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }, new AbortController().signal)) events.push(e);
  assert.equal(events.at(-1)?.type, 'stop', JSON.stringify(events.at(-1)));
  assert.match(emu.requests.at(-1)!.path, /^\/model\/us\.anthropic\.claude-sonnet-4-5/);
  assert.ok(logs.some(l => /needs an inference profile/.test(l)));
});

test('one family failing still lists the other, with the problem said', async () => {
  const broken = new BedrockService({
    config: () => ({ ...config, endpoints: { ...config.endpoints, mantle: 'http://127.0.0.1:1' } }),
    secrets: { get: async k => secrets.get(k) }, env: {}, log: () => undefined,
  });
  const cat = await broken.catalogue();
  assert.ok(cat.models.length > 5);
  assert.equal(cat.problems.length, 1);
  assert.match(cat.problems[0], /bedrock-mantle model list: Could not reach Bedrock/);
});

test('a catalogue loaded without credentials is reloaded after sign-in, a complete one is kept', async () => {
  const keys = new Map<string, string>();
  const later = new BedrockService({ config: () => config, secrets: { get: async k => keys.get(k) }, env: {}, log: () => undefined });
  const before = await later.catalogue();
  assert.ok(before.problems.length > 0, 'no keys yet: both families say why');
  for (const [k, v] of secrets) keys.set(k, v);
  later.resetCredentials();
  const after = await later.catalogue();
  assert.notStrictEqual(after, before);
  assert.deepEqual(after.problems, []);
  later.resetCredentials();
  assert.strictEqual(await later.catalogue(), after);
});

test('missing stored keys surface as a sign-in action, not a crash', async () => {
  const empty = new BedrockService({ config: () => config, secrets: { get: async () => undefined }, env: {}, log: () => undefined });
  const events: StreamEvent[] = [];
  for await (const e of empty.stream({ model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }, new AbortController().signal)) events.push(e);
  const last = events.at(-1);
  assert.ok(last?.type === 'error');
  assert.equal(last.error.kind, 'no-credentials');
  assert.deepEqual(last.error.action, { kind: 'sign-in' });
});

test('a background Responses job on mantle is polled to completion with its statuses reported', async () => {
  const statuses: string[] = [];
  const events: StreamEvent[] = [];
  for await (const e of service.background({ model: 'openai.gpt-oss-120b', messages: [{ role: 'user', content: [{ type: 'text', text: 'Summarise the plan' }] }] }, new AbortController().signal, s => statuses.push(String(s)), 20)) events.push(e);
  assert.equal(events[0].type, 'response-id');
  assert.equal(events.at(-1)?.type, 'stop', JSON.stringify(events.at(-1)));
  assert.match(events.filter(e => e.type === 'text').map(e => (e as { text: string }).text).join(''), /Summarise the plan/);
  assert.equal(statuses[0], 'queued');
  assert.equal(statuses.at(-1), 'completed');
  assert.ok(emu.requests.some(r => r.method === 'GET' && /\/responses\/resp_/.test(r.path)), 'polled with GET /v1/responses/{id}');
});

test('aborting a background job cancels it on the server', async () => {
  const abort = new AbortController();
  const events: StreamEvent[] = [];
  for await (const e of service.background({ model: 'openai.gpt-oss-120b', messages: [{ role: 'user', content: [{ type: 'text', text: 'slow job' }] }] }, abort.signal, s => { if (s === 'queued' || s === 'in_progress') abort.abort(); }, 20)) events.push(e);
  assert.deepEqual(events.at(-1), { type: 'stop', reason: 'aborted' });
  assert.ok(emu.requests.some(r => r.method === 'POST' && /\/responses\/resp_[^/]+\/cancel$/.test(r.path)), 'POST /v1/responses/{id}/cancel was sent');
});
