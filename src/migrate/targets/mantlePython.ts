import { mantleAnthropicBaseURL, mantleOpenAIBaseURL } from '../modelMap';
import type { TextEdit } from '../model';
import { markerEdits, type Need, type Note, type SitePlan } from '../plan';
import type { Node } from 'web-tree-sitter';
import type { PySite } from '../python/callFinder';
import { callArgs, layoutOf, pyQuote, renderArgs, rewriteModel, statementOf, type PyContext } from '../python/syntax';
import { openAIHasProviders, unsupportedParams } from './compatibility';
import { unsupportedNote } from '../sdkPaths';

// Target A for Python: keep the vendor SDK, point the client at Bedrock, map model names.

const openAIOptionsReplacedByProvider = ['api_key', 'base_url', 'organization', 'admin_api_key', 'workload_identity', 'data_residency'];
/** Without the provider only the key and endpoint change. */
const fallbackReplaced = ['api_key', 'base_url'];
/** AzureOpenAI's own options: Bedrock has no deployments or API versions. */
const azureOptions = ['azure_endpoint', 'api_version', 'azure_deployment', 'azure_ad_token', 'azure_ad_token_provider'];
const anthropicOptionsReplaced = ['api_key', 'auth_token', 'base_url'];

export function finishPy(ctx: PyContext, site: PySite, edits: TextEdit[], notes: Note[], needs: Need[]): SitePlan {
  return { site, edits: [...edits, ...markerEdits(ctx.text, statementOf(site.node).startIndex, notes, '#')], notes, needs };
}

export function planMantlePython(ctx: PyContext, site: PySite): SitePlan {
  if (site.kind === 'unsupported') return finishPy(ctx, site, [], [{ text: unsupportedNote(site.api), manual: true }], []);
  if (site.kind === 'client-construct') return constructOpenAI(ctx, site);
  if (site.kind === 'anthropic-construct') return constructAnthropic(ctx, site);
  const notes: Note[] = [];
  const edits: TextEdit[] = [];
  if (site.moduleClient) {
    const config = moduleConfigEdits(ctx, site, 'base_url');
    if (config.length) notes.push({ text: 'the module-level client now points at mantle (openai.base_url) with the Bedrock API key from AWS_BEARER_TOKEN_BEDROCK: the module client takes no provider, so construct OpenAI(provider=bedrock(...)) to use IAM credentials', manual: false });
    edits.push(...config);
  }
  if (site.kind === 'legacy-v0') return legacy(ctx, site);
  if (site.kind === 'embeddings.create' || site.kind === 'images.generate') {
    notes.push({ text: site.kind === 'embeddings.create'
      ? 'Bedrock\'s OpenAI-compatible endpoints do not serve embeddings: call InvokeModel on bedrock-runtime (e.g. amazon.titan-embed-text-v2:0)'
      : 'Bedrock\'s OpenAI-compatible endpoints do not generate images: call InvokeModel on bedrock-runtime (e.g. amazon.nova-canvas-v1:0)', manual: true });
    return finishPy(ctx, site, edits, notes, []);
  }
  const args = callArgs(site.node);
  const model = args.keywords.find(k => k.name === 'model');
  if (!model && args.other.length) {
    notes.push({ text: 'request arguments are passed positionally or unpacked: map the model to a Bedrock id by hand', manual: true });
    return finishPy(ctx, site, edits, notes, []);
  }
  const rewrite = rewriteModel(ctx, model?.value, site.source, 'mantle');
  edits.push(...rewrite.edits);
  notes.push(...rewrite.notes);
  for (const k of args.keywords) {
    const why = unsupportedParams(site.kind)[k.name];
    if (why) notes.push({ text: `'${k.name}' ${why}`, manual: false });
  }
  return finishPy(ctx, site, edits, notes, site.moduleClient && edits.some(e => e.newText.includes('AWS_BEARER_TOKEN_BEDROCK')) ? ['py:os'] : []);
}

