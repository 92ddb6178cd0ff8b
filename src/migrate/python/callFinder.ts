import type { Node, Tree } from 'web-tree-sitter';
import type { Site, SourceSdk } from '../model';
import { constructKind, kindForPath, legacyPythonMethods, legacyPythonResources, legacyUnsupported, unsupportedFamily, withoutResponseWrappers } from '../sdkPaths';
import { lookAlikeBaseURL } from '../lookAlikes';
import { pythonQuery } from './parser';

// Follows OpenAI and Anthropic clients through one Python file by name: `import openai` /
// `from openai import OpenAI, AsyncOpenAI`, then constructions, the names and `self.` attributes
// they are stored in, typed parameters (`client: OpenAI`) and aliases, then calls made on them.
// Anything not traced back to the SDK's own import (a local `OpenAI` class, `groq.Groq`,
// langchain's `ChatOpenAI`) is a look-alike and is left alone.

const finderQuery = '(call) @n (assignment) @n (typed_parameter) @n (typed_default_parameter) @n (with_item) @n (function_definition) @n';

const sdkModules: Record<string, SourceSdk> = { openai: 'openai', anthropic: 'anthropic' };
const syncClasses: Record<SourceSdk, string[]> = { openai: ['OpenAI', 'AzureOpenAI'], anthropic: ['Anthropic'] };
const asyncClasses: Record<SourceSdk, string[]> = { openai: ['AsyncOpenAI', 'AsyncAzureOpenAI'], anthropic: ['AsyncAnthropic'] };

interface ClientInfo { source: SourceSdk; async: boolean }

export interface PySite extends Site {
  node: Node;
  /** For legacy-v0 calls: `ChatCompletion`, `Completion`, `Embedding`, `Image`. */
  legacyResource?: string;
  /** For method calls: the node that evaluates to the client (`client`, `self.client`). */
  clientNode?: Node;
  /** openai>=1 module-level client: `openai.chat.completions.create(...)` with no `OpenAI()` in sight. */
  moduleClient?: boolean;
  /** Called through `with_raw_response` / `with_streaming_response`. */
  raw?: boolean;
  /** For 'unsupported' sites: the API family (`audio`, `fine_tuning`, …). */
  api?: string;
}

export interface PyImport {
  source: SourceSdk;
  node: Node;
  /** `import openai` binds a module; `from openai import OpenAI` binds classes. */
  moduleAlias?: string;
  names: string[];
}

export interface PyScan {
  sites: PySite[];
  imports: PyImport[];
  classNames: Map<string, ClientInfo>;
  modules: Map<string, SourceSdk>;
  /** Every name the scan tied to an SDK: classes, modules, client variables, `self.` attributes, factories. */
  boundNames: string[];
}

export function unwrapParens(node: Node): Node {
  while (node.type === 'parenthesized_expression' && node.namedChildCount === 1) node = node.namedChildren[0]!;
  return node;
}

