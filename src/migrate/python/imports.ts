import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../model';
import type { Need } from '../plan';
import { scanPython } from './callFinder';
import { parsePython } from './parser';
import { pyQuote, type PyContext } from './syntax';
import { frameworkSourceModule } from './frameworks';
import { applyEdits } from '../edits';

// Adds the imports rewritten Python sites rely on (standard-library modules before the first
// import, SDK ones beside the import they replace) and, after a full rewrite, removes SDK
// imports whose names nothing uses any more.

function topImports(root: Node): Node[] {
  return root.namedChildren.filter((n): n is Node => !!n && (n.type === 'import_statement' || n.type === 'import_from_statement' || n.type === 'future_import_statement'));
}

function importsModule(root: Node, module: string): boolean {
  return topImports(root).some(st => st.type === 'import_statement' && st.namedChildren.some(c => c?.text === module || (c?.type === 'aliased_import' && c.childForFieldName('name')?.text === module)));
}

function importsFrom(root: Node, module: string, name: string): boolean {
  return topImports(root).some(st => st.type === 'import_from_statement' && st.childForFieldName('module_name')?.text === module && st.childrenForFieldName('name').some(n => n?.text === name));
}

export function importEdits(ctx: PyContext, needs: ReadonlySet<Need>): TextEdit[] {
  const root = ctx.tree.rootNode;
  const imports = topImports(root).filter(n => n.type !== 'future_import_statement');
  const first = imports[0];
  const last = imports[imports.length - 1];
  const anchorFor = (source: 'openai' | 'anthropic') => ctx.scan.imports.find(i => i.source === source)?.node ?? last;
  const edits: TextEdit[] = [];
  const before = (line: string) => {
    if (first) { edits.push({ start: first.startIndex, end: first.startIndex, newText: `${line}\n` }); return; }
    // No import yet: after `from __future__` imports and the module docstring, which must stay first.
    const statements = root.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
    let i = 0;
    if (statements[0]?.type === 'expression_statement' && statements[0].namedChildren[0]?.type === 'string') i++;
    while (statements[i]?.type === 'future_import_statement') i++;
    const after = statements[i - 1];
    if (after) edits.push({ start: after.endIndex, end: after.endIndex, newText: `\n${line}` });
    else {
      const at = statements[0]?.startIndex ?? ctx.text.length;
      edits.push({ start: at, end: at, newText: `${line}\n` });
    }
  };
  const after = (node: Node | undefined, line: string) => {
    if (!node) return before(line);
    edits.push({ start: node.endIndex, end: node.endIndex, newText: `\n${line}` });
  };
  const stdlib = (['asyncio', 'contextlib', 'json', 'os'] as const).filter(m => needs.has(`py:${m}`) && !importsModule(root, m));
  for (const m of stdlib) before(`import ${m}`);
  if (needs.has('py:openai-bedrock-provider') && !importsFrom(root, 'openai.providers', 'bedrock')) after(anchorFor('openai'), 'from openai.providers import bedrock');
  if ((needs.has('py:boto3') || needs.has('py:legacy-runtime-client')) && !importsModule(root, 'boto3')) after(anchorFor('openai'), 'import boto3');
  if (needs.has('py:BaseClient') && !importsFrom(root, 'botocore.client', 'BaseClient')) after(anchorFor('openai'), 'from botocore.client import BaseClient');
  const openAINames = (['OpenAI', 'AsyncOpenAI'] as const).filter(n => needs.has(`py:${n}`) && !importsFrom(root, 'openai', n));
  if (openAINames.length) after(anchorFor('openai'), `from openai import ${openAINames.join(', ')}`);
  const fromImports = new Map<string, string[]>();
  for (const need of needs) {
    const m = /^py-from:(.+):([^:]+)$/.exec(need);
    if (m && !importsFrom(root, m[1], m[2])) fromImports.set(m[1], [...(fromImports.get(m[1]) ?? []), m[2]]);
  }
  for (const [module, names] of [...fromImports].sort()) after(topImports(root).find(st => st.type === 'import_from_statement' && frameworkSourceModule(st.childForFieldName('module_name')?.text ?? '')) ?? last, `from ${module} import ${names.sort().join(', ')}`);
  const anthropicNames = (['AnthropicBedrock', 'AsyncAnthropicBedrock'] as const).filter(n => needs.has(`py:${n}`) && !importsFrom(root, 'anthropic', n));
  if (anthropicNames.length) after(anchorFor('anthropic'), `from anthropic import ${anthropicNames.join(', ')}`);
  if (needs.has('py:legacy-runtime-client') && !/^bedrock_runtime = /m.test(ctx.text)) {
    after(last, `\nbedrock_runtime = boto3.client(${pyQuote('bedrock-runtime', ctx.quote)}, region_name=${pyQuote(ctx.options.region, ctx.quote)})`);
  }
  return edits;
}

/** `only`: consider just these imported names (the mantle target drops only the Azure classes it replaced). */
export function removeUnusedSdkImports(text: string, sources: ReadonlySet<'openai' | 'anthropic'>, only?: ReadonlySet<string>): string {
  const tree = parsePython(text);
  try {
    const root = tree.rootNode;
    const scan = scanPython(tree);
    const used = new Set<string>();
    for (const id of root.descendantsOfType('identifier')) {
      if (!id) continue;
      let p = id.parent;
      let inImport = false;
      while (p) { if (p.type === 'import_statement' || p.type === 'import_from_statement') { inImport = true; break; } p = p.parent; }
      if (!inImport) used.add(id.text);
    }
    const edits: TextEdit[] = [];
    for (const imp of scan.imports) {
      if (!sources.has(imp.source)) continue;
      const st = imp.node;
      if (edits.some(e => e.start <= st.startIndex && st.startIndex < e.end)) continue;
      if (st.type === 'import_statement') {
        if (only) continue;
        if (imp.moduleAlias && !used.has(imp.moduleAlias) && st.namedChildren.length === 1) edits.push(wholeLine(text, st));
        continue;
      }
      const names = st.childrenForFieldName('name').filter((n): n is Node => !!n);
      const local = (n: Node) => (n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n.text) ?? '';
      const unused = names.filter(n => !used.has(local(n)) && (!only || only.has(n.type === 'aliased_import' ? n.childForFieldName('name')?.text ?? '' : n.text)));
      if (unused.length === 0) continue;
      if (unused.length === names.length) { edits.push(wholeLine(text, st)); continue; }
      const keep = names.filter(n => !unused.includes(n)).map(n => n.text);
      const first = names[0];
      const lastName = names[names.length - 1];
      edits.push({ start: first.startIndex, end: lastName.endIndex, newText: keep.join(', ') });
    }
    return applyEdits(text, edits);
  } finally {
    tree.delete();
  }
}

function wholeLine(text: string, node: Node): TextEdit {
  const start = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  let end = node.endIndex;
  if (text[end] === '\n') end++;
  return { start, end, newText: '' };
}
