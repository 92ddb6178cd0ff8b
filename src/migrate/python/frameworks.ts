import type { Node, Tree } from 'web-tree-sitter';
import type { FrameworkSiteKind, TextEdit } from '../model';
import { lookAlikeBaseURL } from '../lookAlikes';
import { looksLikeBedrockId, mapModel } from '../modelMap';
import { markerEdits, type Need, type Note, type SitePlan } from '../plan';
import type { PySite } from './callFinder';
import { parsePython } from './parser';
import { callArgs, layoutOf, pyQuote, renderArgs, statementOf, stringValue, type PyContext } from './syntax';
import { applyEdits } from '../edits';

// LangChain and LlamaIndex call OpenAI through their own classes; each has a maintained Bedrock
// integration with its own constructor (checked in langchain-aws's ChatBedrockConverse and
// BedrockEmbeddings, llama-index-llms-bedrock-converse's BedrockConverse and
// llama-index-embeddings-bedrock's BedrockEmbedding). The class is swapped, the model mapped to a
// Bedrock runtime id, the region given, and options the Bedrock class does not take are dropped
// with a note (ChatBedrockConverse forbids unknown fields, so keeping them would fail at runtime).

export interface FrameworkClass {
  kind: FrameworkSiteKind;
  /** The Bedrock class and the module it comes from. */
  target: { module: string; name: string };
  /** How the Bedrock class names the model and the region. */
  modelParam: string;
  regionParam: string;
  /** Options the Bedrock class takes under the same name. */
  kept: string[];
  /** OpenAI option → the Bedrock class's name for it. */
  renamed?: Record<string, string>;
}

const langchainChat: FrameworkClass = {
  kind: 'langchain.chat',
  target: { module: 'langchain_aws', name: 'ChatBedrockConverse' },
  modelParam: 'model', regionParam: 'region_name',
  kept: ['temperature', 'max_tokens', 'top_p', 'stop', 'callbacks', 'tags', 'metadata', 'verbose', 'cache', 'rate_limiter', 'disable_streaming'],
};
const langchainEmbeddings: FrameworkClass = {
  kind: 'langchain.embeddings',
  target: { module: 'langchain_aws', name: 'BedrockEmbeddings' },
  modelParam: 'model_id', regionParam: 'region_name',
  kept: [],
};
const llamaLlm: FrameworkClass = {
  kind: 'llamaindex.llm',
  target: { module: 'llama_index.llms.bedrock_converse', name: 'BedrockConverse' },
  modelParam: 'model', regionParam: 'region_name',
  kept: ['temperature', 'max_tokens', 'timeout', 'max_retries', 'callback_manager', 'system_prompt', 'messages_to_prompt', 'completion_to_prompt', 'pydantic_program_mode', 'output_parser'],
};
const llamaEmbedding: FrameworkClass = {
  kind: 'llamaindex.embedding',
  target: { module: 'llama_index.embeddings.bedrock', name: 'BedrockEmbedding' },
  modelParam: 'model_name', regionParam: 'region_name',
  kept: ['embed_batch_size', 'callback_manager', 'max_retries', 'timeout'],
};

/** Module → imported class name → what it becomes. */
const sources: Record<string, Record<string, FrameworkClass>> = {
  langchain_openai: { ChatOpenAI: langchainChat, AzureChatOpenAI: langchainChat, OpenAIEmbeddings: langchainEmbeddings, AzureOpenAIEmbeddings: langchainEmbeddings },
  'langchain_openai.chat_models': { ChatOpenAI: langchainChat, AzureChatOpenAI: langchainChat },
  'langchain_openai.embeddings': { OpenAIEmbeddings: langchainEmbeddings, AzureOpenAIEmbeddings: langchainEmbeddings },
  'langchain_community.chat_models': { ChatOpenAI: langchainChat, AzureChatOpenAI: langchainChat },
  'langchain_community.embeddings': { OpenAIEmbeddings: langchainEmbeddings },
  'langchain.chat_models': { ChatOpenAI: langchainChat },
  'langchain.embeddings': { OpenAIEmbeddings: langchainEmbeddings },
  'llama_index.llms.openai': { OpenAI: llamaLlm },
  'llama_index.llms.azure_openai': { AzureOpenAI: llamaLlm },
  'llama_index.embeddings.openai': { OpenAIEmbedding: llamaEmbedding },
};

export function frameworkSourceModule(module: string): boolean {
  return Object.prototype.hasOwnProperty.call(sources, module);
}

/** Options that point the OpenAI class at a host; a literal one naming another host makes the use a look-alike. */
const baseURLOptions = ['base_url', 'openai_api_base', 'api_base'];

export interface FrameworkSite extends PySite { framework: FrameworkClass }

/** Local names bound to the framework classes above by `from <OpenAI module> import …` statements in the tree. */
export function frameworkLocals(tree: Tree): Map<string, FrameworkClass> {
  const locals = new Map<string, FrameworkClass>();
  for (const st of tree.rootNode.descendantsOfType('import_from_statement')) {
    const table = st && sources[st.childForFieldName('module_name')?.text ?? ''];
    if (!st || !table) continue;
    for (const n of st.childrenForFieldName('name')) {
      if (!n) continue;
      const imported = n.type === 'aliased_import' ? n.childForFieldName('name')?.text : n.text;
      const local = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n.text;
      const cls = imported && Object.prototype.hasOwnProperty.call(table, imported) ? table[imported] : undefined;
      if (cls && local) locals.set(local, cls);
    }
  }
  return locals;
}

/** Whether the text could import one of the framework modules above (a cheap test before any parse). */
export function mayUseFrameworks(text: string): boolean {
  return /langchain|llama_index/.test(text);
}

