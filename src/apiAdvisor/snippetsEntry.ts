// The starter snippets as their own bundle (dist/advisor-snippets.js): ~20 KB of program text that only the
// "Which Bedrock API?" command and `@bedrock /api` show, so activation does not load it (see snippetLoader.ts).
export * from './snippets';
