import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { archiveProject, createProject, getProject, listProjects, updateProject } from '../../../src/service/control/projects';
import { BedrockRequestError } from '../../../src/service/errors';
import type { BedrockRequest } from '../../../src/service/model';
import { sigv4, startRig, type Rig } from './emulatorRouter';

let rig: Rig;
before(async () => { rig = await startRig({ auth: 'bearer' }); });
after(() => rig.close());

const control = () => ({ region: rig.emulator.region, endpoints: { control: rig.emulator.runtimeEndpoint }, auth: sigv4(rig.emulator) });
const ask = (apiStyle: BedrockRequest['apiStyle'], model: string, project: string | undefined, family: BedrockRequest['family'] = 'mantle'): BedrockRequest =>
  ({ model, apiStyle, family, messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }], ...(project ? { project } : {}) });

test('Projects through @aws-sdk/client-bedrock: create with tags and retention, list, get, rename, archive', async () => {
  const made = await createProject(control(), { name: 'search team', tags: [{ key: 'team', value: 'search' }], dataRetention: 'none' });
  assert.match(made.id, /^proj_/);
  assert.equal(made.status, 'active');
  assert.equal(made.dataRetention, 'none');
  assert.ok(made.createdAt instanceof Date);
  const created = rig.emulator.requests.find(r => r.route === 'create-project');
  assert.deepEqual((created?.body as { tags: unknown }).tags, [{ key: 'team', value: 'search' }]);
  const all = await listProjects(control());
  assert.ok(all.some(p => p.id === 'default'), 'every account has the default project');
  assert.ok(all.some(p => p.id === made.id));
  assert.equal((await getProject(control(), made.arn)).id, made.id, 'found by ARN too');
  assert.equal((await updateProject(control(), made.id, { name: 'search' })).name, 'search');
  const archived = await archiveProject(control(), made.id);
  assert.equal(archived.status, 'archived');
  assert.ok(archived.archivedAt instanceof Date);
  await assert.rejects(archiveProject(control(), 'default'), (e: unknown) => e instanceof BedrockRequestError && e.info.kind === 'validation');
});

test('inference names the project as a header on mantle (Project on Responses and Chat Completions, Workspace on Messages), checked by the emulator', async () => {
  const p = await createProject(control(), { name: 'billing' });
  const start = rig.emulator.requests.length;
  for (const [style, model] of [['responses', 'openai.gpt-oss-120b'], ['chat-completions', 'openai.gpt-oss-120b'], ['messages', 'anthropic.claude-sonnet-4-5']] as const) {
    const events = await rig.run(ask(style, model, p.id));
    assert.ok(!events.some(e => e.type === 'error'), `${style}: ${JSON.stringify(events.find(e => e.type === 'error'))}`);
  }
  const sent = rig.emulator.requests.slice(start);
  assert.deepEqual(sent.map(r => [r.route, r.project]), [['responses.create', p.id], ['chat.completions', p.id], ['messages', p.id]]);
  assert.equal(sent[0].headers['openai-project'], p.id);
  assert.equal(sent[2].headers['anthropic-workspace-id'], p.id);
  // none named: the default project
  await rig.run(ask('responses', 'openai.gpt-oss-120b', undefined));
  assert.equal(rig.emulator.requests.at(-1)?.project, 'default');
  // an unknown or archived project is refused
  const unknown = await rig.run(ask('responses', 'openai.gpt-oss-120b', 'proj_nope'));
  assert.ok(unknown.some(e => e.type === 'error' && e.error.status === 404));
  await archiveProject(control(), p.id);
  const refused = await rig.run(ask('messages', 'anthropic.claude-sonnet-4-5', p.id));
  assert.ok(refused.some(e => e.type === 'error' && e.error.status === 403));
});
