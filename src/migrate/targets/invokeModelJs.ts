import ts from 'typescript';
import type { TextEdit } from '../model';
import { markerEdits, type Note, type SitePlan } from '../plan';
import type { JsSite } from '../js/callFinder';
import type { JsContext } from '../js/context';
import { accessChainAbove, enclosingStatement, plainProperties, quote, referencesIn, stringValue, textOf, unwrapExpr } from '../js/syntax';
import { enclosingScope } from './converseJs';
import { embeddingsRequest, imageRequest, matchDataRead, type Body, type InvokePlan, type RequestArg } from './invokeModelRequest';

// Converse target, JS/TS: `await client.embeddings.create({...})` → Titan / Cohere embeddings and
// `await client.images.generate({...})` → Nova Canvas, through InvokeModelCommand on the
// BedrockRuntimeClient the construction became; traced reads of `.data[i].embedding` /
// `.data[i].b64_json` follow the new response.

export function planInvokeModelJs(ctx: JsContext, site: JsSite, manual: (text: string) => SitePlan): SitePlan {
  const call = site.node as ts.CallExpression;
  const embeddings = site.kind === 'embeddings.create';
  const what = embeddings ? 'embeddings on Bedrock: InvokeModelCommand with amazon.titan-embed-text-v2:0 ({ inputText } → { embedding })' : 'images on Bedrock: InvokeModelCommand with amazon.nova-canvas-v1:0 (taskType TEXT_IMAGE → base64 images)';
  const arg = call.arguments[0];
  const props = arg && ts.isObjectLiteralExpression(arg) ? plainProperties(arg) : undefined;
  const awaited = ts.isAwaitExpression(call.parent) ? call.parent : undefined;
  if (!props || !site.clientExpr || site.raw) return manual(`${what}; the request here cannot be rewritten automatically`);
  if (!awaited) return manual(`${what}; the call is not awaited where it is made, so its result cannot be decoded in place`);
  const q = ctx.quote;
  const values = new Map<string, RequestArg>([...props].map(([k, p]) => {
    const v = unwrapExpr(ts.isPropertyAssignment(p) ? p.initializer : p.name);
    return [k, { text: textOf(v, ctx.sf), str: stringValue(v), list: ts.isArrayLiteralExpression(v) }];
  }));
  const plan = (embeddings ? embeddingsRequest : imageRequest)(values, ctx.options.modelMap, s => quote(s, q));
  if ('refuse' in plan) return manual(`${what}: ${plan.refuse}`);
  const client = textOf(site.clientExpr, ctx.sf);
  const send = `await ${client}.send(new InvokeModelCommand({ modelId: ${quote(plan.modelId, q)}, body: JSON.stringify(${renderBody(plan.body)}) }))`;
  const edits: TextEdit[] = [{ start: awaited.getStart(ctx.sf), end: awaited.getEnd(), newText: `JSON.parse(new TextDecoder().decode((${send}).body))` }];
  const markers: Array<{ at: number; notes: Note[] }> = [{ at: enclosingStatement(call).getStart(ctx.sf), notes: [...plan.notes] }];
  const blocked = traceReads(ctx, awaited, plan, edits, markers);
  if (blocked) return manual(`${what}: ${blocked}`);
  for (const m of markers) edits.push(...markerEdits(ctx.text, m.at, m.notes, '//'));
  return { site, edits, notes: markers.flatMap(m => m.notes), needs: ['js:InvokeModelCommand'] };
}

function renderBody(body: Body): string {
  return `{ ${body.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : renderBody(v)}`).join(', ')} }`;
}

function traceReads(ctx: JsContext, outer: ts.Expression, plan: InvokePlan, edits: TextEdit[], markers: Array<{ at: number; notes: Note[] }>): string | undefined {
  const sf = ctx.sf;
  let blocked: string | undefined;
  const mark = (node: ts.Node, text: string) => markers.push({ at: enclosingStatement(node).getStart(sf), notes: [{ text, manual: true }] });
  const rewrite = (ref: ts.Expression): boolean => {
    const chain = accessChainAbove(ref);
    const m = matchDataRead(chain.map(c => c.step), plan);
    if (!m) return false;
    if ('unreadable' in m) { blocked = m.unreadable; return true; }
    const suffix = plan.read.keys.map(k => (k === '{i}' ? `[${m.index}]` : `.${k}`)).join('');
    edits.push({ start: ref.getEnd(), end: chain[m.length - 1].expr.getEnd(), newText: suffix });
    return true;
  };
  const newShape = plan.read.keys[0] === 'images' ? '.images[i] (base64)' : plan.read.keys[0] === 'embeddings' ? '.embeddings[i]' : '.embedding';
  let top: ts.Expression = outer;
  while (ts.isParenthesizedExpression(top.parent)) top = top.parent;
  const decl = top.parent;
  if (ts.isVariableDeclaration(decl) && decl.initializer === top && ts.isIdentifier(decl.name)) {
    for (const ref of referencesIn(enclosingScope(decl), decl.name.text, decl.getEnd())) {
      if (!rewrite(ref)) mark(ref, `\`${decl.name.text}\` is read as an OpenAI response here: the InvokeModel response is ${newShape}`);
    }
    return blocked;
  }
  if ((ts.isPropertyAccessExpression(top.parent) || ts.isElementAccessExpression(top.parent)) && rewrite(top)) return blocked;
  if (ts.isExpressionStatement(top.parent)) return blocked;
  mark(top, `the InvokeModel response flows on from here: it is ${newShape}; adapt its readers by hand`);
  return blocked;
}
