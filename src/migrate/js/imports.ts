import ts from 'typescript';
import type { TextEdit } from '../model';
import type { Need } from '../plan';
import { parseJs, type JsScan } from './callFinder';
import type { JsContext } from './context';
import { quote } from './syntax';
import { applyEdits } from '../edits';
import { frameworkModules } from './frameworks';

// Writes the imports rewritten sites rely on (once per file, beside the SDK import they replace)
// and, after a full rewrite, removes SDK imports nothing refers to any more.

const runtimeClientNames: Array<[Need, string]> = [
  ['js:BedrockRuntimeClient', 'BedrockRuntimeClient'],
  ['js:ConverseCommand', 'ConverseCommand'],
  ['js:ConverseStreamCommand', 'ConverseStreamCommand'],
  ['js:InvokeModelCommand', 'InvokeModelCommand'],
];

function moduleOf(st: ts.Statement): string | undefined {
  if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) return st.moduleSpecifier.text;
  if (ts.isVariableStatement(st)) {
    const init = st.declarationList.declarations[0]?.initializer;
    if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && ts.isStringLiteral(init.arguments[0] ?? ts.factory.createNull())) return (init.arguments[0] as ts.StringLiteral).text;
  }
  return undefined;
}

export function importEdits(ctx: JsContext, needs: ReadonlySet<Need>): TextEdit[] {
  const { sf, scan } = ctx;
  const edits: TextEdit[] = [];
  const q = ctx.quote;
  const anchorFor = (source: 'openai' | 'anthropic') => scan.imports.find(i => i.source === source) ?? scan.imports[0];
  const semi = (st: ts.Statement) => (sf.text.slice(st.getStart(sf), st.getEnd()).trimEnd().endsWith(';') ? ';' : '');
  const insertAfter = (st: ts.Statement | undefined, line: (style: 'esm' | 'cjs', semicolon: string) => string): void => {
    const anchor = st ?? [...sf.statements].reverse().find(ts.isImportDeclaration);
    if (anchor) {
      const style = ts.isImportDeclaration(anchor) ? 'esm' : 'cjs';
      edits.push({ start: anchor.getEnd(), end: anchor.getEnd(), newText: `\n${line(style, semi(anchor))}` });
      return;
    }
    // No import to sit beside: open the file with it (after a shebang and directive prologue).
    const first = sf.statements.find(s => !(ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)));
    const at = first ? first.getStart(sf) : sf.text.length;
    const style = sf.statements.some(s => ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) || ctx.fileName.endsWith('.mjs') || ctx.fileName.endsWith('.ts') || ctx.fileName.endsWith('.tsx') ? 'esm' : 'cjs';
    edits.push({ start: at, end: at, newText: `${line(style, ';')}\n\n` });
  };
  const has = (mod: string) => sf.statements.find(st => moduleOf(st) === mod);

  if (needs.has('js:openai-bedrock-provider') && !has('openai/providers/bedrock/aws')) {
    insertAfter(anchorFor('openai')?.statement, (style, s) => style === 'esm'
      ? `import { bedrock } from ${quote('openai/providers/bedrock/aws', q)}${s}`
      : `const { bedrock } = require(${quote('openai/providers/bedrock/aws', q)})${s}`);
  }
  const runtimeNames = runtimeClientNames.filter(([need]) => needs.has(need)).map(([, name]) => name);
  if (runtimeNames.length) {
    const existing = has('@aws-sdk/client-bedrock-runtime');
    const named = existing && ts.isImportDeclaration(existing) ? existing.importClause?.namedBindings : undefined;
    const pattern = existing && ts.isVariableStatement(existing) ? existing.declarationList.declarations[0]?.name : undefined;
    const elements: readonly (ts.ImportSpecifier | ts.BindingElement)[] | undefined =
      named && ts.isNamedImports(named) ? named.elements : pattern && ts.isObjectBindingPattern(pattern) ? pattern.elements : undefined;
    if (elements) {
      const present = new Set(elements.map(e => e.name.getText(sf)));
      const missing = runtimeNames.filter(n => !present.has(n));
      const last = elements[elements.length - 1];
      if (missing.length && last) edits.push({ start: last.getEnd(), end: last.getEnd(), newText: missing.map(n => `, ${n}`).join('') });
    } else if (!existing) {
      insertAfter(anchorFor('openai')?.statement, (style, s) => style === 'esm'
        ? `import { ${runtimeNames.join(', ')} } from ${quote('@aws-sdk/client-bedrock-runtime', q)}${s}`
        : `const { ${runtimeNames.join(', ')} } = require(${quote('@aws-sdk/client-bedrock-runtime', q)})${s}`);
    }
  }
  if (needs.has('js:OpenAI')) {
    insertAfter(anchorFor('openai')?.statement, (style, s) => style === 'esm' ? `import OpenAI from ${quote('openai', q)}${s}` : `const OpenAI = require(${quote('openai', q)})${s}`);
  }
  // Framework targets: `import { X } from 'module'`, beside the framework import they replace.
  const fromImports = new Map<string, string[]>();
  for (const need of needs) {
    const m = /^js-from:(.+):([^:]+)$/.exec(need);
    if (m) fromImports.set(m[1], [...(fromImports.get(m[1]) ?? []), m[2]]);
  }
  for (const [module, wanted] of [...fromImports].sort()) {
    const existing = has(module);
    const present = new Set(existing ? bindingNames(existing).map(b => b.name) : []);
    const names = wanted.filter(n => !present.has(n)).sort();
    if (names.length === 0) continue;
    const anchor = sf.statements.find(st => frameworkModules.has(moduleOf(st) ?? '')) ?? anchorFor('openai')?.statement;
    insertAfter(anchor, (style, s) => style === 'esm' ? `import { ${names.join(', ')} } from ${quote(module, q)}${s}` : `const { ${names.map(n => n.replace(' as ', ': ')).join(', ')} } = require(${quote(module, q)})${s}`);
  }
  if (needs.has('js:AnthropicBedrock') && !has('@anthropic-ai/bedrock-sdk')) {
    insertAfter(anchorFor('anthropic')?.statement, (style, s) => style === 'esm'
      ? `import AnthropicBedrock from ${quote('@anthropic-ai/bedrock-sdk', q)}${s}`
      : `const { AnthropicBedrock } = require(${quote('@anthropic-ai/bedrock-sdk', q)})${s}`);
  }
  return edits;
}

