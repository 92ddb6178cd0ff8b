import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { applyEdits, checkSyntax, findSites, initMigrationEngine, migrate } from '../../../src/migrate';

before(() => initMigrationEngine());

const py = [
  'from openai import OpenAI',
  '',
  '# keep this comment   exactly',
  'client = OpenAI()',
  'x   =   1  # odd spacing stays',
  'r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])',
  'print(r.choices[0].message.content)',
  '',
].join('\n');

test('edits are offset replacements against the input that reproduce the output and leave other lines byte-identical', () => {
  for (const target of ['mantle', 'converse'] as const) {
    const result = migrate(py, 'app.py', { target });
    assert.equal(applyEdits(py, result.edits), result.text);
    assert.ok(result.text.includes('# keep this comment   exactly\n'));
    assert.ok(result.text.includes('x   =   1  # odd spacing stays\n'));
    for (const e of result.edits) assert.ok(!py.slice(e.start, e.end).includes('odd spacing'));
  }
});

test('findSites accepts VS Code language ids and reports offsets with 1-based lines', () => {
  const sites = findSites(py, 'python');
  assert.deepEqual(sites.map(s => [s.kind, s.line]), [['client-construct', 4], ['chat.completions.create', 6]]);
  assert.equal(py.slice(sites[1].start, sites[1].start + 'client.chat'.length), 'client.chat');
  assert.ok(py.slice(sites[1].start, sites[1].end).endsWith('])'));
  const tsx = "import OpenAI from 'openai';\nexport const C = () => <div>{String(new OpenAI())}</div>;\n";
  assert.deepEqual(findSites(tsx, 'typescriptreact').map(s => s.kind), ['client-construct']);
  assert.deepEqual(findSites('x = 1', 'plaintext'), []);
});

test('a rewrite that would not parse produces no edit for that site and reports it as manual', () => {
  const js = "import OpenAI from 'openai';\nconst c = new OpenAI();\nawait c.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";
  const result = migrate(js, 'a.mjs', { target: 'mantle', modelMap: { 'gpt-4o': "broken\nid" } });
  const call = result.sites.find(s => s.kind === 'chat.completions.create')!;
  assert.equal(call.status, 'manual');
  assert.match(call.notes.join(' '), /would not parse/);
  assert.ok(result.text.includes("model: 'gpt-4o'"), 'the call is left as it was');
  assert.equal(result.sites.find(s => s.kind === 'client-construct')!.status, 'migrated');
});

test('the model map table overrides the defaults and unknown names are reported, never guessed', () => {
  const js = "import OpenAI from 'openai';\nconst c = new OpenAI();\nc.chat.completions.create({ model: 'gpt-4o', messages: [] });\nc.chat.completions.create({ model: 'my-finetune', messages: [] });\n";
  const result = migrate(js, 'a.ts', { target: 'mantle', modelMap: { 'gpt-4o': 'us.amazon.nova-pro-v1:0' } });
  assert.ok(result.text.includes("model: 'us.amazon.nova-pro-v1:0'"));
  assert.ok(result.text.includes("model: 'my-finetune'"));
  assert.equal(result.sites[2].status, 'manual');
  assert.match(result.sites[2].notes[0], /no Bedrock model id known for 'my-finetune'/);
});

test('--from semantics: an OpenAI run leaves Anthropic code untouched', () => {
  const text = "import Anthropic from '@anthropic-ai/sdk';\nconst a = new Anthropic();\na.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: [] });\n";
  assert.equal(migrate(text, 'a.ts', { target: 'mantle' }).text, text);
  assert.equal(migrate(text, 'a.ts', { target: 'converse', from: 'openai' }).sites.length, 0);
  assert.notEqual(migrate(text, 'a.ts', { target: 'mantle', from: 'anthropic' }).text, text);
});

test('a range limits the run to the sites that start inside it (what a code lens or a selection asks for)', () => {
  const call = findSites(py, 'app.py')[1];
  const result = migrate(py, 'app.py', { target: 'mantle', range: { start: call.start, end: call.end } });
  assert.deepEqual(result.sites.map(s => [s.kind, s.status]), [['chat.completions.create', 'migrated']]);
  assert.ok(result.text.includes('client = OpenAI()\n'), 'the construction outside the range is untouched');
  assert.ok(result.text.includes('model="openai.gpt-oss-120b"'));
});

