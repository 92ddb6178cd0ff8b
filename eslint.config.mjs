// Lint: typescript-eslint's recommended rules, plus the layering the design asks for (style.md, README's Layout):
//   src/service        talks to AWS; imports no front end and no kit. Its two driver families (drivers/runtime,
//                      drivers/mantle) import no each other: the wire formats both speak live in service/formats.
//   front ends         chat, compare, commands, participant, languageModels, usage, voice, projects, migrate/vscode: each imports
//                      kits, the service and the libraries below, never another front end.
//   kits               frontEndKit (host-side pieces every front end uses), webviewKit (host and page side of every
//                      webview), workspaceTools (the tools a model may call on the workspace): import no front end.
//   libraries          apiAdvisor, format, the migration engine (src/migrate but not migrate/vscode): no vscode, no
//                      front end; format imports nothing at all (the pages use it).
//   page code          any folder named webview: runs in the browser, imports no vscode, no service, no host code
//                      (only its own page, its protocol, webviewKit/webview, webviewKit/protocol, format).
// Relative imports are matched as written: a folder reached by going up (`../../chat/…`) is that top-level folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const FRONT_ENDS = ['chat', 'compare', 'commands', 'participant', 'languageModels', 'usage', 'voice', 'projects', 'migrate/vscode'];
const KITS = ['frontEndKit', 'webviewKit', 'workspaceTools'];
const HOST_ONLY = ['frontEndKit', 'webviewKit/host', 'workspaceTools', 'host', 'apiAdvisor', 'common', 'migrate', 'extension'];
const up = names => `^(\\.\\./)+(${names.join('|')})(/|$)`;
const product = { group: ['**/emulator/**', '**/test/**'], message: 'Product code never imports the emulator or tests.' };
const noVscode = { name: 'vscode', message: 'This code runs outside VS Code (browser page or CLI): no vscode import.' };
const restrict = (patterns, paths = []) => ({ 'no-restricted-imports': ['error', { paths, patterns: [product, ...patterns] }] });
const notFrontEnds = (except, why) => ({ regex: up(FRONT_ENDS.filter(f => f !== except)), message: why });

export default tseslint.config(
  { ignores: ['test/fixtures/**', 'dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'bench-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...restrict([]),
    },
  },
  // front ends: the kits, never each other
  ...FRONT_ENDS.map(f => ({
    files: [`src/${f}/**/*.ts`],
    ignores: f === 'migrate/vscode' ? [] : [`src/${f}/webview/**`],
    rules: restrict([notFrontEnds(f, `Front ends do not import each other: put what src/${f} shares in src/frontEndKit or src/webviewKit.`)]),
  })),
  // kits and libraries: no front end
  {
    files: ['src/frontEndKit/**/*.ts', 'src/webviewKit/**/*.ts', 'src/workspaceTools/**/*.ts'],
    ignores: ['src/webviewKit/webview/**'],
    rules: restrict([notFrontEnds(undefined, 'The kits are shared by every front end and import none.')]),
  },
  {
    files: ['src/apiAdvisor/**/*.ts'],
    rules: restrict([notFrontEnds(undefined, 'The API advisor is shared by the palette and @bedrock /api and imports neither.')], [noVscode]),
  },
  {
    files: ['src/format/**/*.ts'],
    rules: restrict([{ regex: '^\\.', message: 'src/format is pure: the pages use it, so it imports nothing.' }], [noVscode]),
  },
  // page code: browser only (the page kit first, then each page, which also keeps out of the other page)
  ...[['src/webviewKit/webview', [...FRONT_ENDS], 'The page kit runs in every webview'],
    ['src/chat/webview', ['compare', ...FRONT_ENDS.filter(f => f !== 'chat')], 'The chat page'],
    ['src/compare/webview', ['chat', ...FRONT_ENDS.filter(f => f !== 'compare')], 'The compare page'],
    ['src/voice/webview', FRONT_ENDS.filter(f => f !== 'voice'), 'The voice page']].map(([dir, others, who]) => ({
    files: [`${dir}/**/*.ts`],
    rules: restrict([
      { regex: up(['service']), message: `${who}: page code runs in the browser and imports no src/service (send what it needs through its protocol).` },
      { regex: up([...new Set([...others, ...HOST_ONLY])]), message: `${who}: page code imports no other page and no extension-host code (share through src/webviewKit/webview).` },
    ], [noVscode]),
  })),
  { files: ['test/**/*.ts', 'emulator/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
  // the service: no front end, no kit; drivers import no other driver family
  {
    files: ['src/service/**/*.ts'],
    rules: restrict([{ regex: up([...FRONT_ENDS, ...KITS, 'apiAdvisor', 'migrate', 'webview']), message: 'src/service must not import a front end or a kit.' }]),
  },
  {
    files: ['src/service/drivers/runtime/**/*.ts'],
    rules: restrict([
      { regex: up(['mantle']) + '|(^|/)drivers/mantle(/|$)', message: 'The runtime driver imports no mantle driver (shared wire formats live in src/service/formats).' },
      { regex: up([...FRONT_ENDS, ...KITS, 'apiAdvisor', 'migrate', 'webview']), message: 'src/service must not import a front end or a kit.' },
    ]),
  },
  {
    files: ['src/service/drivers/mantle/**/*.ts'],
    rules: restrict([
      { regex: '^\\.\\./runtime(/|$)|(^|/)drivers/runtime(/|$)', message: 'The mantle driver imports no runtime driver (shared wire formats live in src/service/formats).' },
      { regex: up([...FRONT_ENDS, ...KITS, 'apiAdvisor', 'migrate', 'webview']), message: 'src/service must not import a front end or a kit.' },
    ]),
  },
  // the migration engine also runs as a CLI
  {
    files: ['src/migrate/**/*.ts'],
    ignores: ['src/migrate/vscode/**'],
    rules: restrict([
      { regex: up([...FRONT_ENDS, ...KITS, 'service', 'common']), message: 'The migration engine stands alone (it is also the bedrock-migrate CLI).' },
    ], [{ name: 'vscode', message: 'The migration engine also runs as a CLI: no vscode import (put VS Code glue in src/migrate/vscode/).' }]),
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    // scripts run in Node; code passed to page.evaluate() runs in the browser
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', Buffer: 'readonly', window: 'readonly', document: 'readonly', Element: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', location: 'readonly', getComputedStyle: 'readonly', requestAnimationFrame: 'readonly', performance: 'readonly', AbortController: 'readonly' } },
  },
);
