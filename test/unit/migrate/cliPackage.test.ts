import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './corpusFiles';

// The CLI outside this repository (issue 19): scripts/pack-cli.mjs packs packages/bedrock-migrate
// into a tarball; installed into an empty folder (offline: the bundle has no dependencies) its bin
// runs on a sample project from a folder with no node_modules above it.

test('the bedrock-migrate tarball installs into an empty folder and migrates a sample project', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-migrate-pkg-'));
  const tarball = execFileSync(process.execPath, [path.join(repoRoot(), 'scripts', 'pack-cli.mjs'), '--out', work], { encoding: 'utf8' }).trim();
  assert.match(path.basename(tarball), /^bedrock-migrate-\d+\.\d+\.\d+\.tgz$/);
  const prefix = path.join(work, 'install');
  fs.mkdirSync(prefix);
  execFileSync('npm', ['install', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { encoding: 'utf8', stdio: 'pipe' });
  const installed = fs.readdirSync(path.join(prefix, 'node_modules')).filter(n => !n.startsWith('.'));
  assert.deepEqual(installed, ['bedrock-migrate'], 'the package pulled in dependencies');
  const bin = path.join(prefix, 'node_modules', '.bin', 'bedrock-migrate');

  const project = path.join(work, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'requirements.txt'), 'openai\n');
  fs.writeFileSync(path.join(project, 'app.py'), 'from openai import OpenAI\n\nclient = OpenAI()\nr = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])\nprint(r.choices[0].message.content)\n');
  fs.writeFileSync(path.join(project, 'app.ts'), "import OpenAI from 'openai';\n\nconst client = new OpenAI();\nexport const r = client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n");
  const run = (...args: string[]) => spawnSync(bin, args, { cwd: project, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: work } });

  const check = run('--check', '.');
  assert.equal(check.status, 1, check.stderr);
  assert.match(check.stderr, /4 call site\(s\) still to migrate/);
  const write = run('--write', '.');
  assert.equal(write.status, 0, write.stderr);
  assert.match(fs.readFileSync(path.join(project, 'app.py'), 'utf8'), /client = OpenAI\(provider=bedrock\(region="us-east-1"\)\)/);
  assert.match(fs.readFileSync(path.join(project, 'app.ts'), 'utf8'), /new OpenAI\(\{ provider: bedrock\(\{ region: 'us-east-1' \}\) \}\)/);
  assert.equal(fs.readFileSync(path.join(project, 'requirements.txt'), 'utf8'), 'openai[bedrock]>=2.44.0\n');
  assert.equal(run('--check', '.').status, 0);
});
