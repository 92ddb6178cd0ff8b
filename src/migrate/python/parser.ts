import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, Query, type Range, type Tree } from 'web-tree-sitter';

// web-tree-sitter and the grammar are WASM: loading is async and happens once per process;
// parsing after that is synchronous, which is what code lenses need.

let parser: Parser | undefined;
let language: Language | undefined;
const queries = new Map<string, Query>();
let loading: Promise<void> | undefined;

/** Where a file ships: beside this module when bundled into dist/, else in node_modules. */
function locate(fileName: string, packageEntry: string): string {
  const beside = path.join(__dirname, fileName);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(packageEntry);
}

export function initPythonParser(): Promise<void> {
  loading ??= (async () => {
    const runtimeWasm = locate('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm');
    await Parser.init({ locateFile: () => runtimeWasm });
    language = await Language.load(locate('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm'));
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })();
  return loading;
}

export function pythonParserReady(): boolean {
  return parser !== undefined;
}

/**
 * Parses Python source, or only `includedRanges` of it (offsets and positions stay those of the whole text); the
 * caller must `delete()` the tree (it lives in WASM memory).
 */
export function parsePython(text: string, includedRanges?: Range[]): Tree {
  if (!parser) throw new Error('Python parser not loaded: await initMigrationEngine() first.');
  // A string input makes web-tree-sitter copy the whole remaining text for every 10 KB chunk. Its buffer holds
  // 5,119 UTF-16 units, copied one by one in JS: with ranges, hand over no more than the range being read.
  const tree = includedRanges?.length
    ? parser.parse(boundedReader(text, includedRanges), null, { includedRanges })
    : parser.parse(index => text.slice(index, index + CHUNK));
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

const CHUNK = 5119;

/** Reads `text` for tree-sitter up to the end of the included range at `index` (it reads forward, range by range). */
function boundedReader(text: string, ranges: readonly Range[]): (index: number) => string {
  let r = 0;
  return index => {
    if (r > 0 && ranges[r - 1].endIndex > index) r = 0;
    while (r < ranges.length && ranges[r].endIndex <= index) r++;
    const end = r < ranges.length ? ranges[r].endIndex : text.length;
    return text.slice(index, Math.min(index + CHUNK, end));
  };
}

/** A compiled tree-sitter query, kept for the life of the process (matching runs inside WASM, far faster than walking from JS). */
export function pythonQuery(source: string): Query {
  if (!language) throw new Error('Python parser not loaded: await initMigrationEngine() first.');
  let q = queries.get(source);
  if (!q) { q = new Query(language, source); queries.set(source, q); }
  return q;
}
