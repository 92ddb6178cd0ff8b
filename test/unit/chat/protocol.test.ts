import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isWebviewMessage } from '../../../src/chat/protocol';

test('protocol accepts the messages it declares', () => {
  for (const m of [{ type: 'ready' }, { type: 'runCommand', command: 'bedrock.showLog' }, { type: 'send', text: 'hi' },
    { type: 'codeAction', action: 'insert', code: 'x', language: 'ts' }, { type: 'pick', what: 'model' },
    { type: 'attachImage', name: 'a.png', format: 'png', base64: 'AAAA' }, { type: 'removeChip', id: 'c1' }]) {
    assert.equal(isWebviewMessage(m), true, JSON.stringify(m));
  }
});

test('protocol rejects unknown types, extra fields and commands outside the allow-list', () => {
  for (const m of [null, 'ready', 42, {}, { type: 'nope' }, { type: 'ready', extra: 1 },
    { type: 'runCommand', command: 'workbench.action.terminal.sendSequence' }, { type: 'runCommand' },
    { type: 'send', text: 42 }, { type: 'codeAction', action: 'rm -rf', code: 'x', language: 'ts' }, { type: 'pick', what: 'everything' },
    { type: 'attachImage', name: 'a.svg', format: 'svg', base64: 'AAAA' }, { type: 'attachImage', name: 'big.png', format: 'png', base64: 'A'.repeat(5_000_001) },
    { type: 'toString' }, { type: 'constructor' }]) {
    assert.equal(isWebviewMessage(m), false, JSON.stringify(m));
  }
});