/** After a framework rewrite: drop bindings of the frameworks' OpenAI modules that nothing refers to any more. */
export function removeUnusedModuleImports(text: string, fileName: string, modules: ReadonlySet<string>): string {
  const sf = parseJs(text, fileName);
  if (!sf.statements.some(st => modules.has(moduleOf(st) ?? ''))) return text;
  const used = usedNames(sf);
  const edits: TextEdit[] = [];
  for (const st of sf.statements) {
    if (!modules.has(moduleOf(st) ?? '')) continue;
    const names = bindingNames(st);
    const unused = names.filter(n => !used.has(n.name));
    if (names.length === 0 || unused.length === 0) continue;
    edits.push(...removalEdits(text, sf, st, names.length, unused));
  }
  return applyEdits(text, edits);
}

function usedNames(sf: ts.SourceFile): Set<string> {
  const used = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n)) return;
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const isDecl = ts.isVariableDeclaration(p) && p.name === n && moduleOfDecl(p) !== undefined;
      const isBinding = ts.isBindingElement(p) && moduleOfDecl(p.parent.parent as ts.VariableDeclaration) !== undefined;
      const isMember = ts.isPropertyAccessExpression(p) && p.name === n;
      if (!isDecl && !isBinding && !isMember) used.add(n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return used;
}

