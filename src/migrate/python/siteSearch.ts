import type { Range, Tree } from 'web-tree-sitter';
import { scanPython, type PySite } from './callFinder';
import { findFrameworkSites, frameworkLocals, mayUseFrameworks } from './frameworks';
import { parsePython } from './parser';
import { topLevelStatements, type Span } from './topLevelStatements';

// Finding sites in a big Python file: parsing is most of the cost (tree-sitter in WASM), and most top-level
// statements of a big module never touch an SDK. So parse only the statements that name `openai`/`anthropic`,
// learn from them which names hold clients (classes, variables, attributes, factories), add the statements that
// name those, and repeat until no statement is added: the sites are then exactly those of a whole-file parse.
// When most of the file turns out to matter, or the pieces do not parse, the whole file is parsed instead.
// The SDK's own calls and the frameworks' OpenAI classes (LangChain, LlamaIndex) are found in the same parse.

/** Below this many characters a whole parse takes a few milliseconds: no point in choosing parts. */
const PARTIAL_MIN_CHARS = 20_000;
/** Past this share of the text, parsing parts again costs more than parsing everything once. */
const PARTIAL_MAX_SHARE = 0.5;

export function findPythonSites(text: string): PySite[] {
  if (text.length >= PARTIAL_MIN_CHARS) {
    const sites = findInParts(text);
    if (sites) return sites;
  }
  const tree = parsePython(text);
  try { return scan(tree, mayUseFrameworks(text)).sites; } finally { tree.delete(); }
}

/** The sites in a tree, in text order, and the names it binds to clients or framework classes (for the next round). */
function scan(tree: Tree, frameworks: boolean): { sites: PySite[]; boundNames: string[] } {
  const sdk = scanPython(tree);
  if (!frameworks) return sdk;
  const locals = frameworkLocals(tree);
  const sites = [...sdk.sites, ...findFrameworkSites(tree, locals)].sort((a, b) => a.start - b.start);
  return { sites, boundNames: [...sdk.boundNames, ...locals.keys()] };
}

/** The sites, from a parse of only the statements that matter; undefined when the whole file must be parsed. */
export function findInParts(text: string): PySite[] | undefined {
  const statements = topLevelStatements(text);
  const chosen = new Array<boolean>(statements.length).fill(false);
  let chosenChars = 0;
  const choose = (names: RegExp): number => {
    let added = 0;
    statements.forEach((s, k) => {
      if (chosen[k] || !names.test(text.slice(s.start, s.end))) return;
      chosen[k] = true;
      chosenChars += s.end - s.start;
      added++;
    });
    return added;
  };
  // the modules, the client classes under their usual names, and a guess at the names holding clients: a good guess
  // saves a round, a wrong one costs a little parsing; the rounds below decide what really holds a client
  const frameworks = mayUseFrameworks(text);
  const first = ['openai', 'anthropic', ...clientClasses, ...likelyClientNames(text), ...(frameworks ? ['langchain\\w*', 'llama_index'] : [])];
  if (choose(new RegExp(`\\b(?:${first.join('|')})\\b`)) === 0) return [];
  const known = new Set<string>();
  for (;;) {
    if (chosenChars > text.length * PARTIAL_MAX_SHARE) return undefined;
    const tree = parsePython(text, rangesOf(text, statements.filter((_, k) => chosen[k])));
    try {
      if (tree.rootNode.hasError) return undefined;
      const found = scan(tree, frameworks);
      const fresh = found.boundNames.filter(n => n && !known.has(n));
      for (const n of fresh) known.add(n);
      // nothing new to parse: this tree holds every statement that names a client, so its sites are all of them
      if (fresh.length === 0 || choose(new RegExp(`\\b(?:${fresh.join('|')})\\b`)) === 0) return found.sites;
    } finally {
      tree.delete();
    }
  }
}

const clientClasses = ['OpenAI', 'AsyncOpenAI', 'Anthropic', 'AsyncAnthropic'];
const constructed = new RegExp(`(\\w+)\\s*(?::[^=\\n]*)?=\\s*(?:\\w+\\.)?(?:${clientClasses.join('|')})\\s*\\(|(\\w+)\\s*:\\s*(?:\\w+\\.)?(?:${clientClasses.join('|')})\\b`, 'g');

/** Names assigned a client construction or annotated with a client class, read off the text. */
function likelyClientNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(constructed)) names.add(m[1] ?? m[2]);
  return [...names];
}

/** Adjacent statements become one range; tree-sitter wants them sorted and apart. */
function rangesOf(text: string, spans: Span[]): Range[] {
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && last.end === s.start) last.end = s.end; else merged.push({ ...s });
  }
  let row = 0, lineStart = 0, scanned = 0;
  const point = (offset: number) => {
    for (let i = text.indexOf('\n', scanned); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) { row++; lineStart = i + 1; }
    scanned = offset;
    return { row, column: offset - lineStart };
  };
  return merged.map(s => ({ startIndex: s.start, endIndex: s.end, startPosition: point(s.start), endPosition: point(s.end) }));
}
