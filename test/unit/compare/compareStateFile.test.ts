import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CompareStateFile } from '../../../src/compare/compareStateFile';
import type { CompareState } from '../../../src/compare/protocol';

const state = (prompt: string): CompareState => ({
  prompt,
  columns: [{ id: 'c1', model: 'openai.gpt-oss-120b', apiStyle: 'responses', family: 'mantle', label: 'l', modelName: 'm', apiStyleLabel: 's', streaming: false, result: { text: 'hi', stopReason: 'end_turn', metrics: { totalMs: 5 } } }],
});

test('the last comparison is written to disk and read back; rapid saves end with the newest', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-state-'));
  const file = CompareStateFile.in(path.join(dir, 'nested'));
  assert.equal(file.read(), undefined, 'nothing saved yet');
  const saves = ['one', 'two', 'three', 'four'].map(p => file.save(state(p)));
  await Promise.all(saves);
  assert.deepEqual(CompareStateFile.in(path.join(dir, 'nested')).read(), state('four'));
  assert.deepEqual(fs.readdirSync(path.join(dir, 'nested')), ['compare.json'], 'no temp files left behind');
});

test('a damaged or foreign file is ignored, not trusted', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-state-'));
  fs.writeFileSync(path.join(dir, 'compare.json'), '{"prompt": "x", "columns": [');
  assert.equal(CompareStateFile.in(dir).read(), undefined);
  fs.writeFileSync(path.join(dir, 'compare.json'), JSON.stringify({ prompt: 'x', columns: [{ id: 'c', model: 'm', apiStyle: 'shell', family: 'runtime' }] }));
  assert.equal(CompareStateFile.in(dir).read(), undefined);
});
