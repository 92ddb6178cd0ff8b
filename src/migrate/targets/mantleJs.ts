import ts from 'typescript';
import { mantleAnthropicBaseURL, mantleOpenAIBaseURL } from '../modelMap';
import type { TextEdit } from '../model';
import { markerEdits, type Need, type Note, type SitePlan } from '../plan';
import type { JsSite } from '../js/callFinder';
import { rewriteModel, type JsContext } from '../js/context';
import { enclosingStatement, layoutOf, plainProperties, propName, quote, renderObject, textOf } from '../js/syntax';
import { openAIHasProviders, unsupportedParams } from './compatibility';
import { unsupportedNote } from '../sdkPaths';

// Target A for JS/TS: keep the vendor SDK, point the client at Bedrock, map model names.

/** Options the Bedrock provider refuses next to itself, or that only mean something to OpenAI. */
const openAIOptionsReplacedByProvider = ['apiKey', 'baseURL', 'organization', 'adminAPIKey', 'workloadIdentity', 'dataResidency'];
/** Without the provider only the key and endpoint change. */
const fallbackReplaced = ['apiKey', 'baseURL'];
/** AzureOpenAI's own options: Bedrock has no deployments or API versions. */
const azureOptions = ['endpoint', 'apiVersion', 'deployment', 'azureADTokenProvider'];
const anthropicOptionsReplaced = ['apiKey', 'authToken', 'baseURL'];

export function planMantleJs(ctx: JsContext, site: JsSite): SitePlan {
  if (site.kind === 'unsupported') return finish(ctx, site, [], [{ text: unsupportedNote(site.api), manual: true }], []);
  if (site.kind === 'client-construct') return constructOpenAI(ctx, site);
  if (site.kind === 'anthropic-construct') return constructAnthropic(ctx, site);
  const call = site.node as ts.CallExpression;
  const notes: Note[] = [];
  const edits: TextEdit[] = [];
  if (site.kind === 'embeddings.create' || site.kind === 'images.generate') {
    notes.push({ text: site.kind === 'embeddings.create'
      ? 'Bedrock\'s OpenAI-compatible endpoints do not serve embeddings: call InvokeModel on bedrock-runtime (e.g. amazon.titan-embed-text-v2:0)'
      : 'Bedrock\'s OpenAI-compatible endpoints do not generate images: call InvokeModel on bedrock-runtime (e.g. amazon.nova-canvas-v1:0)', manual: true });
    return finish(ctx, site, edits, notes, []);
  }
  const arg = call.arguments[0];
  const literal = arg && (ts.isObjectLiteralExpression(arg) ? arg : ts.isIdentifier(arg) ? constObjectNamed(arg.text, call) : undefined);
  const props = literal ? plainProperties(literal) : undefined;
  if (!props) {
    notes.push({ text: 'request is not an object literal: map its model to a Bedrock id by hand', manual: true });
    return finish(ctx, site, edits, notes, []);
  }
  const modelProp = props.get('model');
  const model = rewriteModel(ctx, modelProp && (ts.isPropertyAssignment(modelProp) ? modelProp.initializer : modelProp.name), site.source, 'mantle');
  edits.push(...model.edits);
  notes.push(...model.notes);
  for (const name of props.keys()) {
    const why = unsupportedParams(site.kind)[name];
    if (why) notes.push({ text: `'${name}' ${why}`, manual: false });
  }
  return finish(ctx, site, edits, notes, []);
}

function finish(ctx: JsContext, site: JsSite, edits: TextEdit[], notes: Note[], needs: Need[]): SitePlan {
  const statement = enclosingStatement(site.node);
  return { site, edits: [...edits, ...markerEdits(ctx.text, statement.getStart(ctx.sf), notes, '//')], notes, needs };
}