test('CRLF files keep CRLF line ends, and site offsets point into the original text', () => {
  const crlf = py.replace(/\n/g, '\r\n');
  const result = migrate(crlf, 'app.py', { target: 'converse' });
  assert.equal(result.text, migrate(py, 'app.py', { target: 'converse' }).text.replace(/\n/g, '\r\n'));
  assert.ok(!/[^\r]\n/.test(result.text), 'no bare LF');
  assert.equal(applyEdits(crlf, result.edits), result.text);
  const call = result.sites[1];
  assert.equal(crlf.slice(call.start, call.start + 'client.chat'.length), 'client.chat');
  assert.equal(call.line, 6);
});

test('a type-only import still identifies injected clients', () => {
  const ts = "import type OpenAI from 'openai';\nexport async function f(c: OpenAI) {\n  return c.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });\n}\n";
  assert.deepEqual(findSites(ts, 'f.ts').map(s => s.kind), ['chat.completions.create']);
  const out = migrate(ts, 'f.ts', { target: 'converse' }).text;
  assert.match(out, /c: BedrockRuntimeClient/);
  assert.match(out, /return c\.send\(new ConverseCommand\(/);
  assert.match(out, /^import \{ BedrockRuntimeClient, ConverseCommand \} from '@aws-sdk\/client-bedrock-runtime';$/m);
});

test('Python imports go after the docstring and __future__ imports when the file has no other import', () => {
  const text = '"""Module docs."""\nfrom __future__ import annotations\n\n\ndef f(client: "OpenAI"):\n    return client\n';
  // No SDK import at all: nothing to find, nothing to add.
  assert.equal(migrate(text, 'm.py', { target: 'converse' }).text, text);
  const withLegacy = '"""Module docs."""\nfrom __future__ import annotations\nimport openai\n\nr = openai.ChatCompletion.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])\nprint(r["choices"][0]["message"]["content"])\n';
  const out = migrate(withLegacy, 'm.py', { target: 'converse' }).text;
  // `import openai` lost its last use, so it goes; boto3 takes its place.
  assert.ok(out.startsWith('"""Module docs."""\nfrom __future__ import annotations\nimport boto3\n\nbedrock_runtime = boto3.client('), out);
  assert.match(out, /^r = bedrock_runtime\.converse\(/m);
  assert.match(out, /^print\(r\["output"\]\["message"\]\["content"\]\[0\]\["text"\]\)$/m);
});

test('comments inside a rewritten span are kept above the statement, never silently dropped', () => {
  const text = [
    'from openai import OpenAI',
    'client = OpenAI(',
    '    api_key="sk-test",  # rotate monthly',
    ')',
    'resp = client.chat.completions.create(',
    '    model="gpt-4o",  # best quality',
    '    messages=[{"role": "user", "content": "hi"}],',
    ')',
    '',
  ].join('\n');
  const out = migrate(text, 'c.py', { target: 'converse' }).text;
  assert.match(out, /^# rotate monthly\nclient = boto3\.client\(/m);
  assert.match(out, /^# best quality\nresp = client\.converse\(/m);
  assert.equal(migrate(out, 'c.py', { target: 'converse' }).text, out);
  const js = "import OpenAI from 'openai';\nconst c = new OpenAI({\n  apiKey: 'k', /* vault */\n  timeout: 5, // ms\n});\n";
  const jsOut = migrate(js, 'c.ts', { target: 'mantle' }).text;
  assert.match(jsOut, /^\/\* vault \*\/\n\/\/ ms\n/m);
});

test('results list the packages the new imports need, and nothing once the code is migrated', () => {
  const mantle = migrate(py, 'app.py', { target: 'mantle' });
  assert.deepEqual(mantle.dependencies, [{ ecosystem: 'pip', spec: 'openai[bedrock]>=2.44.0' }]);
  assert.deepEqual(migrate(py, 'app.py', { target: 'converse' }).dependencies, [{ ecosystem: 'pip', spec: 'boto3' }]);
  assert.deepEqual(migrate(mantle.text, 'app.py', { target: 'mantle' }).dependencies, []);
  const js = "import OpenAI from 'openai';\nconst c = new OpenAI();\nawait c.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });\n";
  assert.deepEqual(migrate(js, 'a.mjs', { target: 'converse' }).dependencies.map(d => d.spec), ['@aws-sdk/client-bedrock-runtime']);
});

test('Claude names unknown to the table still map on mantle (bare anthropic.<alias>), never on the runtime', () => {
  const js = "import Anthropic from '@anthropic-ai/sdk';\nconst a = new Anthropic();\na.messages.create({ model: 'claude-sonnet-5', max_tokens: 5, messages: [] });\n";
  assert.match(migrate(js, 'a.ts', { target: 'mantle', from: 'anthropic' }).text, /model: 'anthropic\.claude-sonnet-5'/);
  const runtime = migrate(js, 'a.ts', { target: 'converse', from: 'anthropic' });
  assert.match(runtime.text, /model: 'claude-sonnet-5'/);
  assert.equal(runtime.sites[1].status, 'manual');
});

test('an existing bedrock-runtime import or require gains only the names it lacks', () => {
  const cjs = "const { OpenAI } = require('openai');\nconst { BedrockRuntimeClient } = require('@aws-sdk/client-bedrock-runtime');\nconst c = new OpenAI();\nasync function f() { const r = await c.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }); return r.choices[0].message.content; }\n";
  const out = migrate(cjs, 'a.js', { target: 'converse' }).text;
  assert.match(out, /^const \{ BedrockRuntimeClient, ConverseCommand \} = require\('@aws-sdk\/client-bedrock-runtime'\);$/m);
  assert.equal(out.match(/client-bedrock-runtime/g)?.length, 1);
  assert.doesNotMatch(out, /require\('openai'\)/);
});

test('mantle follows a request held in a const to map its model where it is written', () => {
  const js = "import OpenAI from 'openai';\nconst c = new OpenAI();\nasync function f() {\n  const params: OpenAI.Chat.ChatCompletionCreateParams = { model: 'gpt-4', messages: [], seed: 1 };\n  return c.chat.completions.create(params);\n}\nlet other = { model: 'gpt-4' };\nc.chat.completions.create(other);\n";
  const result = migrate(js, 'a.ts', { target: 'mantle' });
  assert.match(result.text, /const params: OpenAI\.Chat\.ChatCompletionCreateParams = \{ model: 'openai\.gpt-oss-120b', messages: \[\], seed: 1 \};/);
  assert.match(result.text, /let other = \{ model: 'gpt-4' \};/);
  assert.deepEqual(result.sites.map(s => s.status), ['migrated', 'migrated', 'manual']);
  assert.match(result.text, /bedrock-migrate: 'seed' is not documented for Bedrock/);
});

test('checkSyntax: the first place a Python or JS/TS file stops parsing, 1-based; undefined when it parses', () => {
  assert.deepEqual(checkSyntax('import openai\nx = (1,\ny = 2\n', 'a.py')?.line, 2);
  const missing = checkSyntax('def f(:\n    pass\n', 'a.py');
  assert.ok(missing && missing.line === 1 && missing.column >= 6, JSON.stringify(missing));
  assert.equal(checkSyntax('import openai\nclient = openai.OpenAI()\n', 'a.py'), undefined);
  assert.deepEqual(checkSyntax('const a = {\n  b: 1,,\n};\n', 'a.ts'), { line: 2, column: 8, message: 'Property assignment expected.' });
  assert.equal(checkSyntax('const a = 1;\n', 'a.ts'), undefined);
  const result = migrate('from openai import OpenAI\nclient = OpenAI(\n', 'a.py', { target: 'mantle' });
  assert.deepEqual([result.sites, result.edits, result.text], [[], [], 'from openai import OpenAI\nclient = OpenAI(\n']);
  assert.equal(result.syntaxError?.line, 2);
});
