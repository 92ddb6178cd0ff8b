import ts from 'typescript';
import { indentAt } from '../edits';
import { scriptKindFor } from './callFinder';
import type { SyntaxProblem } from '../model';

// Small readers and writers over the TypeScript AST shared by the JS/TS rewriters.

export function textOf(node: ts.Node, sf: ts.SourceFile): string {
  return sf.text.slice(node.getStart(sf), node.getEnd());
}

export function unwrapExpr(expr: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isNonNullExpression(expr)) expr = expr.expression;
  return expr;
}

export function propName(p: ts.ObjectLiteralElementLike): string | undefined {
  if (!p.name) return undefined;
  if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) return p.name.text;
  return undefined;
}

/** The properties of an object literal by name, or undefined when it has spreads, methods or computed keys. */
export function plainProperties(obj: ts.ObjectLiteralExpression): Map<string, ts.PropertyAssignment | ts.ShorthandPropertyAssignment> | undefined {
  const out = new Map<string, ts.PropertyAssignment | ts.ShorthandPropertyAssignment>();
  for (const p of obj.properties) {
    const name = propName(p);
    if (!name || !(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p))) return undefined;
    out.set(name, p);
  }
  return out;
}

export function valueOf(p: ts.PropertyAssignment | ts.ShorthandPropertyAssignment): ts.Expression {
  return ts.isPropertyAssignment(p) ? p.initializer : p.name;
}


export function stringValue(expr: ts.Expression | undefined): string | undefined {
  if (!expr) return undefined;
  const e = unwrapExpr(expr);
  return ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) ? e.text : undefined;
}

export function quoteOf(sf: ts.SourceFile): string {
  let single = 0;
  let double = 0;
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n)) { if (sf.text[n.getStart(sf)] === "'") single++; else double++; }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return double > single ? '"' : "'";
}

export function quote(value: string, q: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`);
  return `${q}${escaped}${q}`;
}

/** The statement that holds `node` (for comments above it). */
export function enclosingStatement(node: ts.Node): ts.Node {
  let cur: ts.Node = node;
  while (cur.parent && !ts.isSourceFile(cur.parent) && !ts.isBlock(cur.parent) && !ts.isModuleBlock(cur.parent) && !ts.isCaseClause(cur.parent) && !ts.isDefaultClause(cur.parent) && !ts.isClassLike(cur.parent)) cur = cur.parent;
  return cur;
}

export interface Layout {
  /** Indentation of the line where the literal starts. */
  base: string;
  /** One level of indentation as this file writes it. */
  unit: string;
  multiline: boolean;
}

export function layoutOf(obj: ts.Node | undefined, anchor: ts.Node, sf: ts.SourceFile): Layout {
  const base = indentAt(sf.text, anchor.getStart(sf));
  let unit = '  ';
  let multiline = false;
  if (obj && (ts.isObjectLiteralExpression(obj) || ts.isArrayLiteralExpression(obj))) {
    const elements: readonly ts.Node[] = ts.isObjectLiteralExpression(obj) ? obj.properties : obj.elements;
    const first = elements[0];
    const startLine = sf.getLineAndCharacterOfPosition(obj.getStart(sf)).line;
    if (first && sf.getLineAndCharacterOfPosition(first.getStart(sf)).line > startLine) {
      multiline = true;
      const inner = indentAt(sf.text, first.getStart(sf));
      if (inner.startsWith(base) && inner.length > base.length) unit = inner.slice(base.length);
    } else if (!first) {
      multiline = false;
    }
  }
  return { base, unit, multiline };
}

/** `{ a: 1, b }` on one line, or one entry per line at `indent + unit` when multi-line. */
export function renderObject(entries: readonly string[], layout: Layout, depth = 1): string {
  if (entries.length === 0) return '{}';
  if (!layout.multiline) return `{ ${entries.join(', ')} }`;
  const inner = layout.base + layout.unit.repeat(depth);
  const outer = layout.base + layout.unit.repeat(depth - 1);
  return `{\n${entries.map(e => `${inner}${e},`).join('\n')}\n${outer}}`;
}


/** Steps of a member-access chain above `node`: `.a`, `[0]`, `?.b` all become `a`, `0`, `b`. */
export function accessChainAbove(node: ts.Expression): Array<{ step: string; expr: ts.Expression }> {
  const steps: Array<{ step: string; expr: ts.Expression }> = [];
  let cur: ts.Expression = node;
  for (;;) {
    let parent = cur.parent;
    while (parent && (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent))) { cur = parent as ts.Expression; parent = parent.parent; }
    if (parent && ts.isPropertyAccessExpression(parent) && parent.expression === cur) {
      steps.push({ step: parent.name.text, expr: parent });
      cur = parent;
    } else if (parent && ts.isElementAccessExpression(parent) && parent.expression === cur) {
      const arg = parent.argumentExpression;
      if (ts.isNumericLiteral(arg) || ts.isStringLiteral(arg)) steps.push({ step: arg.text, expr: parent });
      else break;
      cur = parent;
    } else break;
  }
  return steps;
}

/** Identifiers named `name` inside `scope` that are references (not declarations or property names). */
export function referencesIn(scope: ts.Node, name: string, after: number): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name && n.getStart() >= after) {
      const p = n.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n);
      const isDeclaration = (ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p)) && p.name === n;
      if (!isPropertyName && !isDeclaration) out.push(n);
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return out;
}

/**
 * Syntax errors in a JS/TS text. The parser keeps them on the source file (`parseDiagnostics`,
 * what tsc reports as syntactic diagnostics); transpileModule would say the same after a full
 * bind and emit, so it is only the fallback should that property ever go away.
 */
export function syntaxErrors(text: string, fileName: string): number {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKindFor(fileName));
  const parsed = (sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  if (parsed) return parsed.length;
  const result = ts.transpileModule(text, { fileName, reportDiagnostics: true, compilerOptions: { jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.Latest } });
  return result.diagnostics?.filter(d => d.category === ts.DiagnosticCategory.Error).length ?? 0;
}

/** The first syntax error of a parsed JS/TS file, where tsc would put it. */
export function firstSyntaxProblem(sf: ts.SourceFile): SyntaxProblem | undefined {
  const parsed = (sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics
    ?? ts.transpileModule(sf.text, { fileName: sf.fileName, reportDiagnostics: true, compilerOptions: { jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.Latest } })
      .diagnostics?.filter(d => d.category === ts.DiagnosticCategory.Error);
  const d = parsed?.[0];
  if (!d) return undefined;
  const { line, character } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
  return { line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(d.messageText, ' ') };
}
