import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Transcript } from '../../../src/voice/transcript';

test('speculative previews are replaced by finals in order; a barge-in drops the unspoken ones and marks the cut', () => {
  const t = new Transcript();
  t.user('What is a river?');
  t.speculative('A river is flowing water.');
  t.speculative('It ends in a sea.');
  assert.deepEqual(t.entries.map(e => [e.role, e.text, e.pending]), [['user', 'What is a river?', []], ['assistant', '', ['A river is flowing water.', 'It ends in a sea.']]]);
  t.final('A river is flowing water.');
  assert.deepEqual(t.entries[1].pending, ['It ends in a sea.']);
  assert.equal(t.entries[1].text, 'A river is flowing water.');
  t.interrupted();
  t.turnEnd();
  assert.deepEqual([t.entries[1].pending, t.entries[1].interrupted, t.entries[1].done], [[], true, true]);
  t.user('Stop.');
  t.speculative('Sure.');
  t.final('Sure.');
  t.turnEnd();
  t.tool('read_workspace_file("a.ts") → 10 characters');
  assert.equal(t.markdown('Voice'), [
    '# Voice', '',
    '**You:** What is a river?', '',
    '**Nova Sonic:** A river is flowing water. — *(interrupted)*', '',
    '**You:** Stop.', '',
    '**Nova Sonic:** Sure.', '',
    '*Tool: read_workspace_file("a.ts") → 10 characters*', '',
  ].join('\n'));
});