/** Constructions of the framework classes above, imported from their OpenAI modules, not aimed at another host. */
export function findFrameworkSites(tree: Tree, locals = frameworkLocals(tree)): FrameworkSite[] {
  const root = tree.rootNode;
  if (locals.size === 0) return [];
  const sites: FrameworkSite[] = [];
  for (const call of root.descendantsOfType('call')) {
    const fn = call?.childForFieldName('function');
    const framework = fn?.type === 'identifier' ? locals.get(fn.text) : undefined;
    if (!call || !framework) continue;
    const args = callArgs(call);
    if (args.keywords.some(k => baseURLOptions.includes(k.name) && lookAlikeBaseURL(stringValue(k.value)))) continue;
    sites.push({ kind: framework.kind, source: 'openai', start: call.startIndex, end: call.endIndex, line: call.startPosition.row + 1, streaming: false, async: false, node: call, framework });
  }
  return sites;
}

/** The same rewrite for both targets: the framework's Bedrock class is the target that fits. */
export function planFrameworkPython(ctx: PyContext, site: FrameworkSite): SitePlan {
  const f = site.framework;
  const args = callArgs(site.node);
  const finish = (edits: TextEdit[], notes: Note[], needs: Need[]): SitePlan =>
    ({ site, edits: [...edits, ...markerEdits(ctx.text, statementOf(site.node).startIndex, notes, '#')], notes, needs });
  if (args.other.length) return finish([], [{ text: `options are positional or unpacked: construct ${f.target.name}(${f.modelParam}=..., ${f.regionParam}=...) from ${f.target.module} by hand`, manual: true }], []);
  const q = ctx.quote;
  const notes: Note[] = [];
  const model = args.keywords.find(k => ['model', 'model_name', 'model_id', 'azure_deployment', 'deployment_name'].includes(k.name));
  let modelText: string;
  const name = stringValue(model?.value);
  const embeddings = f.kind === 'langchain.embeddings' || f.kind === 'llamaindex.embedding';
  if (!model) {
    // Each OpenAI class has a default model; the Bedrock classes need one named.
    const fallback = embeddings ? 'amazon.titan-embed-text-v2:0' : mapModel('gpt-4o-mini', 'openai', 'converse', ctx.options.modelMap)!;
    modelText = pyQuote(fallback, q);
    notes.push({ text: `no model was given (the OpenAI class's default): using ${fallback}`, manual: false });
  } else if (name === undefined) {
    modelText = model.value.text;
    notes.push({ text: `model comes from \`${model.value.text}\`: make sure it holds a Bedrock model id`, manual: true });
  } else {
    const mapped = mapModel(name, 'openai', 'converse', ctx.options.modelMap);
    if (mapped) modelText = pyQuote(mapped, q);
    else {
      modelText = model.value.text;
      if (!looksLikeBedrockId(name)) notes.push({ text: `no Bedrock model id known for '${name}': add one to the model map`, manual: true });
    }
  }
  const entries = [`${f.modelParam}=${modelText}`, `${f.regionParam}=${pyQuote(ctx.options.region, q)}`];
  const dropped: string[] = [];
  for (const k of args.keywords) {
    if (k === model) continue;
    if (k.name === f.regionParam) { entries[1] = k.node.text; continue; }
    if (f.kept.includes(k.name)) entries.push(k.node.text);
    else dropped.push(k.name);
  }
  if (dropped.length) notes.push({ text: `dropped ${dropped.join(', ')}: ${f.target.name} does not take ${dropped.length === 1 ? 'it' : 'them'} (credentials come from the AWS credential chain; retries and timeouts from botocore's Config)`, manual: false });
  const fn = site.node.childForFieldName('function')!;
  const layout = layoutOf(args.list, statementOf(site.node), ctx.text);
  const edits: TextEdit[] = [
    { start: fn.startIndex, end: fn.endIndex, newText: f.target.name },
    { start: args.list!.startIndex, end: args.list!.endIndex, newText: renderArgs(entries, layout) },
  ];
  return finish(edits, notes, [`py-from:${f.target.module}:${f.target.name}`]);
}

/** After a rewrite, drops names from the frameworks' OpenAI imports that nothing uses any more. */
export function removeUnusedFrameworkImports(text: string): string {
  if (!mayUseFrameworks(text)) return text;
  const tree = parsePython(text);
  try {
    const root = tree.rootNode;
    const used = new Set<string>();
    for (const id of root.descendantsOfType('identifier')) {
      if (!id) continue;
      let p: Node | null = id.parent;
      let inImport = false;
      while (p) { if (p.type === 'import_from_statement') { inImport = true; break; } p = p.parent; }
      if (!inImport) used.add(id.text);
    }
    const edits: TextEdit[] = [];
    for (const st of root.namedChildren) {
      if (!st || st.type !== 'import_from_statement' || !frameworkSourceModule(st.childForFieldName('module_name')?.text ?? '')) continue;
      const names = st.childrenForFieldName('name').filter((n): n is Node => !!n);
      const local = (n: Node) => (n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n.text) ?? '';
      const keep = names.filter(n => used.has(local(n)));
      if (keep.length === names.length) continue;
      if (keep.length === 0) {
        const start = text.lastIndexOf('\n', st.startIndex - 1) + 1;
        edits.push({ start, end: text[st.endIndex] === '\n' ? st.endIndex + 1 : st.endIndex, newText: '' });
      } else {
        edits.push({ start: names[0].startIndex, end: names[names.length - 1].endIndex, newText: keep.map(n => n.text).join(', ') });
      }
    }
    return applyEdits(text, edits);
  } finally {
    tree.delete();
  }
}
