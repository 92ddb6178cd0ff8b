// The migration engine as its own bundle (dist/migrate.js): it carries the TypeScript compiler and tree-sitter, so
// the extension loads it only when a file could hold OpenAI or Anthropic code (see engineLoader.ts).
export * from './index';
