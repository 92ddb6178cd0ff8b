import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The renderer's pure logic lives in the webview tree, which the root tsconfig excludes (it is browser code, checked
 * by the webview tsconfigs). Importing it here would pull it into the Node build, so the tests bundle the
 * DOM-free modules with esbuild at run time and import the bundle. The interface below is what they use.
 */
export const root = path.resolve(__dirname, '../../../../..');
const renderDir = path.join(root, 'src/webviewKit/webview/render');

type Env = { references?: Record<string, unknown> };
export interface RenderLogic {
  splitTail(tail: string, committed: Env, final: boolean): {
    tokens: unknown[]; env: Env; closedLength: number; openTokenStart: number; referencesChanged: boolean;
    closed: { start: number; end: number; tokenStart: number; tokenEnd: number }[];
    openFence?: { contentStart: number; marker: string; info: string };
  };
  isClosingFence(line: string, marker: string): boolean;
  renderMarkdown(src: string, env: Env): string;
  renderTokens(tokens: unknown[], env: Env): string;
  parseMarkdown(src: string, env: Env): unknown[];
  closeUnfinishedLine(line: string): string;
  safeLinkUrl(raw: string | null | undefined): string | undefined;
  safeImageSrc(raw: string | null | undefined): string | undefined;
  normalizeMarkdownSource(text: string): string;
  StreamText: new () => { readonly text: string; append(delta: string): void; end(): void };
  markdownWork: { charsParsed: number; parses: number };
}

let loaded: Promise<RenderLogic> | undefined;

export function loadRenderLogic(): Promise<RenderLogic> {
  loaded ??= (async () => {
    const modules = ['blockSplitter', 'markdownEngine', 'unfinishedSyntax', 'linkPolicy', 'streamText'];
    const outfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'render-logic-')), 'logic.mjs');
    await esbuild.build({
      stdin: { contents: modules.map(m => `export * from ${JSON.stringify(path.join(renderDir, m))};`).join('\n'), resolveDir: renderDir, loader: 'ts' },
      bundle: true, format: 'esm', platform: 'neutral', mainFields: ['module', 'main'], outfile, logLevel: 'error',
    });
    return (await import(pathToFileURL(outfile).href)) as RenderLogic;
  })();
  return loaded;
}

export function readCorpus(): { name: string; text: string }[] {
  const dir = path.join(root, 'test/fixtures/render/corpus');
  return fs.readdirSync(dir).filter(f => f.endsWith('.md')).sort().map(name => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** Deterministic pseudo-random numbers (mulberry32), so a failing chunking can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomChunks(text: string, random: () => number, maxSize = 12): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length;) {
    const size = 1 + Math.floor(random() * maxSize);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}
