// Bundles the extension host (CommonJS, node, `vscode` external; SDKs bundled in) and the webview app (browser IIFE)
// into dist/. Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const dist = path.join(root, 'dist');

const common = { bundle: true, minify: production, sourcemap: production ? false : 'linked', logLevel: 'warning', legalComments: 'none' };
// The SDKs live in their own bundle, required on first use (src/service/sdks.ts), so activation stays light.
const sdksOnDemand = {
  name: 'sdks-on-demand',
  setup(b) {
    b.onResolve({ filter: /^\.\/sdkLoaders$/ }, () => ({ path: './sdks.js', external: true }));
    b.onResolve({ filter: /^\.\/engineEntry$/ }, () => ({ path: './migrate.js', external: true }));
  },
};
const builds = [
  // The extension is an ES module (VS Code loads `.mjs` mains natively since 1.100): esbuild then splits the code
  // behind each `import()` into its own chunk, so a feature's code loads when it is first used, while modules the
  // features share stay one instance. The on-demand CommonJS bundles above (SDKs, migration engine, snippets) are
  // still loaded with require, which an ES module gets from createRequire.
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: dist, platform: 'node', format: 'esm', target: 'node20',
    splitting: true, outExtension: { '.js': '.mjs' }, chunkNames: 'extension-[name]-[hash]', metafile: true,
    banner: { js: "import { createRequire as __bwCreateRequire } from 'node:module'; const require = __bwCreateRequire(import.meta.url);" },
    external: ['vscode'], mainFields: ['module', 'main'], plugins: [sdksOnDemand] },
  { ...common, entryPoints: { sdks: 'src/service/sdkLoaders.ts' }, outdir: dist, platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode'], mainFields: ['module', 'main'] },
  // the migration engine for the code lenses, loaded when a file may hold SDK calls (src/migrate/engineLoader.ts)
  { ...common, entryPoints: { migrate: 'src/migrate/engineEntry.ts' }, outdir: dist, platform: 'node', format: 'cjs', target: 'node20',
    mainFields: ['module', 'main'],
    define: { 'import.meta.url': '__bundleUrl' }, banner: { js: "const __bundleUrl = require('url').pathToFileURL(__filename).href;" } },
  // the migration CLI (`npx bedrock-migrate`): an npm bin, not part of the VSIX (see .vscodeignore)
  { ...common, entryPoints: { 'cli/bedrock-migrate': 'src/migrate/cli.ts' }, outdir: dist, platform: 'node', format: 'cjs', target: 'node20',
    mainFields: ['module', 'main'],
    // web-tree-sitter is ESM and calls createRequire(import.meta.url), which a CommonJS bundle lacks
    define: { 'import.meta.url': '__bundleUrl' }, banner: { js: "const __bundleUrl = require('url').pathToFileURL(__filename).href;" } },
  { ...common, entryPoints: { 'webview/chat': 'src/chat/webview/main.ts' }, outdir: dist, platform: 'browser', format: 'iife', target: 'es2022' },
  // the compare panel: its own page, on the same webview kit (renderer and DOM helpers) as the chat
  { ...common, entryPoints: { 'webview/compare': 'src/compare/webview/main.ts' }, outdir: dist, platform: 'browser', format: 'iife', target: 'es2022' },
  // the Voice view: controls, transcript and Web Audio playback of Nova Sonic's speech
  { ...common, entryPoints: { 'webview/voice': 'src/voice/webview/main.ts' }, outdir: dist, platform: 'browser', format: 'iife', target: 'es2022' },
];

function copyAssets() {
  // codicons for the webview (font + css), and the webview stylesheet
  const codicons = path.join(root, 'node_modules/@vscode/codicons/dist');
  fs.mkdirSync(path.join(dist, 'codicons'), { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(codicons, f), path.join(dist, 'codicons', f));
  // web-tree-sitter and the Python grammar are WASM files the CLI loads from beside itself
  for (const [pkg, file] of [['web-tree-sitter', 'web-tree-sitter.wasm'], ['tree-sitter-python', 'tree-sitter-python.wasm']]) {
    for (const dir of [dist, path.join(dist, 'cli')]) fs.copyFileSync(path.join(root, 'node_modules', pkg, file), path.join(dir, file));
  }
  fs.mkdirSync(path.join(dist, 'webview'), { recursive: true });
  // the renderer's styles (markdown, code blocks, highlight tokens) and the panel's, one stylesheet
  const css = files => files.map(f => fs.readFileSync(path.join(root, f), 'utf8')).join('\n');
  const chatCss = ['src/webviewKit/webview/render/render.css', 'src/chat/webview/chat.css'];
  fs.writeFileSync(path.join(dist, 'webview/chat.css'), css(chatCss));
  // the compare panel shares the chat's look (buttons, pills, errors, markdown) and adds its column layout
  fs.writeFileSync(path.join(dist, 'webview/compare.css'), css([...chatCss, 'src/compare/webview/compare.css']));
  fs.writeFileSync(path.join(dist, 'webview/voice.css'), css([...chatCss, 'src/voice/webview/voice.css']));
}

process.chdir(root);
if (!watch) fs.rmSync(dist, { recursive: true, force: true });
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  copyAssets();
  console.log('[build] watching');
} else {
  const results = await Promise.all(builds.map(b => esbuild.build(b)));
  copyAssets();
  const activation = activationFiles(results[0].metafile);
  fs.writeFileSync(path.join(dist, 'activation.json'), JSON.stringify(activation, null, 2) + '\n');
  const kb = bytes => (bytes / 1024).toFixed(1);
  console.log(`[build] loaded at activation: ${activation.files.length} files, ${kb(activation.bytes)} KB; dist/sdks.js ${kb(fs.statSync(path.join(dist, 'sdks.js')).size)} KB${production ? ' (production)' : ''}`);
}

/**
 * What VS Code loads when the extension activates: dist/extension.mjs and every chunk it imports statically (the
 * chunks behind an `import()` load when their feature is first used). `npm run bench` reports the total.
 */
function activationFiles(metafile) {
  const outputs = metafile.outputs;
  const rel = f => path.relative(dist, path.resolve(root, f));
  const seen = new Set();
  const visit = file => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of outputs[file].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(Object.keys(outputs).find(f => outputs[f].entryPoint === 'src/extension.ts'));
  const files = [...seen].map(rel).sort();
  return { files, bytes: files.reduce((n, f) => n + fs.statSync(path.join(dist, f)).size, 0) };
}
