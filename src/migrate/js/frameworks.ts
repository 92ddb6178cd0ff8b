import ts from 'typescript';
import { lookAlikeBaseURL } from '../lookAlikes';
import { looksLikeBedrockId, mapModel } from '../modelMap';
import type { FrameworkSiteKind, TextEdit } from '../model';
import { markerEdits, type Need, type Note, type SitePlan } from '../plan';
import { unsupportedNote } from '../sdkPaths';
import type { JsSite } from './callFinder';
import type { JsContext } from './context';
import { enclosingStatement, layoutOf, propName, quote, renderObject, stringValue, textOf } from './syntax';

// LangChain JS and the Vercel AI SDK call OpenAI through their own packages; each has a
// maintained Bedrock one, whose API was checked in the published packages:
// @langchain/aws (ChatBedrockConverse / BedrockEmbeddings take { model, region }) and
// @ai-sdk/amazon-bedrock (`bedrock(modelId)`, `.embedding()`, `.image()`, `createAmazonBedrock({ region })`).
// Both call Bedrock's runtime (Converse, InvokeModel), so models map to runtime ids.

const langchainModules = ['@langchain/openai', 'langchain/chat_models/openai', 'langchain/embeddings/openai', 'langchain/llms/openai'];
const aiSdkModule = '@ai-sdk/openai';
export const frameworkModules = new Set([...langchainModules, aiSdkModule]);

interface LangchainClass { kind: FrameworkSiteKind; target: string; kept: string[] }
const langchainChat: LangchainClass = { kind: 'langchain.chat', target: 'ChatBedrockConverse', kept: ['temperature', 'maxTokens', 'topP', 'streaming', 'callbacks', 'tags', 'metadata', 'verbose', 'cache', 'maxRetries', 'maxConcurrency', 'stopSequences'] };
const langchainEmbeddings: LangchainClass = { kind: 'langchain.embeddings', target: 'BedrockEmbeddings', kept: ['maxRetries', 'maxConcurrency'] };
const langchainClasses: Record<string, LangchainClass> = { ChatOpenAI: langchainChat, AzureChatOpenAI: langchainChat, OpenAIEmbeddings: langchainEmbeddings, AzureOpenAIEmbeddings: langchainEmbeddings };

/** AI SDK provider members → what they become on the Bedrock provider ('' = call the provider itself). */
const aiSdkMembers: Record<string, { member: string; what: 'chat' | 'embedding' | 'image' }> = {
  chat: { member: '', what: 'chat' }, responses: { member: '', what: 'chat' }, languageModel: { member: '', what: 'chat' }, completion: { member: '', what: 'chat' },
  embedding: { member: 'embedding', what: 'embedding' }, textEmbedding: { member: 'embedding', what: 'embedding' }, textEmbeddingModel: { member: 'embedding', what: 'embedding' }, embeddingModel: { member: 'embedding', what: 'embedding' },
  image: { member: 'image', what: 'image' }, imageModel: { member: 'image', what: 'image' },
};
const aiSdkAudioMembers = new Set(['transcription', 'transcriptionModel', 'speech', 'speechModel']);

export interface JsFrameworkSite extends JsSite {
  langchain?: LangchainClass;
  /** For AI SDK model calls: the provider member called (`''` for `openai('…')`), and whether the provider is the package's default one. */
  aiSdk?: { member: string; defaultProvider: boolean };
}

function nameOf(p: ts.ObjectLiteralElementLike): string | undefined {
  return propName(p);
}

/** `{ baseURL: 'https://api.groq.com/…' }` (or under `configuration`) sends the calls to another host. */
function aimedElsewhere(arg: ts.Expression | undefined): boolean {
  if (!arg || !ts.isObjectLiteralExpression(arg)) return false;
  return arg.properties.some(p => {
    if (!ts.isPropertyAssignment(p)) return false;
    const n = nameOf(p);
    if (n === 'configuration') return aimedElsewhere(p.initializer);
    return (n === 'baseURL' || n === 'basePath') && lookAlikeBaseURL(stringValue(p.initializer));
  });
}

