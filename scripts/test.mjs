// `npm test`: builds, then runs the three layers and sums them into one closing line `N passed, N failed`.
//   unit         plain Node (node:test), no VS Code: out/test/unit/**/*.test.js
//   integration  mocha INSIDE a real VS Code extension host (code-server), test/integration
//   ui           Playwright + Debian Chromium driving the real workbench, test/ui/*.test.mjs
// Usage: node scripts/test.mjs [unit|integration|ui ...]   Exit 1 if any layer fails or runs no test.
// Everything here runs on Node 24 from the harness (scripts/harness/node24.mjs): the SDKs the unit tests load declare
// node >= 22. Started on another Node, the script installs Node 24 (a few seconds, once) and runs itself on it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { reexecOnNode24, runInstall } from './harness/node24.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
await reexecOnNode24(new URL(import.meta.url).pathname);
const all = ['unit', 'integration', 'ui'];
const layers = process.argv.slice(2).filter(a => all.includes(a));
const chosen = layers.length ? layers : all;

function step(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) { console.error(`test: ${cmd} ${args.join(' ')} failed`); process.exit(1); }
}

function findTests(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map(String).filter(f => f.endsWith(suffix)).sort().map(f => path.join(dir, f));
}

/** Runs node's test runner on files, echoing the spec output and reading the counts from a TAP copy. */
function nodeTests(name, files, extraEnv = {}) {
  if (!files.length) return Promise.resolve({ name, passed: 0, failed: 0 });
  const tap = path.join(root, 'out', `${name}.tap`);
  fs.mkdirSync(path.dirname(tap), { recursive: true });
  const args = ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files];
  if (name === 'ui') args.unshift('--test-concurrency=1');
  return new Promise(resolve => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
    child.on('exit', code => {
      const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
      const count = key => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
      const failed = count('fail') + count('cancelled') + (code !== 0 && count('fail') === 0 ? 1 : 0);
      resolve({ name, passed: count('pass'), failed });
    });
  });
}

function integrationTests() {
  return new Promise(resolve => {
    const result = path.join(root, 'out', 'integration-result.json');
    fs.rmSync(result, { force: true });
    const child = spawn(process.execPath, ['scripts/harness/run-integration.mjs'], { stdio: 'inherit', env: { ...process.env, HARNESS_RESULT_COPY: result } });
    child.on('exit', code => {
      const r = fs.existsSync(result) ? JSON.parse(fs.readFileSync(result, 'utf8')) : { passes: 0, failures: 0 };
      resolve({ name: 'integration', passed: r.passes, failed: r.failures + (code !== 0 && r.failures === 0 ? 1 : 0) });
    });
  });
}

fs.rmSync(path.join(root, 'out', 'test-summary.txt'), { force: true });
console.log('test: building, compiling tests (strict tsc), type-checking the webview and linting');
step(process.execPath, ['scripts/build.mjs']);
step(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
step(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'src/chat/webview/tsconfig.json']);
step(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'src/compare/webview/tsconfig.json']);
step(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'src/voice/webview/tsconfig.json']);
step(process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
if (chosen.some(l => l !== 'unit')) {
  try { runInstall('all'); } catch (e) { console.error(`test: ${e.message}`); process.exit(1); }
}

const results = [];
for (const layer of chosen) {
  console.log(`\n===== ${layer} =====`);
  if (layer === 'unit') results.push(await nodeTests('unit', findTests('out/test/unit', '.test.js')));
  if (layer === 'integration') results.push(await integrationTests());
  if (layer === 'ui') results.push(await nodeTests('ui', findTests('test/ui', '.test.mjs')));
}

console.log('\n===== summary =====');
let passed = 0, failed = 0, empty = false;
for (const r of results) {
  console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed`);
  passed += r.passed; failed += r.failed;
  if (r.passed + r.failed === 0) { console.log(`${r.name}: ran no test`); empty = true; }
}
const line = `${passed} passed, ${failed} failed`;
fs.writeFileSync(path.join(root, 'out', 'test-summary.txt'), line + '\n');
console.log(line);
process.exit(failed > 0 || empty ? 1 : 0);
