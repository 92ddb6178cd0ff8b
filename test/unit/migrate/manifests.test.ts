import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { main } from '../../../src/migrate/cli';
import { editManifest, environmentUses } from '../../../src/migrate/manifests';

// The migration proposes the dependency edits its new imports need, on the project's own manifests,
// and flags OpenAI's environment variables with their Bedrock equivalents.

const provider = { ecosystem: 'pip' as const, spec: 'openai[bedrock]>=2.44.0' };
const langchain = { ecosystem: 'pip' as const, spec: 'langchain-aws' };

test('requirements.txt: an older openai pin is raised with the bedrock extra, new packages are appended, comments and CRLF kept', () => {
  const before = 'openai==1.30.0  # chat\r\nfastapi\r\n';
  assert.equal(editManifest('requirements.txt', before, [provider, langchain]), 'openai[bedrock]>=2.44.0  # chat\r\nfastapi\r\nlangchain-aws\r\n');
  assert.equal(editManifest('requirements.txt', 'openai[bedrock]>=2.50\n', [provider]), 'openai[bedrock]>=2.50\n');
});

test('pyproject.toml: PEP 621 dependencies and Poetry tables', () => {
  const pep = '[project]\nname = "app"\ndependencies = [\n    "openai>=1.2",\n    "httpx",\n]\n\n[tool.ruff]\nline-length = 100\n';
  assert.equal(editManifest('pyproject.toml', pep, [provider, langchain]), '[project]\nname = "app"\ndependencies = [\n    "openai[bedrock]>=2.44.0",\n    "httpx",\n    "langchain-aws",\n]\n\n[tool.ruff]\nline-length = 100\n');
  const poetry = '[tool.poetry.dependencies]\npython = "^3.11"\nopenai = "^1.30"\n';
  assert.equal(editManifest('pyproject.toml', poetry, [provider, langchain]), '[tool.poetry.dependencies]\nlangchain-aws = "*"\npython = "^3.11"\nopenai = { version = ">=2.44.0", extras = ["bedrock"] }\n');
});

test('package.json: the minimum openai with the Bedrock provider, and the new packages, in the file\'s indentation', () => {
  const before = '{\n    "name": "app",\n    "dependencies": {\n        "openai": "^4.28.0"\n    }\n}\n';
  const after = JSON.parse(editManifest('package.json', before, [{ ecosystem: 'npm', spec: 'openai@>=6.45.0' }, { ecosystem: 'npm', spec: '@ai-sdk/amazon-bedrock' }])!) as { dependencies: Record<string, string> };
  assert.deepEqual(after.dependencies, { openai: '>=6.45.0', '@ai-sdk/amazon-bedrock': 'latest' });
  assert.match(editManifest('package.json', before, [{ ecosystem: 'npm', spec: '@ai-sdk/amazon-bedrock' }])!, /\n {8}"@ai-sdk\/amazon-bedrock": "latest"/);
});

test('OPENAI_API_KEY / OPENAI_BASE_URL uses are flagged with the Bedrock equivalent', () => {
  const uses = environmentUses('import os\nkey = os.environ["OPENAI_API_KEY"]\nurl = os.getenv("OPENAI_BASE_URL")\n');
  assert.deepEqual(uses.map(u => [u.line, u.variable]), [[2, 'OPENAI_API_KEY'], [3, 'OPENAI_BASE_URL']]);
  assert.match(uses[0].note, /AWS_BEARER_TOKEN_BEDROCK/);
  assert.match(uses[1].note, /AWS_REGION/);
});

test('the CLI shows the requirements.txt edit as a diff, writes it with --write, and prints the environment notes', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-migrate-deps-'));
  fs.writeFileSync(path.join(root, 'requirements.txt'), 'openai\nrich==13.0\n');
  fs.writeFileSync(path.join(root, 'app.py'), 'import os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n');
  const cwd = process.cwd();
  process.chdir(root);
  try {
    let out = '', err = '';
    const io = { out: (s: string) => { out += s; return true; }, err: (s: string) => { err += s; return true; } };
    assert.equal(await main(['.'], io), 0);
    assert.match(out, /-openai\n\+openai\[bedrock\]>=2\.44\.0/);
    assert.match(err, /app\.py:3: note: OPENAI_API_KEY: Bedrock signs with the AWS credential chain/);
    assert.equal(await main(['--write', '.'], io), 0);
    assert.equal(fs.readFileSync(path.join(root, 'requirements.txt'), 'utf8'), 'openai[bedrock]>=2.44.0\nrich==13.0\n');
  } finally {
    process.chdir(cwd);
  }
});