export function findJsFrameworkSites(sf: ts.SourceFile): JsFrameworkSite[] {
  const langchain = new Map<string, LangchainClass>();
  const defaultProviders = new Set<string>();
  const factories = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const mod = st.moduleSpecifier.text;
    const named = st.importClause?.namedBindings;
    if (!named || !ts.isNamedImports(named) || st.importClause?.isTypeOnly) continue;
    for (const el of named.elements) {
      const imported = (el.propertyName ?? el.name).text;
      if (langchainModules.includes(mod) && Object.prototype.hasOwnProperty.call(langchainClasses, imported)) langchain.set(el.name.text, langchainClasses[imported]);
      if (mod === aiSdkModule && imported === 'openai') defaultProviders.add(el.name.text);
      if (mod === aiSdkModule && imported === 'createOpenAI') factories.add(el.name.text);
    }
  }
  if (langchain.size === 0 && defaultProviders.size === 0 && factories.size === 0) return [];
  const createdProviders = new Set<string>();
  const sites: JsFrameworkSite[] = [];
  const push = (node: ts.CallExpression | ts.NewExpression, kind: FrameworkSiteKind, extra: Partial<JsFrameworkSite>) => {
    const start = node.getStart(sf);
    sites.push({ kind, source: 'openai', start, end: node.getEnd(), line: sf.getLineAndCharacterOfPosition(start).line + 1, streaming: false, async: false, node, ...extra });
  };
  const calls: ts.CallExpression[] = [];
  // parents come from the walk: finding sites parses without parent links
  const visit = (n: ts.Node, parent: ts.Node | undefined): void => {
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && langchain.has(n.expression.text) && !aimedElsewhere(n.arguments?.[0])) {
      const cls = langchain.get(n.expression.text)!;
      push(n, cls.kind, { langchain: cls });
    } else if (ts.isCallExpression(n)) {
      if (ts.isIdentifier(n.expression) && factories.has(n.expression.text)) {
        if (!aimedElsewhere(n.arguments[0])) {
          push(n, 'ai-sdk.provider', {});
          if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) createdProviders.add(parent.name.text);
        }
      } else calls.push(n);
    }
    ts.forEachChild(n, child => visit(child, n));
  };
  visit(sf, undefined);
  for (const call of calls) {
    const callee = call.expression;
    const providerName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : undefined;
    if (!providerName || !(defaultProviders.has(providerName) || createdProviders.has(providerName))) continue;
    const member = ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (member && !aiSdkMembers[member] && !aiSdkAudioMembers.has(member)) continue;
    push(call, 'ai-sdk.model', { aiSdk: { member, defaultProvider: defaultProviders.has(providerName) } });
  }
  return sites.sort((a, b) => a.start - b.start);
}

function finish(ctx: JsContext, site: JsSite, edits: TextEdit[], notes: Note[], needs: Need[]): SitePlan {
  return { site, edits: [...edits, ...markerEdits(ctx.text, enclosingStatement(site.node).getStart(ctx.sf), notes, '//')], notes, needs };
}

/** A model literal mapped to a Bedrock runtime id, or the expression kept with a note. */
function modelExpr(ctx: JsContext, expr: ts.Expression | undefined, fallback: string, notes: Note[]): string {
  if (!expr) {
    notes.push({ text: `no model was given (the OpenAI class's default): using ${fallback}`, manual: false });
    return quote(fallback, ctx.quote);
  }
  const name = stringValue(expr);
  if (name === undefined) {
    notes.push({ text: `model comes from \`${textOf(expr, ctx.sf)}\`: make sure it holds a Bedrock model id`, manual: true });
    return textOf(expr, ctx.sf);
  }
  const mapped = mapModel(name, 'openai', 'converse', ctx.options.modelMap);
  if (mapped) return quote(mapped, ctx.quote);
  if (!looksLikeBedrockId(name)) notes.push({ text: `no Bedrock model id known for '${name}': add one to the model map`, manual: true });
  return textOf(expr, ctx.sf);
}

