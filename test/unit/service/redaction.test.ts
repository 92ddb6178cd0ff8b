// Endpoint URLs can carry secrets (user:pass@, ?token=, #access_token=): whatever shows or logs one redacts it, and
// the endpoint settings refuse them outright.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../../emulator';
import { redactingLog } from '../../../src/common/redactingLog';
import { backendStatus } from '../../../src/service/backendStatus';
import { BedrockService } from '../../../src/service/bedrockService';
import type { StreamEvent } from '../../../src/service/model';
import { redactUrl, redactUrls } from '../../../src/service/redactUrls';
import { emulatorSecrets, emulatorServiceConfig } from './emulatorRouter';

const SECRETS = /hunter2|s3cret|tok-123|alice|abc-def/;

test('a URL keeps scheme, host, port and path; user name, password, query values and fragment are hidden', () => {
  assert.equal(redactUrl('https://alice:hunter2@gw.example.com:8443/bedrock/?token=tok-123&x=1#access_token=abc-def'),
    'https://***@gw.example.com:8443/bedrock/?token=***&x=***#***');
  assert.equal(redactUrl('https://bedrock-runtime.us-east-1.amazonaws.com'), 'https://bedrock-runtime.us-east-1.amazonaws.com');
  assert.equal(redactUrl('http://127.0.0.1:4010/'), 'http://127.0.0.1:4010/');
  assert.equal(redactUrl('https://tok-123@host'), 'https://***@host', 'a bare token as user name');
  assert.equal(redactUrl('https://alice:p@ss@host/x'), 'https://***@host/x', 'an unencoded @ in the password');
  assert.equal(redactUrl('https://host/p?s3cret'), 'https://host/p?***', 'a query without names');
});

test('every URL inside a text is redacted, the rest of the text is left as it was', () => {
  const line = 'fetch to https://alice:hunter2@gw.example.com/v1?token=tok-123 failed; retry on http://127.0.0.1:1/x';
  assert.equal(redactUrls(line), 'fetch to https://***@gw.example.com/v1?token=*** failed; retry on http://127.0.0.1:1/x');
});

test('the status (status command, chat view) shows endpoint overrides redacted', () => {
  const s = backendStatus({
    region: 'us-east-1', profile: '', env: {}, sharedFilesExist: true,
    endpoints: { runtime: 'http://alice:hunter2@127.0.0.1:4010', mantle: 'https://gw.example.com/m?token=tok-123' },
  });
  for (const shown of [s.runtimeEndpoint, s.mantleEndpoint, s.summary]) assert.doesNotMatch(shown, SECRETS, shown);
  assert.match(s.runtimeEndpoint, /^http:\/\/\*\*\*@127\.0\.0\.1:4010$/);
  assert.equal(s.configured, false, 'such endpoints are refused, so nothing is configured');
  assert.match(s.problem ?? '', /bedrock\.runtimeEndpoint setting has a user name or password/);
});

test('a hostile region is reported by the status, not thrown', () => {
  const s = backendStatus({ region: 'evil.test:1/#', profile: '', env: {}, sharedFilesExist: true, endpoints: {} });
  assert.equal(s.configured, false);
  assert.match(s.summary, /is not an AWS region/);
  assert.doesNotMatch(s.runtimeEndpoint, /evil/);
});

test('everything written to the output channel is redacted, whichever method writes it', () => {
  const written: unknown[][] = [];
  const record = (...a: unknown[]) => { written.push(a); };
  const channel = { name: 'Bedrock', logLevel: 2, trace: record, debug: record, info: record, warn: record, error: record, append: record, appendLine: record, replace: record, show: () => 'shown' };
  const log = redactingLog(channel as unknown as vscode.LogOutputChannel);
  log.info('runtime https://alice:hunter2@gw.example.com');
  log.warn('mantle https://gw.example.com/?token=tok-123');
  log.error(new Error('failed at https://gw.example.com/#access_token=abc-def'));
  log.appendLine('x https://alice@h');
  assert.doesNotMatch(JSON.stringify(written), SECRETS);
  assert.equal(written.length, 4);
  assert.equal((log as unknown as { show(): string }).show(), 'shown', 'other members pass through');
  assert.equal(log.logLevel, 2);
});

let emu: Emulator;
before(async () => { emu = await startEmulator(); });
after(() => emu.close());

test('endpoint settings with a user name, a password, a query string or a fragment are refused before any request', async () => {
  const bad: [Partial<Record<'runtime' | 'mantle' | 'control', string>>, RegExp][] = [
    [{ runtime: emu.runtimeEndpoint.replace('://', '://alice:hunter2@') }, /bedrock\.runtimeEndpoint setting has a user name or password/],
    [{ runtime: `${emu.runtimeEndpoint}?token=tok-123` }, /bedrock\.runtimeEndpoint setting has a query string/],
    [{ mantle: `${emu.mantleEndpoint}/?token=tok-123` }, /bedrock\.mantleEndpoint setting has a query string/],
    [{ mantle: `${emu.mantleEndpoint}#frag` }, /bedrock\.mantleEndpoint setting has a fragment/],
    [{ runtime: 'not a url' }, /bedrock\.runtimeEndpoint setting is not a URL/],
    [{ runtime: 'file:///etc/passwd' }, /must be an http:\/\/ or https:\/\/ address/],
  ];
  const sent = emu.requests.length;
  for (const [override, message] of bad) {
    const base = emulatorServiceConfig(emu);
    const config = { ...base, endpoints: { ...base.endpoints, ...override } };
    const secrets = emulatorSecrets(emu);
    const service = new BedrockService({ config: () => config, secrets: { get: async k => secrets.get(k) }, env: {}, log: () => undefined });
    const family = override.mantle ? 'mantle' : 'runtime';
    let last: StreamEvent | undefined;
    for await (const e of service.stream({ model: family === 'mantle' ? 'openai.gpt-oss-120b' : 'us.amazon.nova-lite-v1:0', apiStyle: family === 'mantle' ? 'chat-completions' : 'converse-stream', family, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }, new AbortController().signal)) last = e;
    assert.equal(last?.type, 'error', JSON.stringify(last));
    if (last?.type !== 'error') continue;
    assert.match(last.error.message, message);
    assert.doesNotMatch(last.error.message, SECRETS, 'the message does not repeat the secret');
    assert.deepEqual(last.error.action, { kind: 'open-settings' });
  }
  assert.equal(emu.requests.length, sent, 'the emulator behind those endpoints received nothing');
});
