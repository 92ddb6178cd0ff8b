import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { findSites, initMigrationEngine, migrate, type MigrationTarget } from '../../../src/migrate';
import { fixtures, jsSyntaxErrors, pythonSyntaxErrors } from './corpusFiles';

// The real-world corpus (test/fixtures/migrate/real-world, see its SOURCES.md): call forms as public
// projects write them, and look-alikes that must stay untouched. Sites were labelled by hand in
// expected-sites.json (file → 1-based lines where a call site starts); the engine must find them
// with recall and precision ≥ 0.97, every output must parse and a second run must change nothing.

const dir = path.join(fixtures, 'real-world');
const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected-sites.json'), 'utf8')) as Record<string, number[]>;
const names = Object.keys(expected).sort();

before(() => initMigrationEngine());

export function siteScores(found: Record<string, number[]>, wanted: Record<string, number[]>): { recall: number; precision: number; missed: string[]; extra: string[] } {
  let tp = 0, nWanted = 0, nFound = 0;
  const missed: string[] = [];
  const extra: string[] = [];
  for (const name of Object.keys(wanted)) {
    const left = [...(found[name] ?? [])];
    nWanted += wanted[name].length;
    nFound += left.length;
    for (const line of wanted[name]) {
      const i = left.indexOf(line);
      if (i >= 0) { tp++; left.splice(i, 1); } else missed.push(`${name}:${line}`);
    }
    extra.push(...left.map(l => `${name}:${l}`));
  }
  return { recall: nWanted ? tp / nWanted : 1, precision: nFound ? tp / nFound : 1, missed, extra };
}

test('the real-world corpus: every file is listed, with look-alikes in both languages', () => {
  const onDisk = ['py', 'js'].flatMap(sub => fs.readdirSync(path.join(dir, sub)).map(n => `${sub}/${n}`)).sort();
  assert.deepEqual(onDisk, names);
  assert.ok(names.length >= 35, `${names.length} files`);
  assert.ok(names.filter(n => n.includes('lookalike')).length >= 8);
});

test('site recall and precision on the real-world corpus are at least 0.97', () => {
  const found: Record<string, number[]> = {};
  for (const name of names) found[name] = findSites(fs.readFileSync(path.join(dir, name), 'utf8'), name, { from: 'openai' }).map(s => s.line);
  const scores = siteScores(found, expected);
  const total = Object.values(expected).reduce((n, l) => n + l.length, 0);
  process.stdout.write(`# real-world corpus: ${names.length} files, ${total} labelled sites, recall ${scores.recall.toFixed(3)}, precision ${scores.precision.toFixed(3)}\n`);
  assert.deepEqual({ missed: scores.missed, extra: scores.extra }, { missed: [], extra: [] });
  assert.ok(scores.recall >= 0.97 && scores.precision >= 0.97);
});

for (const target of ['mantle', 'converse'] as MigrationTarget[]) {
  test(`real-world corpus, ${target}: every output parses, look-alikes are untouched, a second run changes nothing`, () => {
    const python: Array<[string, string]> = [];
    for (const name of names) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const result = migrate(text, name, { target, from: 'openai' });
      if (name.includes('lookalike')) assert.equal(result.text, text, `${name} was changed`);
      else assert.notEqual(result.text, text, `${name} was not changed (every site is migrated or marked)`);
      const again = migrate(result.text, name, { target, from: 'openai' });
      assert.equal(again.text, result.text, `${name}: a second run changed it`);
      if (name.endsWith('.py')) python.push([`${name} (${target})`, result.text]);
      else assert.deepEqual(jsSyntaxErrors(result.text, name), [], name);
    }
    assert.deepEqual(pythonSyntaxErrors(python), {});
  });
}
