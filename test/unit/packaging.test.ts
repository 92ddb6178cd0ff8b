import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '../../..');

test('npm run package writes a VSIX under 3 MB with no sources, tests or node_modules inside', { timeout: 180_000 }, () => {
  // the real command, so anything vsce refuses (a README link it cannot rewrite, a missing file) fails here
  execFileSync(process.execPath, [path.join(root, 'scripts/package.mjs')], { cwd: root, stdio: 'pipe' });
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
  assert.ok(fs.statSync(vsix).size < 3 * 1024 * 1024, `${fs.statSync(vsix).size} bytes`);
  const listing = execFileSync('unzip', ['-l', vsix], { encoding: 'utf8' });
  assert.match(listing, /extension\/dist\/extension\.mjs/);
  // every file the extension loads at activation is in the package
  for (const f of JSON.parse(fs.readFileSync(path.join(root, 'dist/activation.json'), 'utf8')).files as string[]) assert.ok(listing.includes(`extension/dist/${f}`), f);
  assert.doesNotMatch(listing, /extension\/(src|test|node_modules)\//);
  // vscode:prepublish left a production build in dist/: put the development build back for the other layers
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'pipe' });
});

test('the VSIX holds only dist/, media/, the manifest, README and LICENSE (no sources, tests, maps or node_modules)', () => {
  const files = execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
    .split('\n').map(l => l.trim()).filter(Boolean);
  assert.ok(files.includes('dist/extension.mjs'), 'the extension bundle is missing');
  const chunks = fs.readdirSync(path.join(root, 'dist')).filter(f => /^extension-.*\.mjs$/.test(f));
  assert.ok(chunks.length > 0 && chunks.every(c => files.includes(`dist/${c}`)), 'a chunk of the extension bundle is missing');
  assert.ok(files.includes('dist/webview/chat.js'), 'the webview bundle is missing');
  assert.ok(files.includes('dist/webview/compare.js') && files.includes('dist/webview/compare.css'), 'the compare panel bundle is missing');
  const stray = files.filter(f => !/^(dist|media)\//.test(f) && !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(f));
  assert.deepEqual(stray, []);
  assert.deepEqual(files.filter(f => f.endsWith('.map') || f.includes('node_modules/')), []);
});

test('the manifest points at the bundled entry and a VS Code that code-server satisfies', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.main, './dist/extension.mjs');
  const min = /^\^1\.(\d+)\.\d+$/.exec(pkg.engines.vscode);
  assert.ok(min, pkg.engines.vscode);
  const csVscode = 139; // code-server 4.139.1 bundles VS Code 1.139.1 (scripts/harness/install.sh)
  assert.ok(Number(min[1]) <= csVscode);
  assert.ok(fs.existsSync(path.join(root, pkg.icon)));
});

test('the host bundle is an ES module that keeps vscode external and bundles the SDKs, and its features load on demand', () => {
  const dist = path.join(root, 'dist');
  const bundle = fs.readFileSync(path.join(dist, 'extension.mjs'), 'utf8');
  assert.match(bundle, /from\s*"vscode"/);
  for (const f of fs.readdirSync(dist).filter(f => /^extension.*\.mjs$/.test(f))) {
    const text = fs.readFileSync(path.join(dist, f), 'utf8');
    assert.doesNotMatch(text, /(require\(|from\s*|import\()"(openai|@aws-sdk\/[^"]+|@anthropic-ai\/[^"]+)"/, `${f}: SDKs must be bundled (dist/sdks.js), not loaded from node_modules`);
  }
  const activation = JSON.parse(fs.readFileSync(path.join(dist, 'activation.json'), 'utf8')) as { files: string[] };
  const lazy = fs.readdirSync(dist).filter(f => /^extension-.*\.mjs$/.test(f) && !activation.files.includes(f));
  for (const feature of ['voicePanel', 'rawPayloadCommand', 'registry']) assert.ok(lazy.some(f => f.startsWith(`extension-${feature}-`)), `${feature} loads on first use, not at activation`);
});
