// `npm run bench`: performance figures against the local emulator (issue 9). Builds what is out of date, then runs
// every bench/*.mjs module in name order; each exports `async run()` returning rows
// { figure, value, unit, target, pass, detail? }. Prints one line per row, writes them all to
// bench-results/<timestamp>.json. A report, not a test (speed targets are kept out of `npm test`): it exits 0 when
// every module measured, whatever the figures, and 1 when a module could not measure (that is a broken bench).
// Runs on Node 24 and installs the offline VS Code first, as `npm run demo` does (render and vscode need them).
// Usage: node scripts/bench.mjs [module ...]   (e.g. `npm run bench -- render ttft` runs only those)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { reexecOnNode24, runInstall } from './harness/node24.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
await reexecOnNode24(new URL(import.meta.url).pathname);
/** Modules other work provides; when one is absent its rows are left out and the report says so. */
const EXPECTED = ['migration.mjs'];

function newestMtime(dirs, ext) {
  let newest = 0;
  for (const dir of dirs.filter(d => fs.existsSync(d))) {
    for (const f of fs.readdirSync(dir, { recursive: true }).map(String)) {
      if (f.endsWith(ext) && !f.includes('node_modules')) newest = Math.max(newest, fs.statSync(path.join(dir, f)).mtimeMs);
    }
  }
  return newest;
}

const mtime = f => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0);

function step(what, args) {
  console.log(`bench: ${what}`);
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what} failed`);
}

function buildIfNeeded() {
  if (newestMtime(['src'], '.ts') > mtime('dist/extension.mjs') || mtime('package.json') > mtime('dist/extension.mjs')) step('building dist/', ['scripts/build.mjs']);
  if (newestMtime(['src', 'emulator', 'test'], '.ts') > mtime('out/test/bench-host/index.js')) step('compiling out/ (tsc)', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
}

function validRow(r) {
  return r && typeof r.figure === 'string' && typeof r.value === 'number' && typeof r.unit === 'string' && typeof r.target === 'string'
    && typeof r.pass === 'boolean' && (r.detail === undefined || typeof r.detail === 'string');
}

function printRow(r) {
  const value = `${Number.isFinite(r.value) ? r.value : 'n/a'} ${r.unit}`;
  console.log(`${r.pass ? 'PASS' : 'FAIL'}  ${r.figure.padEnd(58)} ${value.padStart(16)}   target ${r.target}`);
  if (r.detail) console.log(`      ${r.detail}`);
}

const started = new Date();
const rows = [];
const errors = [];
const chosen = process.argv.slice(2);
try {
  buildIfNeeded();
  console.log('bench: installing or checking the offline VS Code and Chromium (scripts/harness/install.sh)');
  runInstall('all');
} catch (e) {
  console.log(`bench: ${e.message}`);
  errors.push({ module: 'build', message: e.message });
}
const present = fs.readdirSync('bench').filter(f => f.endsWith('.mjs')).sort();
const missing = EXPECTED.filter(f => !present.includes(f));
for (const f of missing) console.log(`bench: bench/${f} is missing: its rows are not in this report`);
for (const file of present.filter(f => !chosen.length || chosen.includes(path.basename(f, '.mjs')))) {
  if (errors.some(e => e.module === 'build')) break;
  const name = path.basename(file, '.mjs');
  console.log(`\n== ${name}`);
  const t = performance.now();
  try {
    const mod = await import(pathToFileURL(path.join(root, 'bench', file)).href);
    if (typeof mod.run !== 'function') throw new Error('exports no run()');
    const result = await mod.run();
    if (!Array.isArray(result) || !result.every(validRow)) throw new Error('run() returned something other than rows');
    for (const r of result) { printRow(r); rows.push({ module: name, ...r }); }
  } catch (e) {
    console.log(`bench: ${name} could not measure: ${e instanceof Error ? e.message : String(e)}`);
    errors.push({ module: name, message: e instanceof Error ? e.message : String(e) });
  }
  console.log(`   (${name}: ${Math.round((performance.now() - t) / 1000)} s)`);
}

const passed = rows.filter(r => r.pass).length;
// A module that could not measure counts as a failure: its rows are absent, so "all figures pass" would be a lie.
const failed = rows.length - passed + errors.length;
const why = errors.length ? ` (${errors.length} of them could not measure: ${errors.map(e => e.module).join(', ')})` : '';
console.log(`\nbench: ${passed} passed, ${failed} failed${why}${missing.length ? `; missing: ${missing.join(', ')}` : ''}`);
fs.mkdirSync('bench-results', { recursive: true });
const out = path.join('bench-results', `${started.toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(out, JSON.stringify({
  date: started.toISOString(), machine: { cpus: os.cpus().length, loadAverage: os.loadavg(), node: process.version },
  rows, missing, errors,
}, null, 2) + '\n');
console.log(`bench: results written to ${out}`);
process.exit(errors.length ? 1 : 0);