function keptAndRemoved(ctx: PyContext, site: PySite, replaced: string[]) {
  const args = callArgs(site.node);
  const kept = args.keywords.filter(k => !replaced.includes(k.name)).map(k => k.node.text);
  const removed = args.keywords.filter(k => replaced.includes(k.name)).map(k => k.name);
  return { args, kept, removed, layout: layoutOf(args.list, statementOf(site.node), ctx.text) };
}

function constructOpenAI(ctx: PyContext, site: PySite): SitePlan {
  const withProvider = openAIHasProviders('python', ctx.options.openaiVersion);
  const fn = site.node.childForFieldName('function');
  const nameNode = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : fn;
  const azure = !!nameNode && /^(Async)?AzureOpenAI$/.test(nameNode.text) ? nameNode : undefined;
  const { args, kept, removed, layout } = keptAndRemoved(ctx, site, [...(withProvider ? openAIOptionsReplacedByProvider : fallbackReplaced), ...(azure ? azureOptions : [])]);
  if (args.other.length) return finishPy(ctx, site, [], [{ text: 'client options are positional or unpacked: add provider=bedrock(region=...) and drop api_key/base_url by hand', manual: true }], []);
  if (args.keywords.some(k => k.name === 'provider')) return finishPy(ctx, site, [], [], []);
  const baseURL = args.keywords.find(k => k.name === 'base_url');
  if (baseURL && /bedrock-(mantle|runtime)/.test(baseURL.value.text)) return finishPy(ctx, site, [], [], []);
  const q = ctx.quote;
  const notes: Note[] = [];
  const needs: Need[] = [];
  let entries: string[];
  if (withProvider) {
    entries = [`provider=bedrock(region=${pyQuote(ctx.options.region, q)})`, ...kept];
    needs.push('py:openai-bedrock-provider');
    if (removed.length) notes.push({ text: `removed ${removed.join(', ')}: the Bedrock provider supplies credentials (AWS_BEARER_TOKEN_BEDROCK or the AWS credential chain) and the endpoint`, manual: false });
  } else {
    entries = [`base_url=${pyQuote(mantleOpenAIBaseURL(ctx.options.region), q)}`, `api_key=os.environ[${pyQuote('AWS_BEARER_TOKEN_BEDROCK', q)}]`, ...kept];
    needs.push('py:os');
    notes.push({ text: `openai ${ctx.options.openaiVersion} predates the SDK's Bedrock provider (2.44.0): using the mantle base URL with a Bedrock API key from AWS_BEARER_TOKEN_BEDROCK${removed.length ? ` (replacing ${removed.join(', ')})` : ''}; upgrade openai to use IAM credentials`, manual: false });
  }
  const list = args.list!;
  const edits: TextEdit[] = [{ start: list.startIndex, end: list.endIndex, newText: renderArgs(entries, layout) }];
  if (azure) {
    // AzureOpenAI insists on an Azure endpoint; the plain client takes the provider (or mantle's URL).
    const plain = azure.text.startsWith('Async') ? 'AsyncOpenAI' : 'OpenAI';
    edits.push({ start: azure.startIndex, end: azure.endIndex, newText: plain });
    if (fn?.type === 'identifier' && !ctx.scan.classNames.has(plain)) needs.push(plain === 'OpenAI' ? 'py:OpenAI' : 'py:AsyncOpenAI');
    notes.push({ text: `${azure.text} became ${plain} on Bedrock: Azure deployment names are not Bedrock model ids, so check each call's model`, manual: false });
  }
  return finishPy(ctx, site, edits, notes, needs);
}

function constructAnthropic(ctx: PyContext, site: PySite): SitePlan {
  const { args, kept, removed, layout } = keptAndRemoved(ctx, site, anthropicOptionsReplaced);
  if (args.other.length) return finishPy(ctx, site, [], [{ text: 'client options are positional or unpacked: set base_url to mantle\'s /anthropic and auth_token to a Bedrock API key by hand', manual: true }], []);
  const baseURL = args.keywords.find(k => k.name === 'base_url');
  if (baseURL && /bedrock-mantle/.test(baseURL.value.text)) return finishPy(ctx, site, [], [], []);
  const q = ctx.quote;
  // mantle's Messages endpoint takes the Bedrock API key as a bearer token (auth_token).
  const entries = [`base_url=${pyQuote(mantleAnthropicBaseURL(ctx.options.region), q)}`, `auth_token=os.environ[${pyQuote('AWS_BEARER_TOKEN_BEDROCK', q)}]`, ...kept];
  const list = args.list!;
  const notes: Note[] = removed.length ? [{ text: `removed ${removed.join(', ')}: mantle takes a Bedrock API key as the bearer auth_token`, manual: false }] : [];
  return finishPy(ctx, site, [{ start: list.startIndex, end: list.endIndex, newText: renderArgs(entries, layout) }], notes, ['py:os']);
}

