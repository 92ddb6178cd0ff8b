// Builds the migration CLI as its own npm package from packages/bedrock-migrate (package.json and
// README): one esbuild bundle with the engine, TypeScript's parser and web-tree-sitter inside, the two
// WASM files beside it, the licence and the bundled packages' notices, staged in a temporary folder
// (nothing built lands in the repository); then `npm pack` writes bedrock-migrate-<version>.tgz.
// Usage: node scripts/pack-cli.mjs [--out DIR]   (prints the tarball's path)
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const source = path.join(root, 'packages', 'bedrock-migrate');
const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : process.cwd();
const pkgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-migrate-stage-'));
for (const f of ['package.json', 'README.md']) fs.copyFileSync(path.join(source, f), path.join(pkgDir, f));

await esbuild.build({
  entryPoints: [path.join(root, 'src/migrate/cli.ts')], outfile: path.join(pkgDir, 'bedrock-migrate.js'),
  bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'],
  legalComments: 'none', logLevel: 'warning',
  // web-tree-sitter is ESM and calls createRequire(import.meta.url), which a CommonJS bundle lacks
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('url').pathToFileURL(__filename).href;" },
});
fs.chmodSync(path.join(pkgDir, 'bedrock-migrate.js'), 0o755);
const notices = [];
for (const [pkg, wasm, license] of [['web-tree-sitter', 'web-tree-sitter.wasm', 'LICENSE'], ['tree-sitter-python', 'tree-sitter-python.wasm', 'LICENSE'], ['typescript', undefined, 'LICENSE.txt']]) {
  if (wasm) fs.copyFileSync(path.join(root, 'node_modules', pkg, wasm), path.join(pkgDir, wasm));
  const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  notices.push(`${pkg} ${version}\n${'='.repeat(pkg.length + version.length + 1)}\n${fs.readFileSync(path.join(root, 'node_modules', pkg, license), 'utf8').trim()}\n`);
}
fs.writeFileSync(path.join(pkgDir, 'THIRD-PARTY-NOTICES.txt'), `bedrock-migrate bundles these packages:\n\n${notices.join('\n')}`);
fs.copyFileSync(path.join(root, 'LICENSE'), path.join(pkgDir, 'LICENSE'));
fs.mkdirSync(outDir, { recursive: true });
const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', outDir], { cwd: pkgDir, encoding: 'utf8' }).trim().split('\n').pop();
fs.rmSync(pkgDir, { recursive: true, force: true });
process.stdout.write(`${path.join(outDir, out)}\n`);
