import ts from 'typescript';
import type { Site, SourceSdk } from '../model';
import { constructKind, kindForPath, unsupportedFamily } from '../sdkPaths';
import { lookAlikeBaseURL } from '../lookAlikes';

// Follows OpenAI and Anthropic SDK clients through one JS/TS file by name: from the import
// (default, named, namespace, require) to the construction, to the variables, `this.` fields and
// typed parameters that hold a client, to the calls made on them. A class of the same name that
// was not imported from the SDK package is a look-alike and is never reported.

const sdkModules: Record<string, SourceSdk> = { openai: 'openai', '@anthropic-ai/sdk': 'anthropic' };
const sdkClassNames: Record<SourceSdk, string[]> = { openai: ['OpenAI', 'AzureOpenAI'], anthropic: ['Anthropic'] };

export interface JsSite extends Site {
  node: ts.CallExpression | ts.NewExpression;
  /** The `new X(...)` site's variable or field name, when it has one. */
  boundName?: string;
  /** For method calls: the expression that evaluates to the client (`client`, `this.openai`). */
  clientExpr?: ts.Expression;
  /** The call's promise is read through `.withResponse()` / `.asResponse()`. */
  raw?: boolean;
  /** For 'unsupported' sites: the API family (`audio`, `fineTuning`, …). */
  api?: string;
}

/** A `new OpenAI({ baseURL: 'https://api.groq.com/…' })` talks to another host; `provider:` or a Bedrock URL is already migrated. */
function aimedElsewhere(node: ts.NewExpression, source: SourceSdk = 'openai'): boolean {
  const arg = node.arguments?.[0];
  if (!arg || !ts.isObjectLiteralExpression(arg)) return false;
  for (const p of arg.properties) {
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (name === 'provider') return true;
    if (name === 'baseURL' && ts.isPropertyAssignment(p) && (ts.isStringLiteral(p.initializer) || ts.isNoSubstitutionTemplateLiteral(p.initializer)) && lookAlikeBaseURL(p.initializer.text, source)) return true;
  }
  return false;
}

export interface SdkImport {
  source: SourceSdk;
  /** The import declaration or the `const x = require(...)` statement. */
  statement: ts.Statement;
  style: 'esm' | 'cjs';
  /** Local names bound by this import (class names, namespaces). */
  names: string[];
}

export interface JsScan {
  sourceFile: ts.SourceFile;
  sites: JsSite[];
  imports: SdkImport[];
  /** Local names of the client classes (for type annotations `client: OpenAI`). */
  classNames: Map<string, SourceSdk>;
}

export function scriptKindFor(fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (lower.endsWith('.ts') || lower.endsWith('.mts') || lower.endsWith('.cts')) return ts.ScriptKind.TS;
  return ts.ScriptKind.JS;
}

/** Parent links cost most of the parse; finding sites alone does without them. */
export function parseJs(text: string, fileName: string, withParents = true): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, withParents, scriptKindFor(fileName));
}

function requireSpecifier(expr: ts.Expression | undefined): string | undefined {
  if (expr && ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'require' && expr.arguments.length === 1 && ts.isStringLiteral(expr.arguments[0])) {
    return expr.arguments[0].text;
  }
  return undefined;
}

function unwrap(expr: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr) || ts.isTypeAssertionExpression(expr) || ts.isSatisfiesExpression(expr)) expr = expr.expression;
  return expr;
}

