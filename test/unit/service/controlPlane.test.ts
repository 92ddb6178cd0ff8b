// The service's control-plane features against the emulator: guardrail listing, ApplyGuardrail, and application
// inference profiles created, listed, used as a model id and deleted.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../emulator';
import { BedrockService } from '../../../src/service/bedrockService';
import { parseTags } from '../../../src/service/control/inferenceProfiles';
import type { StreamEvent } from '../../../src/service/model';
import { emulatorSecrets, emulatorServiceConfig } from './emulatorRouter';

let emu: Emulator;
let service: BedrockService;
const logs: string[] = [];

before(async () => {
  emu = await startEmulator();
  const secrets = emulatorSecrets(emu);
  const config = emulatorServiceConfig(emu);
  service = new BedrockService({ config: () => config, secrets: { get: async k => secrets.get(k) }, env: {}, log: m => logs.push(m) });
});
after(() => emu.close());

test('ListGuardrails gives each guardrail\'s DRAFT, and every version when asked for one guardrail', async () => {
  const all = await service.listGuardrails();
  assert.deepEqual(all.map(g => [g.id, g.version, g.name]), [['gr0emulator01', 'DRAFT', 'emulator-default']]);
  const versions = await service.listGuardrails({ guardrailId: 'gr0emulator01' });
  assert.deepEqual(versions.map(g => g.version), ['DRAFT', '1']);
  assert.equal(emu.requests.at(-1)?.query.guardrailIdentifier, 'gr0emulator01');
});

test('ApplyGuardrail assesses text as input or output and returns the masked text', async () => {
  const masked = await service.applyGuardrail({ id: 'gr0emulator01', version: '1' }, 'output', 'Write to jane@example.com');
  assert.equal(masked.intervened, true);
  assert.deepEqual(masked.outputs, ['Write to {EMAIL}']);
  assert.deepEqual(masked.findings.map(f => [f.source, f.policy, f.name, f.action]), [['output', 'sensitive-information', 'EMAIL', 'ANONYMIZED']]);
  assert.equal((emu.requests.at(-1)?.body as { source?: string }).source, 'OUTPUT');
  const clean = await service.applyGuardrail({ id: 'gr0emulator01', version: 'DRAFT' }, 'input', 'Tell me about rivers');
  assert.equal(clean.intervened, false);
  await assert.rejects(service.applyGuardrail({ id: 'nope', version: '1' }, 'input', 'x'), (e: Error & { info?: { kind: string } }) => e.info?.kind === 'not-found');
});

test('an application inference profile: created from a model with tags, listed, in the catalogue, used as the model id, deleted', async () => {
  const arn = await service.createApplicationProfile({ name: 'team-search', copyFrom: `arn:aws:bedrock:${emu.region}::foundation-model/amazon.nova-lite-v1:0`, tags: parseTags('team=search, app=assistant').tags });
  assert.match(arn, /^arn:aws:bedrock:[a-z0-9-]+:\d{12}:application-inference-profile\/[a-z0-9]+$/);
  const sent = emu.requests.at(-1)!.body as { tags?: unknown; modelSource?: unknown };
  assert.deepEqual(sent.tags, [{ key: 'team', value: 'search' }, { key: 'app', value: 'assistant' }]);
  const listed = await service.listApplicationProfiles();
  assert.ok(listed.some(p => p.arn === arn && p.name === 'team-search' && p.modelIds.includes('amazon.nova-lite-v1:0')));
  const cat = await service.catalogue();
  assert.ok(cat.applicationProfiles.some(p => p.arn === arn), 'the catalogue lists the new profile');
  assert.ok(!cat.profiles.some(p => p.id.length && arn.endsWith(p.id)), 'system profiles stay apart');

  // the ARN goes to Bedrock untouched, as the model id, through Converse and through InvokeModel (whose body family
  // the catalogue's listing of the profile supplies)
  for (const apiStyle of ['converse-stream', 'invoke-model'] as const) {
    emu.scriptReplies([`Via the profile (${apiStyle}).`]);
    const events: StreamEvent[] = [];
    for await (const e of service.stream({ model: arn, apiStyle, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }, new AbortController().signal)) events.push(e);
    assert.equal(events.map(e => (e.type === 'text' ? e.text : '')).join(''), `Via the profile (${apiStyle}).`, JSON.stringify(events.at(-1)));
    assert.equal(decodeURIComponent(emu.requests.at(-1)!.path.split('/')[2]), arn);
  }

  await service.deleteApplicationProfile(arn);
  assert.ok(!(await service.listApplicationProfiles()).some(p => p.arn === arn));
  assert.ok(!(await service.catalogue()).applicationProfiles.some(p => p.arn === arn), 'the catalogue forgets it');
});

test('tags are parsed from key=value lists, and a malformed entry is refused rather than dropped', () => {
  assert.deepEqual(parseTags(' team = search ,app=a=b, '), { tags: [{ key: 'team', value: 'search' }, { key: 'app', value: 'a=b' }] });
  assert.match(parseTags('team=search, oops').error ?? '', /"oops" is not key=value/);
  assert.deepEqual(parseTags(''), { tags: [] });
});
