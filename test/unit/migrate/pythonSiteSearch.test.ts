import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { initMigrationEngine } from '../../../src/migrate';
import { stripSite } from '../../../src/migrate/engine';
import { scanPython } from '../../../src/migrate/python/callFinder';
import { findFrameworkSites } from '../../../src/migrate/python/frameworks';
import { parsePython } from '../../../src/migrate/python/parser';
import { findInParts, findPythonSites } from '../../../src/migrate/python/siteSearch';
import { topLevelStatements } from '../../../src/migrate/python/topLevelStatements';

before(() => initMigrationEngine());

const corpus = path.resolve(__dirname, '../../../../test/fixtures/migrate/corpus');
const readAll = (group: string) => fs.readdirSync(path.join(corpus, group)).filter(f => f.endsWith('.py')).sort().map(f => fs.readFileSync(path.join(corpus, group, f), 'utf8'));

/** What one parse of the whole file finds: the SDK's calls and the frameworks' OpenAI classes, in text order. */
function wholeFileSites(text: string) {
  const tree = parsePython(text);
  try { return [...scanPython(tree).sites, ...findFrameworkSites(tree)].sort((a, b) => a.start - b.start).map(stripSite); } finally { tree.delete(); }
}

/** Application code that names no SDK, shaped like the corpus (the SDK renamed away). */
function unrelated(text: string, i: number): string {
  return text.replace(/^(from|import) .*$/gm, '').replace(/openai|OpenAI|anthropic|Anthropic/g, 'Billing')
    .replace(/\bclient\b/g, `gateway${i}`).replace(/\bdef (\w+)/g, `def $1_${i}`);
}

test('the top-level statement splitter keeps strings, brackets, continuations, decorators and else clauses whole', () => {
  const text = [
    'import os',                      // 0
    'x = """',                        // 1
    'not_a_statement = 1',
    '"""',
    'y = (1,',                        // 4
    '2)',
    'z = 1 + \\',                     // 6
    '2',
    '@decorator',                     // 8
    '@other(1)',
    'def f():',
    '    return "it\'s # not a comment ("',
    'if x:',                          // 12
    '    pass',
    'else:',
    '    pass',
    '# a comment at column 0',
    'w = 3',                          // 17
  ].join('\n');
  const lines = topLevelStatements(text).map(s => text.slice(0, s.start).split('\n').length - 1);
  assert.deepEqual(lines, [0, 1, 4, 6, 8, 12, 17]);
});

test('a big module: parsing only the statements that name the SDK finds exactly the whole-file sites', () => {
  const sdk = readAll('openai-py');
  const parts: string[] = [];
  for (let i = 0; parts.join('\n').length < 150_000; i++) parts.push(i % 6 === 0 ? sdk[(i / 6) % sdk.length] : unrelated(sdk[i % sdk.length], i));
  const text = parts.join('\n\n');
  const found = findInParts(text)?.map(stripSite);
  assert.ok(found && found.length > 50, `sites found in parts: ${found?.length}`);
  assert.deepEqual(found, wholeFileSites(text));
});

test('names learnt statement by statement (factory → variable → alias → call) are followed through the parts', () => {
  const filler = readAll('openai-py').map((t, i) => unrelated(t, i)).join('\n\n').repeat(4);
  const text = [
    'from openai import OpenAI', '', 'def make():', '    return OpenAI()', '', filler, '', 'svc = make()', 'alias = svc', '',
    'def answer(q):', '    return alias.embeddings.create(model="text-embedding-3-small", input=q)', '',
  ].join('\n');
  assert.ok(text.length > 40_000);
  const found = findInParts(text)?.map(stripSite);
  assert.ok(found, 'the parts were enough');
  assert.deepEqual(found.map(s => s.kind), ['client-construct', 'embeddings.create']);
  assert.deepEqual(found, wholeFileSites(text));
});

test('a module where most statements use the SDK is parsed whole, with the same result', () => {
  const dense = readAll('openai-py').join('\n\n').repeat(8);
  assert.equal(findInParts(dense), undefined, 'no parts: the whole file is parsed');
  assert.deepEqual(findPythonSites(dense).map(stripSite), wholeFileSites(dense));
});

test('LangChain and LlamaIndex classes in a big module are found in the same partial parse as the SDK calls', () => {
  const filler = readAll('openai-py').map((t, i) => unrelated(t, i)).join('\n\n').repeat(3);
  const text = [
    'from langchain_openai import ChatOpenAI as Chat, OpenAIEmbeddings',
    'from llama_index.llms.openai import OpenAI as LlamaOpenAI',
    'from openai import OpenAI', '', 'client = OpenAI()', '', filler, '',
    'def chat_model():', '    return Chat(model="gpt-4o", temperature=0)', '',
    filler, '',
    'EMBED = OpenAIEmbeddings(model="text-embedding-3-small")',
    'llm = LlamaOpenAI(model="gpt-4o-mini")',
    'local = Chat(model="llama3", base_url="http://localhost:11434/v1")', '',
  ].join('\n');
  assert.ok(text.length > 40_000);
  const found = findInParts(text)?.map(stripSite);
  assert.ok(found, 'the parts were enough');
  assert.deepEqual(found.map(s => s.kind), ['client-construct', 'langchain.chat', 'langchain.embeddings', 'llamaindex.llm']);
  assert.deepEqual(found, wholeFileSites(text));
  assert.deepEqual(findPythonSites(text).map(stripSite), found);
});