export function scanJs(text: string, fileName: string, sourceFile = parseJs(text, fileName)): JsScan {
  const classNames = new Map<string, SourceSdk>();
  const namespaces = new Map<string, SourceSdk>();
  const imports: SdkImport[] = [];

  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const source = sdkModules[statement.moduleSpecifier.text];
      const clause = statement.importClause;
      if (!source || !clause) continue;
      // `import type OpenAI from 'openai'` still tells us what a `client: OpenAI` parameter holds.
      if (clause.isTypeOnly) {
        if (clause.name) classNames.set(clause.name.text, source);
        const named = clause.namedBindings;
        if (named && ts.isNamedImports(named)) for (const el of named.elements) if (sdkClassNames[source].includes((el.propertyName ?? el.name).text)) classNames.set(el.name.text, source);
        imports.push({ source, statement, style: 'esm', names: [] });
        continue;
      }
      const names: string[] = [];
      if (clause.name) { classNames.set(clause.name.text, source); names.push(clause.name.text); }
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) { namespaces.set(bindings.name.text, source); names.push(bindings.name.text); }
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          const imported = (el.propertyName ?? el.name).text;
          if (!el.isTypeOnly && sdkClassNames[source].includes(imported)) { classNames.set(el.name.text, source); names.push(el.name.text); }
          if (el.isTypeOnly && sdkClassNames[source].includes(imported)) classNames.set(el.name.text, source);
        }
      }
      imports.push({ source, statement, style: 'esm', names });
    } else if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const spec = requireSpecifier(decl.initializer && ts.isPropertyAccessExpression(decl.initializer) ? decl.initializer.expression : decl.initializer);
        const source = spec ? sdkModules[spec] : undefined;
        if (!source || !decl.initializer) continue;
        const names: string[] = [];
        if (ts.isIdentifier(decl.name)) {
          // `require('openai')` is the class itself (with `.OpenAI`/`.default` on it); `.OpenAI` picks the class.
          classNames.set(decl.name.text, source);
          if (!ts.isPropertyAccessExpression(decl.initializer)) namespaces.set(decl.name.text, source);
          names.push(decl.name.text);
        } else if (ts.isObjectBindingPattern(decl.name)) {
          for (const el of decl.name.elements) {
            const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : '';
            if (ts.isIdentifier(el.name) && (sdkClassNames[source].includes(imported) || imported === 'default')) { classNames.set(el.name.text, source); names.push(el.name.text); }
          }
        }
        imports.push({ source, statement, style: 'cjs', names });
      }
    }
  }

  const clientVars = new Map<string, SourceSdk>();
  const clientProps = new Map<string, SourceSdk>();
  const factories = new Map<string, SourceSdk>();
  const constructs: Array<{ node: ts.NewExpression; source: SourceSdk }> = [];
  if (classNames.size === 0 && namespaces.size === 0) return { sourceFile, sites: [], imports, classNames };

  const classOf = (expr: ts.Expression): SourceSdk | undefined => {
    if (ts.isIdentifier(expr)) return classNames.get(expr.text);
    if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression)) {
      const ns = namespaces.get(expr.expression.text);
      if (ns && (sdkClassNames[ns].includes(expr.name.text) || expr.name.text === 'default')) return ns;
    }
    return undefined;
  };
  const typeSource = (type: ts.TypeNode | undefined): SourceSdk | undefined => {
    if (!type) return undefined;
    if (ts.isTypeReferenceNode(type)) {
      const n = type.typeName;
      if (ts.isIdentifier(n)) return classNames.get(n.text);
      if (ts.isIdentifier(n.left)) {
        const ns = namespaces.get(n.left.text);
        if (ns && sdkClassNames[ns].includes(n.right.text)) return ns;
      }
    }
    if (ts.isUnionTypeNode(type)) for (const t of type.types) { const s = typeSource(t); if (s) return s; }
    return undefined;
  };

  /** The SDK whose client this expression evaluates to, if we can tell. */
  const clientSource = (raw: ts.Expression): SourceSdk | undefined => {
    const expr = unwrap(raw);
    if (ts.isIdentifier(expr)) return clientVars.get(expr.text);
    if (ts.isPropertyAccessExpression(expr) && expr.expression.kind === ts.SyntaxKind.ThisKeyword) return clientProps.get(expr.name.text);
    if (ts.isNewExpression(expr)) { const s = classOf(expr.expression); return s && !aimedElsewhere(expr, s) ? s : undefined; }
    if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && expr.arguments.length === 0) return factories.get(expr.expression.text);
    return undefined;
  };

  const bind = (target: ts.Node, source: SourceSdk): boolean => {
    const put = (map: Map<string, SourceSdk>, name: string) => { if (map.has(name)) return false; map.set(name, source); return true; };
    if (ts.isIdentifier(target)) return put(clientVars, target.text);
    if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) return put(clientProps, target.name.text);
    if (ts.isPropertyDeclaration(target) && (ts.isIdentifier(target.name) || ts.isPrivateIdentifier(target.name))) return put(clientProps, target.name.text);
    return false;
  };

  // One walk collects constructions, typed parameters/fields, factories, assignments and
  // candidate calls; parents come from the walk so a parse without parent links is enough.
  const assigns: Array<{ target: ts.Node; value: ts.Expression }> = [];
  const calls: Array<{ node: ts.CallExpression; parent: ts.Node | undefined }> = [];
  const constructParents = new Map<ts.NewExpression, ts.Node | undefined>();
  const stack: ts.Node[] = [];
  const outerParent = (): ts.Node | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) if (!ts.isParenthesizedExpression(stack[i])) return stack[i];
    return undefined;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) {
      const cls = classOf(node.expression);
      const source = cls && !aimedElsewhere(node, cls) ? cls : undefined;
      if (source) { constructs.push({ node, source }); constructParents.set(node, stack[stack.length - 1]); }
    } else if (ts.isCallExpression(node)) {
      if (ts.isPropertyAccessExpression(node.expression) && !node.questionDotToken) calls.push({ node, parent: outerParent() });
    } else if (ts.isParameter(node)) {
      const source = typeSource(node.type);
      if (source && ts.isIdentifier(node.name)) {
        bind(node.name, source);
        if (ts.getModifiers(node)?.some(m => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.PublicKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword || m.kind === ts.SyntaxKind.ReadonlyKeyword)) clientProps.set(node.name.text, source);
      }
    } else if (ts.isPropertyDeclaration(node)) {
      const source = typeSource(node.type);
      if (source) bind(node, source);
      if (node.initializer) assigns.push({ target: node, value: node.initializer });
    } else if (ts.isVariableDeclaration(node)) {
      const source = typeSource(node.type);
      if (source) bind(node.name, source);
      if (node.initializer) assigns.push({ target: node.name, value: node.initializer });
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      assigns.push({ target: node.left, value: node.right });
    } else if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name && ts.isIdentifier(node.name)) {
      const source = typeSource(node.type);
      if (source) factories.set(node.name.text, source);
      const returned = ts.isFunctionDeclaration(node) && node.body && node.parameters.length === 0 ? node.body.statements.find(ts.isReturnStatement)?.expression : undefined;
      const made = returned && unwrap(returned);
      if (made && ts.isNewExpression(made) && !aimedElsewhere(made, classOf(made.expression))) {
        const madeSource = classOf(made.expression);
        if (madeSource) factories.set(node.name.text, madeSource);
      }
    }
    stack.push(node);
    ts.forEachChild(node, visit);
    stack.pop();
  };
  visit(sourceFile);

  // Whatever a client expression is stored into also holds a client (repeat for chains of aliases).
  for (let changed = true, rounds = 0; changed && rounds < 5; rounds++) {
    changed = false;
    for (const { target, value } of assigns) {
      const source = clientSource(value);
      if (source && bind(target, source)) changed = true;
    }
  }

  const sites: JsSite[] = [];
  const site = (node: ts.CallExpression | ts.NewExpression, parent: ts.Node | undefined, source: SourceSdk, kind: JsSite['kind'], streaming: boolean, boundName?: string, clientExpr?: ts.Expression): JsSite => {
    const start = node.getStart(sourceFile);
    return {
      kind, source, start, end: node.getEnd(), line: sourceFile.getLineAndCharacterOfPosition(start).line + 1,
      streaming, async: !!parent && ts.isAwaitExpression(parent), node, boundName, clientExpr,
    };
  };

  for (const { node, source } of constructs) {
    const parent = constructParents.get(node);
    let boundName: string | undefined;
    if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) boundName = parent.name.text;
    else if (parent && ts.isPropertyDeclaration(parent) && ts.isIdentifier(parent.name)) boundName = parent.name.text;
    else if (parent && ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left)) boundName = parent.left.name.text;
    sites.push(site(node, undefined, source, constructKind(source), false, boundName));
  }

  for (const { node, parent } of calls) {
    const names: string[] = [];
    let base: ts.Expression = node.expression;
    while (ts.isPropertyAccessExpression(base) && !clientSource(base) && names.length < 6) {
      names.unshift(base.name.text);
      base = base.expression;
    }
    const source = clientSource(base);
    if (!source) continue;
    const match = kindForPath(source, names.join('.'));
    const api = !match && source === 'openai' ? unsupportedFamily(names.join('.')) : undefined;
    if (api) { sites.push({ ...site(node, parent, source, 'unsupported', false, undefined, base), api }); continue; }
    if (!match) continue;
    const first = node.arguments[0];
    const streaming = match.streaming ?? (!!first && ts.isObjectLiteralExpression(first) && first.properties.some(p =>
      ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'stream' && p.initializer.kind === ts.SyntaxKind.TrueKeyword));
    const wrapper = parent && ts.isPropertyAccessExpression(parent) && parent.expression === node && (parent.name.text === 'withResponse' || parent.name.text === 'asResponse');
    sites.push({ ...site(node, parent, source, match.kind, streaming, undefined, base), ...(wrapper ? { raw: true } : {}) });
  }
  sites.sort((a, b) => a.start - b.start);
  return { sourceFile, sites, imports, classNames };
}