export function planJsFramework(ctx: JsContext, site: JsFrameworkSite): SitePlan {
  const q = ctx.quote;
  const region = `region: ${quote(ctx.options.region, q)}`;
  const notes: Note[] = [];
  if (site.langchain) {
    const node = site.node as ts.NewExpression;
    const arg = node.arguments?.[0];
    if (arg && !ts.isObjectLiteralExpression(arg)) return finish(ctx, site, [], [{ text: `options come from an expression: construct ${site.langchain.target}({ model, region }) from @langchain/aws by hand`, manual: true }], []);
    const props = arg && ts.isObjectLiteralExpression(arg) ? arg.properties : ts.factory.createNodeArray<ts.ObjectLiteralElementLike>();
    if (props.some(p => !ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p))) return finish(ctx, site, [], [{ text: `options use spreads or methods: construct ${site.langchain.target}({ model, region }) by hand`, manual: true }], []);
    const modelProp = props.find(p => ['model', 'modelName', 'azureOpenAIApiDeploymentName', 'deploymentName'].includes(nameOf(p) ?? ''));
    const modelValue = modelProp && (ts.isPropertyAssignment(modelProp) ? modelProp.initializer : (modelProp as ts.ShorthandPropertyAssignment).name);
    const embeddings = site.langchain.kind === 'langchain.embeddings';
    const entries = [`model: ${modelExpr(ctx, modelValue, embeddings ? 'amazon.titan-embed-text-v2:0' : mapModel('gpt-4o-mini', 'openai', 'converse', ctx.options.modelMap)!, notes)}`, region];
    const dropped: string[] = [];
    for (const p of props) {
      if (p === modelProp) continue;
      const n = nameOf(p) ?? '';
      if (n === 'region') entries[1] = textOf(p, ctx.sf);
      else if (site.langchain.kept.includes(n)) entries.push(textOf(p, ctx.sf));
      else dropped.push(n);
    }
    if (dropped.length) notes.push({ text: `dropped ${dropped.join(', ')}: ${site.langchain.target} does not take ${dropped.length === 1 ? 'it' : 'them'} (credentials come from the AWS credential chain)`, manual: false });
    const layout = layoutOf(arg, node, ctx.sf);
    const argText = renderObject(entries, layout);
    const edits: TextEdit[] = [{ start: node.expression.getStart(ctx.sf), end: node.expression.getEnd(), newText: site.langchain.target }];
    if (arg) edits.push({ start: arg.getStart(ctx.sf), end: arg.getEnd(), newText: argText });
    else {
      const end = node.getEnd();
      edits.push(ctx.text.slice(node.getStart(ctx.sf), end).endsWith(')') ? { start: end - 1, end: end - 1, newText: argText } : { start: end, end, newText: `(${argText})` });
    }
    return finish(ctx, site, edits, notes, [`js-from:@langchain/aws:${site.langchain.target}`]);
  }
  const call = site.node as ts.CallExpression;
  if (site.kind === 'ai-sdk.provider') {
    const arg = call.arguments[0];
    const props = arg && ts.isObjectLiteralExpression(arg) ? arg.properties : undefined;
    if (arg && !props) return finish(ctx, site, [], [{ text: 'provider options come from an expression: use createAmazonBedrock({ region }) from @ai-sdk/amazon-bedrock by hand', manual: true }], []);
    const kept = (props ?? []).filter(p => ['headers', 'fetch', 'region'].includes(nameOf(p) ?? '')).map(p => textOf(p, ctx.sf));
    const dropped = (props ?? []).map(p => nameOf(p) ?? '?').filter(n => !['headers', 'fetch', 'region'].includes(n));
    if (dropped.length) notes.push({ text: `dropped ${dropped.join(', ')}: the Bedrock provider signs with the AWS credential chain (or AWS_BEARER_TOKEN_BEDROCK via apiKey)`, manual: false });
    const entries = kept.some(k => k.startsWith('region')) ? kept : [region, ...kept];
    const edits: TextEdit[] = [
      { start: call.expression.getStart(ctx.sf), end: call.expression.getEnd(), newText: 'createAmazonBedrock' },
      arg ? { start: arg.getStart(ctx.sf), end: arg.getEnd(), newText: renderObject(entries, layoutOf(arg, call, ctx.sf)) } : { start: call.getEnd() - 1, end: call.getEnd() - 1, newText: renderObject(entries, layoutOf(undefined, call, ctx.sf)) },
    ];
    return finish(ctx, site, edits, notes, ['js-from:@ai-sdk/amazon-bedrock:createAmazonBedrock']);
  }
  const ai = site.aiSdk!;
  if (aiSdkAudioMembers.has(ai.member)) return finish(ctx, site, [], [{ text: unsupportedNote('audio'), manual: true }], []);
  const target = aiSdkMembers[ai.member] ?? { member: '', what: 'chat' as const };
  const first = call.arguments[0];
  const fallback = target.what === 'embedding' ? 'amazon.titan-embed-text-v2:0' : target.what === 'image' ? 'amazon.nova-canvas-v1:0' : 'openai.gpt-oss-20b-1:0';
  if (!first) return finish(ctx, site, [], [{ text: 'no model id given: pass a Bedrock model id', manual: true }], []);
  const model = modelExpr(ctx, first, fallback, notes);
  const edits: TextEdit[] = [];
  const needs: Need[] = [];
  const callee = call.expression;
  const providerText = ts.isPropertyAccessExpression(callee) ? textOf(callee.expression, ctx.sf) : textOf(callee, ctx.sf);
  // `bedrock` is also the OpenAI SDK's provider (openai/providers/bedrock/aws): a file with OpenAI clients gets an alias
  const clash = ctx.scan.imports.some(i => i.source === 'openai') || /\bbedrock\b/.test(ctx.text.replace(/['"]@ai-sdk\/amazon-bedrock['"]/g, ''));
  const local = clash ? 'amazonBedrock' : 'bedrock';
  const provider = ai.defaultProvider ? local : providerText;
  if (ai.defaultProvider) needs.push(`js-from:@ai-sdk/amazon-bedrock:${clash ? 'bedrock as amazonBedrock' : 'bedrock'}`);
  const newCallee = target.member ? `${provider}.${target.member}` : provider;
  if (newCallee !== textOf(callee, ctx.sf)) edits.push({ start: callee.getStart(ctx.sf), end: callee.getEnd(), newText: newCallee });
  if (model !== textOf(first, ctx.sf)) edits.push({ start: first.getStart(ctx.sf), end: first.getEnd(), newText: model });
  if (call.arguments.length > 1) notes.push({ text: 'OpenAI model settings (second argument) differ from Bedrock\'s: check them', manual: false });
  return finish(ctx, site, edits, notes, needs);
}
