import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preferredPrefixes, profilePrefix, resolveModelId } from '../../../src/service/modelIds';

const profiles = [
  { id: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', modelIds: ['anthropic.claude-sonnet-4-5-20250929-v1:0'] },
  { id: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0', modelIds: ['anthropic.claude-sonnet-4-5-20250929-v1:0'] },
  { id: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', modelIds: ['anthropic.claude-sonnet-4-5-20250929-v1:0'] },
  { id: 'amer.amazon.nova-2-lite-v1:0', modelIds: ['amazon.nova-2-lite-v1:0'] },
];

test('profile prefixes are recognised without mistaking vendor ids for them', () => {
  assert.equal(profilePrefix('us.amazon.nova-lite-v1:0'), 'us.');
  assert.equal(profilePrefix('global.anthropic.claude-sonnet-4-5-20250929-v1:0'), 'global.');
  assert.equal(profilePrefix('amazon.nova-lite-v1:0'), undefined);
  assert.equal(profilePrefix('anthropic.claude-3-haiku-20240307-v1:0'), undefined);
  assert.equal(profilePrefix('amer.amazon.nova-2-lite-v1:0', profiles), 'amer.', 'prefixes are taken from ListInferenceProfiles, not a fixed list');
  assert.equal(profilePrefix('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc'), undefined);
});

test('runtime: a model that needs a profile gets the most local one for the region', () => {
  const m = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
  assert.equal(resolveModelId(m, 'runtime', 'us-west-2', profiles, true).id, `us.${m}`);
  assert.equal(resolveModelId(m, 'runtime', 'eu-central-1', profiles, true).id, `eu.${m}`);
  assert.equal(resolveModelId(m, 'runtime', 'sa-east-1', profiles, true).id, `us.${m}`);
  assert.equal(resolveModelId(m, 'runtime', 'me-south-1', profiles, true).id, `global.${m}`);
  assert.equal(resolveModelId(m, 'runtime', 'us-east-1', profiles, false).id, m, 'on-demand models stay as they are');
});

test('application inference profile ARNs and explicit profile ids are used as given', () => {
  const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/team-a';
  assert.deepEqual(resolveModelId(arn, 'runtime', 'us-east-1', profiles, true), { id: arn });
  assert.deepEqual(resolveModelId(arn, 'mantle', 'us-east-1', profiles, true), { id: arn });
  assert.equal(resolveModelId('eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 'runtime', 'us-east-1', profiles, true).id, 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0');
});

test('mantle takes bare ids', () => {
  const r = resolveModelId('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'mantle', 'us-east-1', profiles, false);
  assert.equal(r.id, 'anthropic.claude-sonnet-4-5-20250929-v1:0');
  assert.match(r.note ?? '', /bare/);
});

test('preferred prefixes end with global', () => {
  assert.deepEqual(preferredPrefixes('ap-northeast-1').at(-1), 'global');
  assert.equal(preferredPrefixes('ap-northeast-1')[0], 'apac');
});
