// A folder the user opens can carry settings. In Restricted Mode VS Code drops the workspace's values of the
// settings the manifest lists; in a trusted folder, a workspace endpoint still waits for the user's yes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { endpointSource, rememberedDecision, type RememberedDecisions } from '../../../src/common/workspaceEndpointPolicy';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
  capabilities?: { untrustedWorkspaces?: { supported: unknown; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};
const settings = manifest.contributes.configuration.properties;

test('Restricted Mode is supported in part, and every setting that steers requests, credentials or costs is restricted', () => {
  const trust = manifest.capabilities?.untrustedWorkspaces;
  assert.equal(trust?.supported, 'limited');
  const endpoints = Object.keys(settings).filter(k => /Endpoint$/.test(k));
  assert.deepEqual(endpoints.sort(), ['bedrock.controlPlaneEndpoint', 'bedrock.mantleEndpoint', 'bedrock.runtimeEndpoint']);
  const expected = ['bedrock.region', 'bedrock.profile', ...endpoints, ...Object.keys(settings).filter(k => k.startsWith('bedrock.guardrail.')), 'bedrock.prices',
    // a program the extension runs: a workspace must not choose it
    'bedrock.voice.recorderCommand',
    // billing and data retention follow the project
    'bedrock.project'];
  assert.deepEqual([...(trust?.restrictedConfigurations ?? [])].sort(), expected.sort());
  for (const k of trust?.restrictedConfigurations ?? []) assert.ok(settings[k], `${k} is not a contributed setting`);
  assert.equal((settings['bedrock.voice.recorderCommand'] as { scope?: string }).scope, 'machine', 'the recorder command is read from user settings only');
});

test('machine-specific settings are scoped to the machine (a workspace may override them only where trusted)', () => {
  for (const k of ['bedrock.profile', 'bedrock.runtimeEndpoint', 'bedrock.mantleEndpoint', 'bedrock.controlPlaneEndpoint']) assert.equal(settings[k].scope, 'machine-overridable', k);
});

const allow = () => 'allow' as const;
const undecided = () => undefined;

test('a workspace endpoint is used only once the user allowed that very value; until then the user\u2019s own applies', () => {
  const i = { defaultValue: '', globalValue: 'https://vpce.example.com', workspaceValue: 'https://evil.test' };
  assert.deepEqual(endpointSource(i, true, undecided), { value: 'https://vpce.example.com', workspaceValue: 'https://evil.test', undecided: true });
  assert.deepEqual(endpointSource(i, true, allow), { value: 'https://evil.test', workspaceValue: 'https://evil.test', undecided: false });
  assert.deepEqual(endpointSource(i, true, () => 'use-default'), { value: 'https://vpce.example.com', workspaceValue: 'https://evil.test', undecided: false });
  assert.deepEqual(endpointSource({ defaultValue: '', workspaceValue: 'https://evil.test' }, true, undecided).value, '', 'no user value: the AWS default');
  assert.deepEqual(endpointSource(i, false, allow), { value: 'https://vpce.example.com', workspaceValue: 'https://evil.test', undecided: false }, 'never in an untrusted workspace, and nothing to ask');
  assert.deepEqual(endpointSource({ defaultValue: '', globalValue: 'http://127.0.0.1:1' }, true, undecided), { value: 'http://127.0.0.1:1', undecided: false }, 'user settings need no answer');
  assert.deepEqual(endpointSource({ defaultValue: '', globalValue: 'https://a', workspaceValue: ' https://a ' }, true, undecided), { value: 'https://a', undecided: false }, 'the same value as the user\u2019s needs no answer');
  assert.equal(endpointSource({ defaultValue: '', workspaceFolderValue: 'https://evil.test' }, true, undecided).value, '', 'folder settings count as the workspace\u2019s');
});

test('a remembered answer holds for the value it was given on; a changed value asks again', () => {
  const remembered: RememberedDecisions = { runtimeEndpoint: { value: 'https://gw.example.com', decision: 'allow' } };
  assert.equal(rememberedDecision(remembered, 'runtimeEndpoint', 'https://gw.example.com'), 'allow');
  assert.equal(rememberedDecision(remembered, 'runtimeEndpoint', 'https://evil.test'), undefined);
  assert.equal(rememberedDecision(remembered, 'mantleEndpoint', 'https://gw.example.com'), undefined);
  assert.equal(rememberedDecision({ runtimeEndpoint: { value: 'x', decision: 'yes' as never } }, 'runtimeEndpoint', 'x'), undefined);
});
