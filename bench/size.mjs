// What users download and what VS Code loads at activation: `npm run package` (which makes the production build
// first, so the VS Code figures measured after this module run on the shipped bundle), the VSIX size, and what loads at
// activation: dist/extension.mjs and the chunks it imports statically (dist/activation.json, written by the build).
// Features behind an import() and the SDKs (dist/sdks.js) load on first use.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { round } from './support/stats.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const KB = 1024;
const MB = 1024 * 1024;

export async function run() {
  const r = spawnSync('npm', ['run', '-s', 'package'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run package failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
  const vsixBytes = fs.statSync(vsix).size;
  const activation = JSON.parse(fs.readFileSync(path.join(root, 'dist/activation.json'), 'utf8'));
  const bundleBytes = activation.bytes;
  const lazyBytes = fs.readdirSync(path.join(root, 'dist')).filter(f => /^extension-.*\.mjs$/.test(f) && !activation.files.includes(f))
    .reduce((n, f) => n + fs.statSync(path.join(root, 'dist', f)).size, 0);
  const sdkBytes = fs.statSync(path.join(root, 'dist/sdks.js')).size;
  return [
    { figure: 'main bundle size (code loaded at activation, production)', value: round(bundleBytes / KB, 1), unit: 'KB', target: '≤ 300 KB', pass: bundleBytes <= 300 * KB,
      detail: `dist/extension.mjs and the ${activation.files.length - 1} chunks it imports; features behind an import() (${round(lazyBytes / KB, 0)} KB) load when first used, the SDKs (dist/sdks.js, ${round(sdkBytes / KB, 0)} KB) on the first request` },
    { figure: 'VSIX size (npm run package)', value: round(vsixBytes / MB, 2), unit: 'MB', target: '≤ 3 MB', pass: vsixBytes <= 3 * MB,
      detail: path.basename(vsix) },
  ];
}
