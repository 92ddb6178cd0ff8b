import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { findSites, initMigrationEngine, migrate, type MigrationResult, type MigrationTarget } from '../../../src/migrate';
import { corpusFiles, expectedDir, jsSyntaxErrors, pythonSyntaxErrors } from './corpusFiles';

// Golden tests over the corpus: expected sites and statuses, exact outputs for both targets,
// every output parses, and a second run changes nothing. UPDATE_GOLDEN=1 rewrites the expected
// files (review the diff before committing it).

const update = process.env.UPDATE_GOLDEN === '1';
const targets: MigrationTarget[] = ['mantle', 'converse'];
const files = corpusFiles();
const outputs: Array<{ name: string; text: string; python: boolean }> = [];
const results = new Map<string, MigrationResult>();
const migrated = (f: (typeof files)[number], text: string, target: MigrationTarget): MigrationResult => {
  const key = `${f.rel}:${target}`;
  if (!results.has(key)) results.set(key, migrate(text, f.rel, { target, from: f.from, ...f.options }));
  return results.get(key)!;
};

before(() => initMigrationEngine());

test('the corpus has at least 15 Python and 15 JS/TS OpenAI files, 4 negatives and 6 Anthropic files', () => {
  const count = (group: string) => files.filter(f => f.group === group).length;
  assert.ok(count('openai-py') >= 15, `openai-py: ${count('openai-py')}`);
  assert.ok(count('openai-js') >= 15, `openai-js: ${count('openai-js')}`);
  assert.ok(count('negative') >= 4, `negative: ${count('negative')}`);
  assert.ok(count('anthropic') >= 6, `anthropic: ${count('anthropic')}`);
});

function readOrWrite(file: string, actual: string): string {
  if (update) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  }
  return fs.readFileSync(file, 'utf8');
}

for (const f of files) {
  const text = fs.readFileSync(f.abs, 'utf8');
  const base = path.join(expectedDir, f.rel);

  test(`corpus ${f.rel}: expected call sites and statuses`, () => {
    const sites = findSites(text, f.rel, { from: f.from }).map(s => ({ line: s.line, kind: s.kind, streaming: s.streaming, async: s.async }));
    const status: Record<string, string[]> = {};
    for (const target of targets) status[target] = migrated(f, text, target).sites.map(s => s.status);
    const actual = `${JSON.stringify({ sites, status }, null, 2)}\n`;
    assert.equal(actual, readOrWrite(`${base}.sites.json`, actual));
    if (f.group === 'negative') assert.deepEqual(sites, []);
    else assert.ok(sites.length > 0);
  });

  for (const target of targets) {
    test(`corpus ${f.rel}: ${target} output matches its golden file and is stable`, () => {
      const result = migrated(f, text, target);
      assert.equal(result.text, readOrWrite(`${base}.${target}`, result.text));
      if (f.group === 'negative') assert.equal(result.text, text);
      const again = migrate(result.text, f.rel, { target, from: f.from, ...f.options });
      assert.equal(again.text, result.text, 'a second run must change nothing');
      assert.deepEqual(again.edits, []);
      outputs.push({ name: `${f.rel} (${target})`, text: result.text, python: f.rel.endsWith('.py') });
      if (!f.rel.endsWith('.py')) assert.deepEqual(jsSyntaxErrors(result.text, f.rel), []);
    });
  }
}

test('every Python output parses with CPython ast.parse', () => {
  const python = outputs.filter(o => o.python);
  assert.ok(python.length >= 2 * 15, `only ${python.length} Python outputs collected`);
  assert.deepEqual(pythonSyntaxErrors(python.map(o => [o.name, o.text])), {});
});

test('with --from all, every corpus file still migrates to parseable, stable output for both targets', () => {
  const python: Array<[string, string]> = [];
  for (const f of files) {
    const text = fs.readFileSync(f.abs, 'utf8');
    for (const target of targets) {
      const out = migrate(text, f.rel, { target, from: 'all', ...f.options }).text;
      assert.equal(migrate(out, f.rel, { target, from: 'all', ...f.options }).text, out, `${f.rel} (${target}) is not stable`);
      if (f.rel.endsWith('.py')) python.push([`${f.rel} (${target}, all)`, out]);
      else assert.deepEqual(jsSyntaxErrors(out, f.rel), [], `${f.rel} (${target})`);
    }
  }
  assert.deepEqual(pythonSyntaxErrors(python), {});
});