/** After a full rewrite: drop SDK import bindings that nothing refers to any more (whole statements when all go). */
/** `only`: consider just these local names (the mantle target drops only the Azure class it replaced). */
export function removeUnusedSdkImports(text: string, fileName: string, sources: ReadonlySet<'openai' | 'anthropic'>, scanOf: (text: string, sf: ts.SourceFile) => JsScan, only?: ReadonlySet<string>): string {
  const sf = parseJs(text, fileName);
  const scan = scanOf(text, sf);
  const used = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n)) return;
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const isDecl = ts.isVariableDeclaration(p) && p.name === n && moduleOfDecl(p) !== undefined;
      const isBinding = ts.isBindingElement(p) && moduleOfDecl(p.parent.parent as ts.VariableDeclaration) !== undefined;
      const isMember = ts.isPropertyAccessExpression(p) && p.name === n;
      if (!isDecl && !isBinding && !isMember) used.add(n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  const edits: TextEdit[] = [];
  for (const imp of scan.imports) {
    if (!sources.has(imp.source)) continue;
    const st = imp.statement;
    const names = bindingNames(st);
    if (names.length === 0) continue;
    const unused = names.filter(n => !used.has(n.name) && (!only || only.has(n.name)));
    if (unused.length === 0) continue;
    edits.push(...removalEdits(text, sf, st, names.length, unused));
  }
  return applyEdits(text, edits);
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function moduleOfDecl(decl: ts.VariableDeclaration): string | undefined {
  const init = decl.initializer;
  if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require') return (init.arguments[0] as ts.StringLiteral | undefined)?.text;
  return undefined;
}

/** Names an import binds, each with the span to delete when only it goes (including its comma). */
function bindingNames(st: ts.Statement): Array<{ name: string; start: number; end: number }> {
  const sf = st.getSourceFile();
  const out: Array<{ name: string; start: number; end: number }> = [];
  const listItem = (el: ts.Node, list: readonly ts.Node[], name: string) => {
    const i = list.indexOf(el);
    if (i < list.length - 1) out.push({ name, start: el.getStart(sf), end: list[i + 1].getStart(sf) });
    else if (i > 0) out.push({ name, start: list[i - 1].getEnd(), end: el.getEnd() });
    else out.push({ name, start: el.getStart(sf), end: el.getEnd() });
  };
  if (ts.isImportDeclaration(st)) {
    const clause = st.importClause;
    if (!clause || clause.isTypeOnly) return [];
    const bindings = clause.namedBindings;
    if (clause.name) {
      out.push({ name: clause.name.text, start: clause.name.getStart(sf), end: bindings ? bindings.getStart(sf) : clause.name.getEnd() });
    }
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) listItem(el, bindings.elements, el.name.text);
    if (bindings && ts.isNamespaceImport(bindings)) out.push({ name: bindings.name.text, start: bindings.getStart(sf), end: bindings.getEnd() });
  } else if (ts.isVariableStatement(st)) {
    const decl = st.declarationList.declarations[0];
    if (decl && ts.isIdentifier(decl.name)) out.push({ name: decl.name.text, start: decl.getStart(sf), end: decl.getEnd() });
    if (decl && ts.isObjectBindingPattern(decl.name)) for (const el of decl.name.elements) if (ts.isIdentifier(el.name)) listItem(el, decl.name.elements, el.name.text);
  }
  return out;
}

/** Removes an import statement whose bindings are all unused (with its line break), else just the unused bindings. */
function removalEdits(text: string, sf: ts.SourceFile, st: ts.Statement, bindings: number, unused: readonly { start: number; end: number }[]): TextEdit[] {
  if (unused.length < bindings) return unused.map(u => ({ start: u.start, end: u.end, newText: '' }));
  let end = st.getEnd();
  if (text[end] === '\n') end++;
  else if (text.slice(end, end + 2) === '\r\n') end += 2;
  return [{ start: lineStartOf(text, st.getStart(sf)), end, newText: '' }];
}

