import type { Node, Tree } from 'web-tree-sitter';
import { indentAt } from '../edits';
import { mapModel, looksLikeBedrockId } from '../modelMap';
import type { MigrateOptions, MigrationTarget, SourceSdk, SyntaxProblem, TextEdit } from '../model';
import type { Note } from '../plan';
import type { PyScan } from './callFinder';

// Readers and writers over tree-sitter's Python tree shared by the Python rewriters.

export interface PyContext {
  text: string;
  tree: Tree;
  scan: PyScan;
  options: MigrateOptions & { region: string };
  quote: string;
}

/** The value of a plain string literal (no f-string interpolation, no implicit concatenation). */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  const parts = node.namedChildren.filter(c => c && c.type !== 'string_start' && c.type !== 'string_end');
  if (parts.some(p => p?.type === 'interpolation')) return undefined;
  const start = node.namedChildren.find(c => c?.type === 'string_start')?.text ?? '';
  if (/[bBrRfF]/.test(start)) return undefined;
  return parts.map(p => p?.text ?? '').join('');
}

export function pyQuote(value: string, q: string): string {
  return `${q}${value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`)}${q}`;
}

export function quoteOf(root: Node): string {
  let single = 0;
  let double = 0;
  for (const s of root.descendantsOfType('string_start')) {
    if (!s) continue;
    if (s.text.endsWith("'")) single++; else if (s.text.endsWith('"')) double++;
  }
  return single > double ? "'" : '"';
}

/** The statement holding `node`: the ancestor that sits directly in a block or the module. */
export function statementOf(node: Node): Node {
  let cur = node;
  while (cur.parent && cur.parent.type !== 'block' && cur.parent.type !== 'module') cur = cur.parent;
  return cur;
}

export interface PyLayout { base: string; unit: string; multiline: boolean }

/** How an argument list or collection is laid out, so rewritten ones look like their neighbours. */
export function layoutOf(list: Node | null | undefined, anchor: Node, text: string): PyLayout {
  const base = indentAt(text, anchor.startIndex);
  const first = list?.namedChildren.find(c => c && c.type !== 'comment');
  if (list && first && first.startPosition.row > list.startPosition.row) {
    const inner = indentAt(text, first.startIndex);
    return { base, unit: inner.startsWith(base) && inner.length > base.length ? inner.slice(base.length) : '    ', multiline: true };
  }
  return { base, unit: '    ', multiline: false };
}

export function renderArgs(entries: readonly string[], layout: PyLayout): string {
  if (!layout.multiline || entries.length === 0) return `(${entries.join(', ')})`;
  return `(\n${entries.map(e => `${layout.base}${layout.unit}${e},`).join('\n')}\n${layout.base})`;
}



export interface CallArgs {
  /** Keyword arguments in source order. */
  keywords: Array<{ name: string; node: Node; value: Node }>;
  /** Positional arguments or `*args`/`**kwargs`: not rewritable by keyword. */
  other: Node[];
  list: Node | null;
}

export function callArgs(call: Node): CallArgs {
  const list = call.childForFieldName('arguments');
  const keywords: CallArgs['keywords'] = [];
  const other: Node[] = [];
  for (const a of list?.namedChildren ?? []) {
    if (!a || a.type === 'comment') continue;
    if (a.type === 'keyword_argument') {
      const name = a.childForFieldName('name')?.text;
      const value = a.childForFieldName('value');
      if (name && value) keywords.push({ name, node: a, value });
    } else other.push(a);
  }
  return { keywords, other, list };
}

export interface ModelRewrite { edits: TextEdit[]; notes: Note[]; text: string }

/** Maps the model argument: a literal in place, or a module-level `MODEL = "…"` it names. */
export function rewriteModel(ctx: PyContext, value: Node | undefined, source: SourceSdk, target: MigrationTarget): ModelRewrite {
  if (!value) return { edits: [], notes: [{ text: 'no model given: pass a Bedrock model id', manual: true }], text: pyQuote('', ctx.quote) };
  let literal: Node | undefined = stringValue(value) !== undefined ? value : undefined;
  if (!literal && value.type === 'identifier') {
    for (const st of ctx.tree.rootNode.namedChildren) {
      const assign = st?.type === 'expression_statement' ? st.namedChildren[0] : undefined;
      if (assign?.type !== 'assignment') continue;
      const right = assign.childForFieldName('right');
      if (assign.childForFieldName('left')?.text === value.text && stringValue(right) !== undefined) literal = right!;
    }
  }
  if (!literal) return { edits: [], notes: [{ text: `model comes from \`${value.text}\`: make sure it holds a Bedrock model id`, manual: true }], text: value.text };
  const name = stringValue(literal)!;
  const mapped = mapModel(name, source, target, ctx.options.modelMap);
  if (mapped === undefined) {
    if (looksLikeBedrockId(name)) return { edits: [], notes: [], text: value.text };
    return { edits: [], notes: [{ text: `no Bedrock model id known for '${name}': add one to the model map`, manual: true }], text: value.text };
  }
  if (mapped === name) return { edits: [], notes: [], text: value.text };
  const q = literal.text.endsWith("'") ? "'" : '"';
  const newText = pyQuote(mapped, q);
  return { edits: [{ start: literal.startIndex, end: literal.endIndex, newText }], notes: [], text: literal.id === value.id ? newText : value.text };
}

/** Steps of a member chain above `node`: `.a`, `["a"]`, `[0]` all become `a`, `a`, `0`. */
export function accessChainAbove(node: Node): Array<{ step: string; node: Node }> {
  const steps: Array<{ step: string; node: Node }> = [];
  let cur = node;
  for (;;) {
    const parent = cur.parent;
    if (!parent) break;
    if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === cur.id) {
      steps.push({ step: parent.childForFieldName('attribute')?.text ?? '', node: parent });
    } else if (parent.type === 'subscript' && parent.childForFieldName('value')?.id === cur.id) {
      const sub = parent.childForFieldName('subscript');
      const key = sub?.type === 'integer' ? sub.text : stringValue(sub);
      if (key === undefined) break;
      steps.push({ step: key, node: parent });
    } else break;
    cur = parent;
  }
  return steps;
}

export function parsesPython(tree: Tree): boolean {
  return !tree.rootNode.hasError;
}

/** The first place tree-sitter could not parse: a missing token (what it expected) or an error node (what it met). */
export function firstSyntaxProblem(tree: Tree): SyntaxProblem | undefined {
  const find = (node: Node): Node | undefined => {
    if (node.isError || node.isMissing) return node;
    if (!node.hasError) return undefined;
    for (const child of node.children) {
      const found = child && find(child);
      if (found) return found;
    }
    return undefined;
  };
  const node = find(tree.rootNode);
  if (!node) return undefined;
  const near = node.text.split('\n')[0].trim().slice(0, 40);
  const message = node.isMissing ? `expected ${JSON.stringify(node.type)}` : near ? `invalid syntax at ${JSON.stringify(near)}` : 'invalid syntax';
  return { line: node.startPosition.row + 1, column: node.startPosition.column + 1, message };
}