function constructOpenAI(ctx: JsContext, site: JsSite): SitePlan {
  const node = site.node as ts.NewExpression;
  const arg = node.arguments?.[0];
  if (arg && !ts.isObjectLiteralExpression(arg)) {
    return finish(ctx, site, [], [{ text: 'client options come from an expression: add provider: bedrock({ region }) and drop apiKey/baseURL by hand', manual: true }], []);
  }
  const props = arg ? plainProperties(arg) : new Map();
  if (!props) return finish(ctx, site, [], [{ text: 'client options use spreads or computed keys: add provider: bedrock({ region }) by hand', manual: true }], []);
  if (props.has('provider')) return finish(ctx, site, [], [], []);
  const baseURL = props.get('baseURL');
  if (baseURL && /bedrock-(mantle|runtime)/.test(textOf(baseURL, ctx.sf))) return finish(ctx, site, [], [], []);

  const q = ctx.quote;
  const withProvider = openAIHasProviders('js', ctx.options.openaiVersion);
  const callee = node.expression;
  const azure = (ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '') === 'AzureOpenAI';
  const replaced = [...(withProvider ? openAIOptionsReplacedByProvider : fallbackReplaced), ...(azure ? azureOptions : [])];
  const kept = (arg?.properties ?? []).filter(p => !replaced.includes(propName(p) ?? '')).map(p => textOf(p, ctx.sf));
  const removed = (arg?.properties ?? []).map(p => propName(p) ?? '').filter(n => replaced.includes(n));
  const layout = layoutOf(arg, node, ctx.sf);
  const notes: Note[] = [];
  const needs: Need[] = [];
  let entries: string[];
  if (withProvider) {
    entries = [`provider: bedrock({ region: ${quote(ctx.options.region, q)} })`, ...kept];
    needs.push('js:openai-bedrock-provider');
    if (removed.length) notes.push({ text: `removed ${removed.join(', ')}: the Bedrock provider supplies credentials (AWS_BEARER_TOKEN_BEDROCK or the AWS credential chain) and the endpoint`, manual: false });
  } else {
    entries = [`baseURL: ${quote(mantleOpenAIBaseURL(ctx.options.region), q)}`, `apiKey: process.env[${quote('AWS_BEARER_TOKEN_BEDROCK', q)}]`, ...kept];
    notes.push({ text: `openai ${ctx.options.openaiVersion} predates the SDK's Bedrock provider (6.45.0): using the mantle base URL with a Bedrock API key from AWS_BEARER_TOKEN_BEDROCK${removed.length ? ` (replacing ${removed.join(', ')})` : ''}; upgrade openai to use IAM credentials`, manual: false });
  }
  const edits = [argumentsEdit(ctx, node, renderObject(entries, layout))];
  if (azure) {
    // `new AzureOpenAI(…)` becomes `new OpenAI(…)`: the OpenAI class takes the provider, AzureOpenAI insists on an endpoint.
    const name = ts.isIdentifier(callee) ? callee : (callee as ts.PropertyAccessExpression).name;
    const local = ts.isIdentifier(callee) ? [...ctx.scan.classNames].find(([n, s]) => s === 'openai' && n === 'OpenAI')?.[0] ?? 'OpenAI' : 'OpenAI';
    edits.push({ start: name.getStart(ctx.sf), end: name.getEnd(), newText: local });
    if (ts.isIdentifier(callee) && !ctx.scan.classNames.has('OpenAI')) needs.push('js:OpenAI');
    notes.push({ text: 'AzureOpenAI became OpenAI with the Bedrock provider: Azure deployment names are not Bedrock model ids, so check each call\'s model', manual: false });
  }
  return finish(ctx, site, edits, notes, needs);
}

function constructAnthropic(ctx: JsContext, site: JsSite): SitePlan {
  const node = site.node as ts.NewExpression;
  const arg = node.arguments?.[0];
  if (arg && !ts.isObjectLiteralExpression(arg)) {
    return finish(ctx, site, [], [{ text: 'client options come from an expression: set baseURL to mantle\'s /anthropic and authToken to a Bedrock API key by hand', manual: true }], []);
  }
  const props = arg ? plainProperties(arg) : new Map();
  if (!props) return finish(ctx, site, [], [{ text: 'client options use spreads or computed keys: set baseURL and authToken by hand', manual: true }], []);
  const baseURL = props.get('baseURL');
  if (baseURL && /bedrock-mantle/.test(textOf(baseURL, ctx.sf))) return finish(ctx, site, [], [], []);
  const q = ctx.quote;
  const kept = (arg?.properties ?? []).filter(p => !anthropicOptionsReplaced.includes(propName(p) ?? '')).map(p => textOf(p, ctx.sf));
  // The mantle Messages endpoint takes a Bedrock API key as a bearer token; apiKey: null stops the SDK sending ANTHROPIC_API_KEY too.
  const removed = (arg?.properties ?? []).map(p => propName(p) ?? '').filter(n => anthropicOptionsReplaced.includes(n));
  const notes: Note[] = removed.length ? [{ text: `removed ${removed.join(', ')}: mantle takes a Bedrock API key as the bearer authToken`, manual: false }] : [];
  const entries = [`baseURL: ${quote(mantleAnthropicBaseURL(ctx.options.region), q)}`, 'apiKey: null', `authToken: process.env[${quote('AWS_BEARER_TOKEN_BEDROCK', q)}]`, ...kept];
  return finish(ctx, site, [argumentsEdit(ctx, node, renderObject(entries, layoutOf(arg, node, ctx.sf)))], notes, []);
}

/** Replaces the first argument of `new X(...)`, or supplies one to `new X()` / `new X`. */
export function argumentsEdit(ctx: JsContext, node: ts.NewExpression, newArg: string): TextEdit {
  const arg = node.arguments?.[0];
  if (arg) return { start: arg.getStart(ctx.sf), end: arg.getEnd(), newText: newArg };
  const end = node.getEnd();
  return ctx.sf.text.slice(node.getStart(ctx.sf), end).endsWith(')') ? { start: end - 1, end: end - 1, newText: newArg } : { start: end, end, newText: `(${newArg})` };
}

/**
 * The object literal a `const params = { … }` in an enclosing block gives the request, so
 * `create(params)` maps its model where it is written. Only for const bindings: anything that
 * can be reassigned is not followed.
 */
function constObjectNamed(name: string, from: ts.Node): ts.ObjectLiteralExpression | undefined {
  for (let scope: ts.Node | undefined = from.parent; scope; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue;
    for (const st of scope.statements) {
      if (!ts.isVariableStatement(st) || !(st.declarationList.flags & ts.NodeFlags.Const) || st.getStart() > from.getStart()) continue;
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) {
          const init = d.initializer;
          const inner = ts.isAsExpression(init) || ts.isSatisfiesExpression(init) ? init.expression : init;
          return ts.isObjectLiteralExpression(inner) ? inner : undefined;
        }
      }
    }
  }
  return undefined;
}
