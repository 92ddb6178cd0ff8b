import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../model';
import { markerEdits, type Need, type Note, type SitePlan } from '../plan';
import { unwrapParens, type PySite } from '../python/callFinder';
import { accessChainAbove, callArgs, pyQuote, statementOf, stringValue, type PyContext } from '../python/syntax';
import { references, scopeOf } from './conversePython';
import { embeddingsRequest, imageRequest, matchDataRead, type Body, type InvokePlan, type RequestArg } from './invokeModelRequest';

// Converse target, Python: `client.embeddings.create(...)` → Titan / Cohere embeddings and
// `client.images.generate(...)` → Nova Canvas, both through boto3's invoke_model, with the reads
// of `.data[i].embedding` / `.data[i].b64_json` that can be traced rewritten to the new response.

export function planInvokeModelPython(ctx: PyContext, site: PySite, manual: (text: string) => SitePlan): SitePlan {
  const call = site.node;
  const args = callArgs(call);
  const embeddings = site.kind === 'embeddings.create';
  const what = embeddings ? 'embeddings on Bedrock: invoke_model with amazon.titan-embed-text-v2:0 ({"inputText"} → {"embedding"})' : 'images on Bedrock: invoke_model with amazon.nova-canvas-v1:0 (taskType TEXT_IMAGE → base64 images)';
  if (args.other.length || !site.clientNode || site.moduleClient) return manual(`${what}; the request or client here cannot be rewritten automatically`);
  if (site.async) return manual(`${what}; boto3 is synchronous: run invoke_model in asyncio.to_thread by hand`);
  const q = ctx.quote;
  const values = new Map<string, RequestArg>(args.keywords.map(k => {
    const v = unwrapParens(k.value);
    return [k.name, { text: k.value.text, str: stringValue(v), list: v.type === 'list' }];
  }));
  const plan = (embeddings ? embeddingsRequest : imageRequest)(values, ctx.options.modelMap, s => pyQuote(s, q));
  if ('refuse' in plan) return manual(`${what}: ${plan.refuse}`);
  const client = site.clientNode.text;
  const newCall = `json.loads(${client}.invoke_model(modelId=${pyQuote(plan.modelId, q)}, body=json.dumps(${renderBody(plan.body, q)}))[${pyQuote('body', q)}].read())`;
  const edits: TextEdit[] = [{ start: call.startIndex, end: call.endIndex, newText: newCall }];
  const markers: Array<{ at: number; notes: Note[] }> = [{ at: statementOf(call).startIndex, notes: [...plan.notes] }];
  const blocked = traceReads(ctx, call, plan, edits, markers);
  // a read with no counterpart (an image URL) would leave code that fails: the call stays as it was
  if (blocked) return manual(`${what}: ${blocked}`);
  for (const m of markers) edits.push(...markerEdits(ctx.text, m.at, m.notes, '#'));
  const needs: Need[] = ['py:json'];
  return { site, edits, notes: markers.flatMap(m => m.notes), needs };
}

function renderBody(body: Body, q: string): string {
  return `{${body.map(([k, v]) => `${pyQuote(k, q)}: ${typeof v === 'string' ? v : renderBody(v, q)}`).join(', ')}}`;
}

/** Rewrites the reads it can follow; returns why the rewrite must not happen when a read has no counterpart. */
function traceReads(ctx: PyContext, call: Node, plan: InvokePlan, edits: TextEdit[], markers: Array<{ at: number; notes: Note[] }>): string | undefined {
  let blocked: string | undefined;
  const q = ctx.quote;
  const mark = (node: Node, text: string) => markers.push({ at: statementOf(node).startIndex, notes: [{ text, manual: true }] });
  const rewrite = (ref: Node): boolean => {
    const chain = accessChainAbove(ref);
    const m = matchDataRead(chain.map(c => c.step), plan);
    if (!m) return false;
    if ('unreadable' in m) { blocked = m.unreadable; return true; }
    const suffix = plan.read.keys.map(k => `[${k === '{i}' ? m.index : pyQuote(k, q)}]`).join('');
    edits.push({ start: ref.endIndex, end: chain[m.length - 1].node.endIndex, newText: suffix });
    return true;
  };
  const parent = call.parent;
  const target = parent?.type === 'assignment' && parent.childForFieldName('right')?.id === call.id ? parent.childForFieldName('left') : null;
  const newShape = plan.read.keys[0] === 'images' ? '["images"][i] (base64)' : plan.read.keys[0] === 'embeddings' ? '["embeddings"][i]' : '["embedding"]';
  if (target?.type === 'identifier') {
    for (const ref of references(scopeOf(parent!), target.text, parent!.endIndex)) {
      if (!rewrite(ref)) mark(ref, `\`${target.text}\` is read as an OpenAI response here: the InvokeModel response is ${newShape}`);
    }
    return blocked;
  }
  if ((parent?.type === 'attribute' || parent?.type === 'subscript') && rewrite(call)) return blocked;
  if (parent?.type === 'expression_statement') return blocked;
  mark(call, `the InvokeModel response flows on from here: it is ${newShape}; adapt its readers by hand`);
  return blocked;
}