/**
 * openai<1.0 has no provider, but its module-level `api_base`/`api_key` settings reach mantle's
 * Chat Completions with a Bedrock API key; only ChatCompletion has a mantle counterpart.
 */
function legacy(ctx: PyContext, site: PySite): SitePlan {
  if (site.legacyResource !== 'ChatCompletion') {
    const why = site.legacyResource === 'Embedding'
      ? 'openai<1.0 embeddings: Bedrock\'s OpenAI-compatible endpoints do not serve them; call invoke_model with amazon.titan-embed-text-v2:0 (or convert with --target converse)'
      : 'openai<1.0 completions/images have no mantle counterpart: rewrite as chat (or convert with --target converse)';
    return finishPy(ctx, site, [], [{ text: why, manual: true }], []);
  }
  const args = callArgs(site.node);
  const rewrite = rewriteModel(ctx, args.keywords.find(k => k.name === 'model')?.value, 'openai', 'mantle');
  const config = moduleConfigEdits(ctx, site, 'api_base');
  const notes: Note[] = [...rewrite.notes];
  if (config.length) notes.push({ text: 'openai<1.0: openai.api_base/api_key now point at mantle with the Bedrock API key from AWS_BEARER_TOKEN_BEDROCK; upgrade to openai>=2.44 for the Bedrock provider', manual: false });
  return finishPy(ctx, site, [...rewrite.edits, ...config], notes, config.length ? ['py:os'] : []);
}

/** Edits that set `openai.api_key` and the base URL setting (`api_base` before 1.0, `base_url` after) at module level (the same for every site, so they merge). */
function moduleConfigEdits(ctx: PyContext, site: PySite, baseSetting: 'api_base' | 'base_url'): TextEdit[] {
  let object = site.node.childForFieldName('function');
  while (object?.type === 'attribute') object = object.childForFieldName('object');
  const alias = object?.type === 'identifier' ? object.text : 'openai';
  const q = ctx.quote;
  const key = `os.environ[${pyQuote('AWS_BEARER_TOKEN_BEDROCK', q)}]`;
  const base = pyQuote(mantleOpenAIBaseURL(ctx.options.region), q);
  const settings = new Map<string, { statement: Node; value: Node }>();
  for (const st of ctx.tree.rootNode.namedChildren) {
    const assign = st?.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const left = assign?.type === 'assignment' ? assign.childForFieldName('left') : undefined;
    const value = assign?.childForFieldName('right');
    if (st && left?.type === 'attribute' && left.childForFieldName('object')?.text === alias && value) settings.set(left.childForFieldName('attribute')?.text ?? '', { statement: st, value });
  }
  const edits: TextEdit[] = [];
  const apiKey = settings.get('api_key');
  const apiBase = settings.get(baseSetting);
  if (apiKey && apiKey.value.text !== key) edits.push({ start: apiKey.value.startIndex, end: apiKey.value.endIndex, newText: key });
  if (apiBase && !/bedrock-mantle/.test(apiBase.value.text)) edits.push({ start: apiBase.value.startIndex, end: apiBase.value.endIndex, newText: base });
  const missing = [...(apiKey ? [] : [`${alias}.api_key = ${key}`]), ...(apiBase ? [] : [`${alias}.${baseSetting} = ${base}`])];
  if (missing.length) {
    const after = apiKey?.statement ?? apiBase?.statement ?? ctx.scan.imports.find(i => i.source === 'openai')?.node;
    if (after) edits.push({ start: after.endIndex, end: after.endIndex, newText: missing.map(l => `\n${l}`).join('') });
  }
  return edits;
}
