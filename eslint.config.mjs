// Lint: typescript-eslint's recommended rules, plus the layering the design asks for (style.md):
// the service never imports a front end, the migration engine never imports vscode, src/ never imports the emulator.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Relative imports only: package paths such as openai/resources/chat/completions are not front ends.
const frontEnds = '^\\.{1,2}/(.*/)?(chat|editor|commands|migrate|webview)(/|$)';

export default tseslint.config(
  { ignores: ['test/fixtures/**', 'dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'bench-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/emulator/**', '**/test/**'], message: 'Product code never imports the emulator or tests.' }] }],
    },
  },
  { files: ['test/**/*.ts', 'emulator/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['src/service/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: frontEnds, message: 'src/service must not import a front end.' }, { group: ['**/emulator/**'], message: 'Product code never imports the emulator.' }] }] },
  },
  {
    files: ['src/migrate/**/*.ts'],
    ignores: ['src/migrate/vscode/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The migration engine also runs as a CLI: no vscode import (put VS Code glue in src/migrate/vscode/).' }], patterns: [{ group: ['**/emulator/**', '**/chat/**', '**/editor/**', '**/commands/**'], message: 'The migration engine stands alone.' }] }] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    // scripts run in Node; code passed to page.evaluate() runs in the browser
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', Buffer: 'readonly', window: 'readonly', document: 'readonly', Element: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', location: 'readonly', getComputedStyle: 'readonly', requestAnimationFrame: 'readonly', performance: 'readonly', AbortController: 'readonly' } },
  },
);
