import type { SiteKind, SourceSdk } from './model';

// Method paths below the client, as written after `client.`, for both languages.
const openAIPaths: Record<string, { kind: SiteKind; streaming?: boolean }> = {
  'chat.completions.create': { kind: 'chat.completions.create' },
  'chat.completions.stream': { kind: 'chat.completions.stream', streaming: true },
  'beta.chat.completions.stream': { kind: 'chat.completions.stream', streaming: true },
  'chat.completions.parse': { kind: 'beta.parse' },
  'beta.chat.completions.parse': { kind: 'beta.parse' },
  'responses.create': { kind: 'responses.create' },
  'responses.stream': { kind: 'responses.create', streaming: true },
  'embeddings.create': { kind: 'embeddings.create' },
  'images.generate': { kind: 'images.generate' },
};

const anthropicPaths: Record<string, { kind: SiteKind; streaming?: boolean }> = {
  'messages.create': { kind: 'messages.create' },
  'beta.messages.create': { kind: 'messages.create' },
  'messages.stream': { kind: 'messages.stream', streaming: true },
  'beta.messages.stream': { kind: 'messages.stream', streaming: true },
};

export function kindForPath(source: SourceSdk, path: string): { kind: SiteKind; streaming?: boolean } | undefined {
  const table = source === 'openai' ? openAIPaths : anthropicPaths;
  return Object.prototype.hasOwnProperty.call(table, path) ? table[path] : undefined;
}

/** openai<1.0 (Python) module-level resources: `openai.ChatCompletion.create(...)` and friends. */
export const legacyPythonResources = new Set(['ChatCompletion', 'Completion', 'Embedding', 'Image']);
export const legacyPythonMethods = new Set(['create', 'acreate']);

export const constructKind = (source: SourceSdk): SiteKind => (source === 'openai' ? 'client-construct' : 'anthropic-construct');
