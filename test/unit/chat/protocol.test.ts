import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isWebviewMessage } from '../../../src/chat/protocol';

test('protocol accepts the messages it declares', () => {
  assert.equal(isWebviewMessage({ type: 'ready' }), true);
  assert.equal(isWebviewMessage({ type: 'runCommand', command: 'bedrock.showLog' }), true);
});

test('protocol rejects unknown types, extra fields and commands outside the allow-list', () => {
  for (const m of [null, 'ready', 42, {}, { type: 'nope' }, { type: 'ready', extra: 1 },
    { type: 'runCommand', command: 'workbench.action.terminal.sendSequence' }, { type: 'runCommand' }]) {
    assert.equal(isWebviewMessage(m), false, JSON.stringify(m));
  }
});
