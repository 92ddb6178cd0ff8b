import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, diffEdits } from '../../../src/migrate/edits';

test('diffEdits turns one text into another with one edit per changed run of lines', () => {
  const cases: Array<[string, string]> = [
    ['a\nb\nc\n', 'a\nB\nc\n'],
    ['a\nb\nc\n', 'x\na\nb\nc\ny\n'],
    ['a\nb\nc', 'a\nc'],
    ['', 'new\n'],
    ['one\ntwo\nthree\nfour\nfive\n', 'one\n2\nthree\nfour\n5\nsix\n'],
  ];
  for (const [a, b] of cases) assert.equal(applyEdits(a, diffEdits(a, b)), b);
  assert.equal(diffEdits('a\nb\nc\nd\n', 'a\nB\nc\nD\n').length, 2);
});

test('diffEdits agrees with applyEdits on random line edits', () => {
  let seed = 7;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let i = 0; i < 200; i++) {
    const a = Array.from({ length: rnd(12) }, () => `l${rnd(5)}\n`).join('');
    const b = Array.from({ length: rnd(12) }, () => `l${rnd(5)}\n`).join('');
    assert.equal(applyEdits(a, diffEdits(a, b)), b);
  }
});

test('applyEdits refuses overlapping edits', () => {
  assert.throws(() => applyEdits('abcdef', [{ start: 0, end: 3, newText: 'x' }, { start: 2, end: 4, newText: 'y' }]));
});
