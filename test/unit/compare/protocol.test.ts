import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCompareState, isCompareWebviewMessage, MAX_PROMPT_CHARS } from '../../../src/compare/protocol';

test('every message of the compare protocol passes the guard in its exact shape', () => {
  const valid = [
    { type: 'ready' }, { type: 'run', prompt: 'hi' }, { type: 'promptChanged', prompt: '' }, { type: 'stop', columnId: 'c1' },
    { type: 'stopAll' }, { type: 'addColumn' }, { type: 'removeColumn', columnId: 'c1' }, { type: 'chooseColumn', columnId: 'c1' },
    { type: 'export', target: 'document' }, { type: 'export', target: 'clipboard' }, { type: 'errorAction', columnId: 'c1' },
    { type: 'openLink', url: 'https://example.com' }, { type: 'copy', text: 'x' },
    { type: 'codeAction', action: 'insert', code: 'x = 1', language: 'python' },
  ];
  for (const m of valid) assert.equal(isCompareWebviewMessage(m), true, JSON.stringify(m));
});

test('the guard refuses unknown types, missing, extra or mistyped fields, and values outside their sets', () => {
  const invalid: unknown[] = [
    null, undefined, 'run', 42, [], [{ type: 'ready' }],
    {}, { type: 'send', text: 'chat message, not compare' }, { type: 'constructor' }, { type: 'toString' },
    { type: 'run' }, { type: 'run', prompt: 1 }, { type: 'run', prompt: 'x', model: 'y' },
    { type: 'stopAll', columnId: 'c1' }, { type: 'ready', extra: true },
    { type: 'export', target: 'file' }, { type: 'export', target: ['document'] },
    { type: 'codeAction', action: 'runShell', code: 'rm -rf /', language: 'sh' },
    { type: 'stop', columnId: { id: 'c1' } },
    { type: 'run', prompt: 'x'.repeat(MAX_PROMPT_CHARS + 1) },
  ];
  for (const m of invalid) assert.equal(isCompareWebviewMessage(m), false, JSON.stringify(m)?.slice(0, 80));
  assert.equal(isCompareWebviewMessage({ type: 'run', prompt: 'x'.repeat(MAX_PROMPT_CHARS) }), true, 'the limit itself is allowed');
});

const column = { id: 'c1', model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream', family: 'runtime', label: 'Nova Lite', modelName: 'Nova Lite', apiStyleLabel: 'ConverseStream', streaming: false };
const result = { text: 'hello', usage: { inputTokens: 3, outputTokens: 5 }, metrics: { totalMs: 40, ttftMs: 10, tokensPerSecond: 166.7 }, stopReason: 'end_turn' };

test('restored webview state is accepted only in the shape the page saves', () => {
  assert.equal(isCompareState({ prompt: 'p', columns: [] }), true);
  assert.equal(isCompareState({ prompt: 'p', columns: [{ ...column, result }] }), true);
  assert.equal(isCompareState({ prompt: 'p', columns: [{ ...column, result: { text: 'partial' }, streaming: true }] }), true);
  const bad: unknown[] = [
    null, { columns: [] }, { prompt: 'p' }, { prompt: 'p', columns: {} },
    { prompt: 'p', columns: Array.from({ length: 5 }, (_, i) => ({ ...column, id: `c${i}` })) },
    { prompt: 'p', columns: [{ ...column, apiStyle: 'telepathy' }] },
    { prompt: 'p', columns: [{ ...column, family: 'edge' }] },
    { prompt: 'p', columns: [{ ...column, model: '' }] },
    { prompt: 'p', columns: [{ ...column, result: { ...result, stopReason: 'bored' } }] },
    { prompt: 'p', columns: [{ ...column, result: { ...result, usage: { inputTokens: -1, outputTokens: 5 } } }] },
    { prompt: 'p', columns: [{ ...column, result: { ...result, metrics: { ttftMs: 3 } } }] },
    { prompt: 'p', columns: [{ ...column, result: { ...result, text: 7 } }] },
    { prompt: 'p', columns: [{ ...column, result: { ...result, error: { message: 'x' } } }] },
  ];
  for (const s of bad) assert.equal(isCompareState(s), false, JSON.stringify(s)?.slice(0, 120));
});
