/* eslint-disable @typescript-eslint/no-require-imports -- a deferred require is the point */
import type * as Snippets from './snippets';
import type { ApiId } from './decisionTable';

export type { Snippet, SnippetLanguage } from './snippets';

let snippets: typeof Snippets | undefined;

/**
 * A runnable starter program for a recommendation (see snippets.ts), loaded on first use: the build maps
 * `./snippetsEntry` to dist/advisor-snippets.js, outside the main bundle.
 */
export function starterSnippet(api: ApiId, language: Snippets.SnippetLanguage, region?: string): Snippets.Snippet {
  snippets ??= require('./snippetsEntry') as typeof Snippets;
  return snippets.starterSnippet(api, language, region);
}