export function scanPython(tree: Tree): PyScan {
  const root = tree.rootNode;
  const classNames = new Map<string, ClientInfo>();
  const modules = new Map<string, SourceSdk>();
  const imports: PyImport[] = [];

  for (const statement of root.namedChildren) {
    if (!statement) continue;
    if (statement.type === 'import_statement') {
      for (const child of statement.namedChildren) {
        if (!child) continue;
        const dotted = child.type === 'aliased_import' ? child.childForFieldName('name') : child;
        const alias = child.type === 'aliased_import' ? child.childForFieldName('alias')?.text : dotted?.text;
        const source = dotted ? sdkModules[dotted.text] : undefined;
        if (source && alias) { modules.set(alias, source); imports.push({ source, node: statement, moduleAlias: alias, names: [alias] }); }
      }
    } else if (statement.type === 'import_from_statement') {
      const source = sdkModules[statement.childForFieldName('module_name')?.text ?? ''];
      if (!source) continue;
      const names: string[] = [];
      for (const nameNode of statement.childrenForFieldName('name')) {
        if (!nameNode) continue;
        const imported = nameNode.type === 'aliased_import' ? nameNode.childForFieldName('name')?.text : nameNode.text;
        const local = nameNode.type === 'aliased_import' ? nameNode.childForFieldName('alias')?.text : nameNode.text;
        if (!imported || !local) continue;
        if (syncClasses[source].includes(imported)) classNames.set(local, { source, async: false });
        if (asyncClasses[source].includes(imported)) classNames.set(local, { source, async: true });
        names.push(local);
      }
      imports.push({ source, node: statement, names });
    }
  }
  // `openai.base_url = "http://localhost:11434/v1"` (or openai<1.0's api_base) sends the module's calls elsewhere: a look-alike.
  for (const statement of root.namedChildren) {
    const assign = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    const left = assign?.type === 'assignment' ? assign.childForFieldName('left') : undefined;
    const object = left?.type === 'attribute' ? left.childForFieldName('object') : undefined;
    const attr = left?.childForFieldName('attribute')?.text;
    if (object?.type === 'identifier' && modules.get(object.text) === 'openai' && (attr === 'base_url' || attr === 'api_base') && lookAlikeBaseURL(literalOf(assign!.childForFieldName('right')))) modules.delete(object.text);
  }
  if (classNames.size === 0 && modules.size === 0) return { sites: [], imports, classNames, modules, boundNames: [] };
  /** A client aimed at another host (Groq, Ollama, …) or already at Bedrock is not an OpenAI call site. */
  const aimedElsewhere = (call: Node): boolean => {
    const kw = keywordArguments(call);
    if (kw.has('provider')) return true;
    const fn = call.childForFieldName('function');
    const source = (fn && classOf(fn)?.source) ?? 'openai';
    return lookAlikeBaseURL(literalOf(kw.get('base_url')?.childForFieldName('value')), source);
  };

  const classOf = (fn: Node): ClientInfo | undefined => {
    if (fn.type === 'identifier') return classNames.get(fn.text);
    if (fn.type === 'attribute') {
      const obj = fn.childForFieldName('object');
      const attr = fn.childForFieldName('attribute')?.text ?? '';
      const source = obj?.type === 'identifier' ? modules.get(obj.text) : undefined;
      if (source && syncClasses[source].includes(attr)) return { source, async: false };
      if (source && asyncClasses[source].includes(attr)) return { source, async: true };
    }
    return undefined;
  };
  const typeInfo = (type: Node | null): ClientInfo | undefined => {
    if (!type) return undefined;
    const inner = type.type === 'type' ? type.namedChildren[0] : type;
    if (!inner) return undefined;
    if (inner.type === 'identifier' || inner.type === 'attribute') return classOf(inner);
    if (inner.type === 'string') return classNames.get(inner.text.replace(/^['"]|['"]$/g, ''));
    return undefined;
  };

  const vars = new Map<string, ClientInfo>();
  /** Functions that hand out a client (`def get_client() -> OpenAI`, `return OpenAI()`), often behind @lru_cache. */
  const factories = new Map<string, ClientInfo>();
  const attrs = new Map<string, ClientInfo>();
  const isSelf = (n: Node | null) => n?.type === 'identifier' && (n.text === 'self' || n.text === 'cls');

  const clientOf = (raw: Node): ClientInfo | undefined => {
    const node = unwrapParens(raw);
    if (node.type === 'identifier') return vars.get(node.text);
    if (node.type === 'attribute' && isSelf(node.childForFieldName('object'))) return attrs.get(node.childForFieldName('attribute')?.text ?? '');
    if (node.type === 'call') {
      const fn = node.childForFieldName('function');
      if (fn?.type === 'identifier' && factories.has(fn.text)) return factories.get(fn.text);
      return fn && !aimedElsewhere(node) ? classOf(fn) : undefined;
    }
    return undefined;
  };
  const bind = (target: Node, info: ClientInfo, inClassBody: boolean): boolean => {
    const put = (map: Map<string, ClientInfo>, name: string) => { if (map.has(name)) return false; map.set(name, info); return true; };
    if (target.type === 'identifier') return inClassBody ? put(attrs, target.text) : put(vars, target.text);
    if (target.type === 'attribute' && isSelf(target.childForFieldName('object'))) return put(attrs, target.childForFieldName('attribute')?.text ?? '');
    return false;
  };

  const constructs: Array<{ node: Node; info: ClientInfo }> = [];
  const assigns: Array<{ target: Node; value: Node; inClassBody: boolean }> = [];
  const calls: Array<{ call: Node; fn: Node }> = [];
  for (const { node } of pythonQuery(finderQuery).captures(root)) {
    switch (node.type) {
      case 'call': {
        const fn = node.childForFieldName('function');
        const info = fn ? classOf(fn) : undefined;
        if (info) { if (!aimedElsewhere(node)) constructs.push({ node, info }); } else if (fn?.type === 'attribute') calls.push({ call: node, fn });
        break;
      }
      case 'assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const inClassBody = node.parent?.parent?.type === 'block' && node.parent.parent.parent?.type === 'class_definition';
        const typed = typeInfo(node.childForFieldName('type'));
        if (left && typed) bind(left, typed, inClassBody);
        if (left && right) assigns.push({ target: left, value: right, inClassBody });
        break;
      }
      case 'typed_parameter':
      case 'typed_default_parameter': {
        const name = node.type === 'typed_parameter' ? node.namedChildren.find(c => c?.type === 'identifier') : node.childForFieldName('name');
        const info = typeInfo(node.childForFieldName('type'));
        if (name && info) bind(name, info, false);
        break;
      }
      case 'function_definition': {
        const name = node.childForFieldName('name')?.text;
        const typed = typeInfo(node.childForFieldName('return_type'));
        const body = node.childForFieldName('body');
        const returned = body?.namedChildren.find(c => c?.type === 'return_statement')?.namedChildren[0];
        const made = returned ? unwrapParens(returned) : undefined;
        const info = typed ?? (made?.type === 'call' && made.childForFieldName('function') && !aimedElsewhere(made) ? classOf(made.childForFieldName('function')!) : undefined);
        if (name && info) factories.set(name, info);
        break;
      }
      case 'with_item': {
        const value = node.childForFieldName('value');
        if (value?.type === 'as_pattern') {
          const expr = value.namedChildren[0];
          const alias = value.childForFieldName('alias')?.namedChildren[0];
          if (expr && alias) assigns.push({ target: alias, value: expr, inClassBody: false });
        }
        break;
      }
    }
  }
  for (let changed = true, rounds = 0; changed && rounds < 5; rounds++) {
    changed = false;
    for (const { target, value, inClassBody } of assigns) {
      const info = clientOf(value);
      if (info && bind(target, info, inClassBody)) changed = true;
    }
  }

  // Sites come last and only when asked for: a caller choosing which statements to parse needs the names alone.
  const collectSites = (): PySite[] => {
    const sites: PySite[] = [];
    const awaited = (node: Node) => unwrapUp(node)?.type === 'await';
    const push = (node: Node, kind: PySite['kind'], source: SourceSdk, streaming: boolean, isAsync: boolean, legacyResource?: string, clientNode?: Node, extra: Partial<PySite> = {}) => {
      sites.push({ kind, source, start: node.startIndex, end: node.endIndex, line: node.startPosition.row + 1, streaming, async: isAsync, node, legacyResource, clientNode, ...extra });
    };
    for (const { node, info } of constructs) push(node, constructKind(info.source), info.source, false, info.async);

    for (const { call, fn } of calls) {
      const names: string[] = [];
      let base: Node | null = fn;
      while (base && base.type === 'attribute' && !clientOf(base) && names.length < 6) {
        names.unshift(base.childForFieldName('attribute')?.text ?? '');
        base = base.childForFieldName('object');
      }
      if (!base) continue;
      const info = clientOf(base);
      const { path, raw } = withoutResponseWrappers(names);
      const onClient = (source: SourceSdk, isAsync: boolean, extra: Partial<PySite>) => {
        const match = kindForPath(source, path);
        if (match) { push(call, match.kind, source, match.streaming ?? hasTrueKeyword(call, 'stream'), isAsync || awaited(call), undefined, base!, { raw, ...extra }); return; }
        const api = source === 'openai' ? unsupportedFamily(path) : undefined;
        if (api) push(call, 'unsupported', source, false, isAsync || awaited(call), undefined, base!, { api, ...extra });
      };
      if (info) { onClient(info.source, info.async, {}); continue; }
      if (base.type !== 'identifier' || modules.get(base.text) !== 'openai') continue;
      // openai<1.0: module-level resources on the `openai` module itself.
      if (names.length === 2 && legacyPythonResources.has(names[0]) && legacyPythonMethods.has(names[1])) {
        const api = legacyUnsupported[names[0]];
        if (api) push(call, 'unsupported', 'openai', false, awaited(call), names[0], undefined, { api });
        else push(call, 'legacy-v0', 'openai', hasTrueKeyword(call, 'stream'), names[1] === 'acreate' || awaited(call), names[0]);
        continue;
      }
      // openai>=1.0: the module is itself a client (`openai.chat.completions.create(...)`).
      onClient('openai', false, { moduleClient: true });
    }
    return sites.sort((a, b) => a.start - b.start);
  };
  let sites: PySite[] | undefined;
  const boundNames = [...classNames.keys(), ...modules.keys(), ...vars.keys(), ...attrs.keys(), ...factories.keys()];
  return { get sites() { return (sites ??= collectSites()); }, imports, classNames, modules, boundNames };
}

function unwrapUp(node: Node): Node | null {
  let parent = node.parent;
  while (parent && parent.type === 'parenthesized_expression') parent = parent.parent;
  return parent;
}

export function keywordArguments(call: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const args = call.childForFieldName('arguments');
  for (const arg of args?.namedChildren ?? []) {
    if (arg?.type !== 'keyword_argument') continue;
    const name = arg.childForFieldName('name')?.text;
    if (name) out.set(name, arg);
  }
  return out;
}

/** The value of a plain string literal node, or undefined. */
function literalOf(node: Node | null | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  if (node.namedChildren.some(c => c?.type === 'interpolation')) return undefined;
  return node.namedChildren.filter(c => c?.type === 'string_content').map(c => c!.text).join('');
}

function hasTrueKeyword(call: Node, name: string): boolean {
  return keywordArguments(call).get(name)?.childForFieldName('value')?.type === 'true';
}
