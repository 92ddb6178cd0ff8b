import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { main } from '../../../src/migrate/cli';
import { corpusDir, expectedDir, repoRoot } from './corpusFiles';

// The compiled CLI (out/src/migrate/cli.js) in scratch folders: a few runs as a real process,
// as users start it, and the rest through its main() in this process, which is the same code
// without paying for a Node start and the TypeScript compiler's load each time.

const cli = path.join(repoRoot(), 'out', 'src', 'migrate', 'cli.js');
process.env.AWS_REGION = 'us-east-1';

function spawnCli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, AWS_REGION: 'us-east-1' } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr + (r.signal ? ` (killed by ${r.signal})` : '') };
}

async function run(args: string[], cwd: string) {
  const before = process.cwd();
  let stdout = '';
  let stderr = '';
  process.chdir(cwd);
  try {
    const code = await main(args, { out: s => { stdout += s; return true; }, err: s => { stderr += s; return true; } });
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}

/** A scratch project holding copies of corpus files (and optional manifest files). */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-migrate-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const corpus = (rel: string) => fs.readFileSync(path.join(corpusDir, rel), 'utf8');
const golden = (rel: string, target: string) => fs.readFileSync(path.join(expectedDir, `${rel}.${target}`), 'utf8');

test('cli: default run (a real process) prints a unified diff and leaves files alone', () => {
  const dir = project({ 'app/chat.py': corpus('openai-py/01-basic-chat.py') });
  const r = spawnCli(['app'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^--- a\/app\/chat\.py\n\+\+\+ b\/app\/chat\.py\n@@ -3,14 \+3,16 @@\n/);
  assert.match(r.stdout, /^-client = OpenAI\(api_key=os\.environ\["OPENAI_API_KEY"\]\)$/m);
  assert.match(r.stdout, /^\+client = OpenAI\(provider=bedrock\(region="us-east-1"\)\)$/m);
  assert.equal(fs.readFileSync(path.join(dir, 'app/chat.py'), 'utf8'), corpus('openai-py/01-basic-chat.py'));
});

test('cli: --json (a real process) prints exactly the documented shape with 1-based lines and statuses', () => {
  const dir = project({ 'a.ts': corpus('openai-js/06-embeddings.ts'), 'b.py': corpus('openai-py/14-fastapi-async-stream.py'), 'none.py': 'print("no sdk here")\n' });
  const r = spawnCli(['--json', '--target', 'converse', '.'], dir);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { files: Array<{ path: string; sites: Array<Record<string, unknown>> }> };
  assert.deepEqual(Object.keys(report), ['files', 'skipped']);
  assert.deepEqual(report.files.map(f => f.path), ['a.ts', 'b.py']);
  for (const site of report.files.flatMap(f => f.sites)) assert.deepEqual(Object.keys(site), ['line', 'kind', 'streaming', 'async', 'status']);
  assert.deepEqual(report.files[0].sites, [
    { line: 3, kind: 'client-construct', streaming: false, async: false, status: 'migrated' },
    { line: 6, kind: 'embeddings.create', streaming: false, async: true, status: 'manual' },
  ]);
  assert.deepEqual(report.files[1].sites, [
    { line: 6, kind: 'client-construct', streaming: false, async: true, status: 'migrated' },
    { line: 12, kind: 'chat.completions.create', streaming: true, async: true, status: 'manual' },
    { line: 26, kind: 'chat.completions.create', streaming: false, async: true, status: 'migrated' },
  ]);
});

test('cli: --check fails while sites remain, --write applies the golden result, then --check passes', async () => {
  const dir = project({ 'svc/bot.ts': corpus('openai-js/08-class-service.ts'), 'svc/summ.py': corpus('openai-py/09-class-self-client.py'), 'node_modules/x/index.js': corpus('openai-js/03-commonjs.js') });
  assert.equal((await run(['--check', 'svc'], dir)).code, 1);
  const w = await run(['--write', '--target', 'converse', 'svc'], dir);
  assert.equal(w.code, 0, w.stderr);
  assert.equal(fs.readFileSync(path.join(dir, 'svc/bot.ts'), 'utf8'), golden('openai-js/08-class-service.ts', 'converse'));
  assert.equal(fs.readFileSync(path.join(dir, 'svc/summ.py'), 'utf8'), golden('openai-py/09-class-self-client.py', 'converse'));
  const check = await run(['--check', '--target', 'converse', '.'], dir);
  assert.equal(check.code, 0, `node_modules must be skipped and nothing left: ${check.stderr}`);
});

test('cli: --check still fails after --write when a manual step remains, and names it', async () => {
  const dir = project({ 'emb.py': corpus('openai-py/06-embeddings.py') });
  const w = await run(['--write', '--check', 'emb.py'], dir);
  assert.equal(w.code, 1);
  assert.match(w.stderr, /emb\.py:\d+: embeddings\.create: manual: /);
});

test('cli: --from picks the SDK; the default (openai) leaves Anthropic code untouched', async () => {
  const original = corpus('anthropic/06-mixed.py');
  const dir = project({ 'mixed.py': original });
  assert.equal((await run(['--write', 'mixed.py'], dir)).code, 0);
  const openaiOnly = fs.readFileSync(path.join(dir, 'mixed.py'), 'utf8');
  assert.match(openaiOnly, /openai_client = OpenAI\(provider=bedrock\(region="us-east-1"\)\)/);
  assert.match(openaiOnly, /claude = anthropic\.Anthropic\(\)/);
  assert.match(openaiOnly, /model="claude-3-5-sonnet-latest"/);
  fs.writeFileSync(path.join(dir, 'mixed.py'), original);
  assert.equal((await run(['--write', '--from', 'anthropic', 'mixed.py'], dir)).code, 0);
  assert.equal(fs.readFileSync(path.join(dir, 'mixed.py'), 'utf8'), golden('anthropic/06-mixed.py', 'mantle'));
  fs.writeFileSync(path.join(dir, 'mixed.py'), original);
  const all = JSON.parse((await run(['--json', '--from', 'all', 'mixed.py'], dir)).stdout) as { files: Array<{ sites: Array<{ kind: string }> }> };
  assert.deepEqual(all.files[0].sites.map(s => s.kind), ['client-construct', 'anthropic-construct', 'chat.completions.create', 'messages.create']);
});

test('cli: a project pinning an openai without providers gets the base-URL fallback, and says so', async () => {
  const dir = project({
    'web/package.json': JSON.stringify({ dependencies: { openai: '^4.20.1' } }),
    'web/src/chat.ts': corpus('openai-js/01-basic-chat.ts'),
    'py/requirements.txt': 'fastapi==0.110.0\nopenai==1.30.0\n',
    'py/app.py': corpus('openai-py/02-streaming-chat.py'),
    'new/requirements.txt': 'openai>=2.50\n',
    'new/app.py': corpus('openai-py/02-streaming-chat.py'),
  });
  const w = await run(['--write', 'web', 'py', 'new'], dir);
  assert.equal(w.code, 0, `exit ${w.code}: ${w.stderr}`);
  const ts = fs.readFileSync(path.join(dir, 'web/src/chat.ts'), 'utf8');
  assert.match(ts, /baseURL: 'https:\/\/bedrock-mantle\.us-east-1\.api\.aws\/v1',\n?\s*apiKey: process\.env\['AWS_BEARER_TOKEN_BEDROCK'\]/);
  assert.match(ts, /bedrock-migrate: openai \^4\.20\.1 predates the SDK's Bedrock provider/);
  const py = fs.readFileSync(path.join(dir, 'py/app.py'), 'utf8');
  assert.match(py, /^import os$/m);
  assert.match(py, /client = OpenAI\(base_url="https:\/\/bedrock-mantle\.us-east-1\.api\.aws\/v1", api_key=os\.environ\["AWS_BEARER_TOKEN_BEDROCK"\]\)/);
  assert.match(fs.readFileSync(path.join(dir, 'new/app.py'), 'utf8'), /provider=bedrock\(region="us-east-1"\)/);
});

test('cli: --region and --model-map reach the generated code', async () => {
  const dir = project({ 'a.py': corpus('openai-py/02-streaming-chat.py'), 'map.json': JSON.stringify({ 'gpt-4o': 'us.amazon.nova-pro-v1:0' }) });
  const w = await run(['--write', '--target', 'converse', '--region', 'eu-west-1', '--model-map', 'map.json', 'a.py'], dir);
  assert.equal(w.code, 0, `exit ${w.code}: ${w.stderr}`);
  const out = fs.readFileSync(path.join(dir, 'a.py'), 'utf8');
  assert.match(out, /boto3\.client\("bedrock-runtime", region_name="eu-west-1"\)/);
  assert.match(out, /modelId="us\.amazon\.nova-pro-v1:0"/);
});

test('cli: bad usage exits 2 with the usage text (a real process)', async () => {
  const r = spawnCli(['--target', 'azure', 'x.py'], os.tmpdir());
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--target must be mantle or converse/);
  assert.match(r.stderr, /^usage: bedrock-migrate/m);
  assert.equal((await run([], os.tmpdir())).code, 2);
});

test('cli: a file that does not parse is reported with path:line:column, gets an "error" entry in --json, and exits 3', async () => {
  const broken = ['from openai import OpenAI', '', 'client = OpenAI()', 'def ask(q):', '    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}]', ''].join('\n');
  const dir = project({ 'broken.py': broken, 'ok.py': corpus('openai-py/01-basic-chat.py') });
  const r = await run(['--write', '.'], dir);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /^broken\.py:5:\d+: syntax error: .+; fix it and run again \(file left unchanged\)$/m);
  assert.equal(fs.readFileSync(path.join(dir, 'broken.py'), 'utf8'), broken, 'the broken file is left alone');
  assert.equal(fs.readFileSync(path.join(dir, 'ok.py'), 'utf8'), golden('openai-py/01-basic-chat.py', 'mantle'), 'the other file is still migrated');

  const json = await run(['--json', '--check', '.'], project({ 'broken.ts': "import OpenAI from 'openai';\nconst c = new OpenAI(;\n" }));
  assert.equal(json.code, 3);
  assert.deepEqual(JSON.parse(json.stdout), { files: [{ path: 'broken.ts', error: { line: 2, column: 22, message: "')' expected." }, sites: [] }], skipped: [] });
  assert.match(json.stderr, /^broken\.ts:2:22: syntax error: '\)' expected\./m);
});
