// `npm run package`: a VSIX made offline by @vscode/vsce, which first runs `vscode:prepublish` (the production
// esbuild build). SDKs are bundled into dist/, so node_modules stays out (--no-dependencies) and .vscodeignore
// admits only dist/ and media/ besides the manifest, README and LICENSE.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { reexecOnNode24 } from './harness/node24.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
// @vscode/vsce declares node >= 22
await reexecOnNode24(new URL(import.meta.url).pathname);
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const out = `${pkg.name}-${pkg.version}.vsix`;
const r = spawnSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--no-update-package-json',
  '--no-git-tag-version', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`package: ${out} ${(fs.statSync(out).size / 1024).toFixed(1)} KB`);
