import ts from 'typescript';
import type { TextEdit } from '../model';
import { markerEdits, type Note, type SitePlan } from '../plan';
import type { JsSite } from '../js/callFinder';
import { rewriteModel, type JsContext } from '../js/context';
import { accessChainAbove, enclosingStatement, layoutOf, plainProperties, propName, quote, referencesIn, textOf, unwrapExpr, type Layout } from '../js/syntax';
import { mapChatRequest, matchRead, reindent, stopReasonFor, stopReasonNote, type Out, type ResponseRead, type Val } from './converseRequest';
import { indentAt } from '../edits';
import { unsupportedNote } from '../sdkPaths';
import { planInvokeModelJs } from './invokeModelJs';

// Target B for JS/TS: OpenAI calls become @aws-sdk/client-bedrock-runtime ConverseCommand /
// ConverseStreamCommand sends, and the response reads we can trace follow.

export function planConverseJs(ctx: JsContext, site: JsSite): SitePlan {
  if (site.raw) return manual(ctx, site, '.withResponse()/.asResponse() read OpenAI\'s HTTP response: the AWS SDK returns $metadata (requestId, httpStatusCode) on the ConverseCommand output instead; rewrite by hand');
  switch (site.kind) {
    case 'unsupported': return manual(ctx, site, unsupportedNote(site.api));
    case 'chat.completions.runTools': return manual(ctx, site, 'runTools has no Converse counterpart: loop on ConverseCommand with toolConfig and toolResult turns by hand, or keep this call on mantle');
    case 'client-construct': return construct(ctx, site);
    case 'chat.completions.create': return chat(ctx, site, 'chat');
    case 'responses.create': return site.streaming ? manual(ctx, site, 'streamed Responses events have no direct ConverseStream translation: rewrite by hand or keep this call on mantle') : chat(ctx, site, 'responses');
    case 'embeddings.create':
    case 'images.generate': return planInvokeModelJs(ctx, site, text => manual(ctx, site, text));
    case 'beta.parse': return manual(ctx, site, 'structured-output parsing has no Converse helper: request JSON (or a tool) and validate it yourself');
    case 'chat.completions.stream': return manual(ctx, site, 'the stream helper\'s events differ from ConverseStream: rewrite with ConverseStreamCommand by hand');
    default: return manual(ctx, site, 'convert this call by hand');
  }
}

function manual(ctx: JsContext, site: JsSite, text: string): SitePlan {
  const notes = [{ text, manual: true }];
  return { site, edits: markerEdits(ctx.text, enclosingStatement(site.node).getStart(ctx.sf), notes, '//'), notes, needs: [] };
}

function construct(ctx: JsContext, site: JsSite): SitePlan {
  const node = site.node as ts.NewExpression;
  const arg = node.arguments?.[0];
  const dropped = arg && ts.isObjectLiteralExpression(arg) ? arg.properties.map(p => propName(p) ?? textOf(p, ctx.sf)).filter(n => !['apiKey', 'baseURL', 'organization', 'project'].includes(n)) : arg ? [textOf(arg, ctx.sf)] : [];
  const replaced = arg && ts.isObjectLiteralExpression(arg) ? arg.properties.map(p => propName(p) ?? '').filter(n => ['apiKey', 'baseURL', 'organization', 'project'].includes(n)) : [];
  const notes: Note[] = [];
  if (replaced.length) notes.push({ text: `removed ${replaced.join(', ')}: the AWS SDK signs with the AWS credential chain (or AWS_BEARER_TOKEN_BEDROCK)`, manual: false });
  if (dropped.length) notes.push({ text: `dropped client options ${dropped.join(', ')}: BedrockRuntimeClient takes its own (maxAttempts, requestHandler)`, manual: false });
  const edits: TextEdit[] = [{ start: node.getStart(ctx.sf), end: node.getEnd(), newText: `new BedrockRuntimeClient({ region: ${quote(ctx.options.region, ctx.quote)} })` }];
  edits.push(...markerEdits(ctx.text, enclosingStatement(node).getStart(ctx.sf), notes, '//'));
  return { site, edits, notes, needs: ['js:BedrockRuntimeClient'] };
}

export function toVal(expr: ts.Expression, sf: ts.SourceFile): Val {
  const e = unwrapExpr(expr);
  const text = textOf(expr, sf);
  const multiline = (n: ts.Node) => text.includes('\n') && sf.getLineAndCharacterOfPosition(n.getStart(sf)).line !== sf.getLineAndCharacterOfPosition(n.getEnd()).line;
  const indent = indentAt(sf.text, expr.getStart(sf));
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { text, str: e.text };
  if (ts.isIdentifier(e)) return { text, ident: true };
  if (ts.isArrayLiteralExpression(e) && !e.elements.some(ts.isSpreadElement)) return { text, list: e.elements.map(x => toVal(x, sf)), multiline: multiline(e), indent };
  if (ts.isObjectLiteralExpression(e)) {
    const props = plainProperties(e);
    if (props) return { text, dict: new Map([...props].map(([k, p]) => [k, toVal(ts.isPropertyAssignment(p) ? p.initializer : p.name, sf)])), multiline: multiline(e), indent };
  }
  return { text, indent };
}

const jsKey = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`);

export function renderOut(out: Out, ctx: JsContext, layout: Layout, depth: number): string {
  const at = (d: number) => layout.base + layout.unit.repeat(d);
  if ('raw' in out) return reindent(out.raw, out.indent, at(depth));
  if ('str' in out) return quote(out.str, ctx.quote);
  if ('runtime' in out) {
    const v = out.of;
    switch (out.runtime) {
      case 'system': return `${v}.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => ({ text: String(m.content) }))`.replace(/'/g, ctx.quote);
      case 'turns': return `${v}.filter((m) => m.role === 'user' || m.role === 'assistant').map((m) => ({ role: m.role, content: [{ text: String(m.content) }] }))`.replace(/'/g, ctx.quote);
      case 'tools': return `${v}.map((t) => ({ toolSpec: { name: t.function.name, description: t.function.description, inputSchema: { json: t.function.parameters } } }))`;
      case 'stop': return `(typeof ${v} === 'string' ? [${v}] : ${v} ?? [])`;
    }
  }
  const items = 'list' in out
    ? out.list.map(i => renderOut(i, ctx, layout, depth + 1))
    : out.dict.map(([k, v]) => `${jsKey(k)}: ${renderOut(v, ctx, layout, depth + 1)}`);
  const [open, close] = 'list' in out ? ['[', ']'] : ['{ ', ' }'];
  const oneLine = items.length ? `${open}${items.join(', ')}${close}` : 'list' in out ? '[]' : '{}';
  const forced = 'list' in out && out.multiline;
  if (!layout.multiline || items.length === 0 || (!forced && !oneLine.includes('\n') && oneLine.length <= 80)) return oneLine;
  return `${open.trim()}\n${items.map(i => `${at(depth + 1)}${i},`).join('\n')}\n${at(depth)}${close.trim()}`;
}

function renderRequest(entries: Array<[string, Out]>, ctx: JsContext, layout: Layout): string {
  const flat = entries.map(([k, v]) => `${jsKey(k)}: ${renderOut(v, ctx, { ...layout, multiline: false }, 1)}`);
  const oneLine = `{ ${flat.join(', ')} }`;
  if (!layout.multiline && oneLine.length <= 100 && !oneLine.includes('\n')) return oneLine;
  layout = { ...layout, multiline: true };
  const lines = entries.map(([k, v]) => `${jsKey(k)}: ${renderOut(v, ctx, layout, 1)}`);
  return `{\n${lines.map(l => `${layout.base}${layout.unit}${l},`).join('\n')}\n${layout.base}}`;
}

function chat(ctx: JsContext, site: JsSite, api: 'chat' | 'responses'): SitePlan {
  const call = site.node as ts.CallExpression;
  const arg = call.arguments[0];
  const props = arg && ts.isObjectLiteralExpression(arg) ? plainProperties(arg) : undefined;
  if (!props || !site.clientExpr) return manual(ctx, site, 'the request is not an object literal: build the ConverseCommand input by hand');
  const modelProp = props.get('model');
  const model = rewriteModel(ctx, modelProp && (ts.isPropertyAssignment(modelProp) ? modelProp.initializer : modelProp.name), 'openai', 'converse');
  const vals = new Map([...props].map(([k, p]) => [k, toVal(ts.isPropertyAssignment(p) ? p.initializer : p.name, ctx.sf)]));
  const request = mapChatRequest(vals, model.text, api);
  if (request.refuse) return manual(ctx, site, request.refuse);
  const notes: Note[] = [...model.notes, ...request.notes];
  // A mapped literal inside the call is written into the new call; only a constant elsewhere is edited where it stands.
  const edits: TextEdit[] = model.edits.filter(e => e.end <= call.getStart(ctx.sf) || e.start >= call.getEnd());
  const command = site.streaming ? 'ConverseStreamCommand' : 'ConverseCommand';
  const layout = layoutOf(arg, enclosingStatement(call), ctx.sf);
  const client = textOf(site.clientExpr, ctx.sf);
  edits.push({ start: call.getStart(ctx.sf), end: call.getEnd(), newText: `${client}.send(new ${command}(${renderRequest(request.entries, ctx, layout)}))` });
  const markers: Array<{ at: number; notes: Note[] }> = [{ at: enclosingStatement(call).getStart(ctx.sf), notes }];
  traceResponse(ctx, call, site.streaming, api, edits, markers);
  for (const m of markers) edits.push(...markerEdits(ctx.text, m.at, m.notes, '//'));
  return { site, edits, notes: markers.flatMap(m => m.notes), needs: [command === 'ConverseCommand' ? 'js:ConverseCommand' : 'js:ConverseStreamCommand'] };
}

/** What follows the response (or chunk) expression to read the same thing from Converse. */
function readSuffix(read: ResponseRead): string {
  switch (read) {
    case 'text': return '.output?.message?.content?.[0]?.text';
    case 'stopReason': return '.stopReason';
    case 'inputTokens': return '.usage?.inputTokens';
    case 'outputTokens': return '.usage?.outputTokens';
    case 'totalTokens': return '.usage?.totalTokens';
    case 'deltaText': return '.contentBlockDelta?.delta?.text';
    case 'chunkStopReason': return '.messageStop?.stopReason';
  }
}

/** Rewrites reads of the response (or of stream chunks) we can follow; marks the other uses. */
function traceResponse(ctx: JsContext, call: ts.CallExpression, streaming: boolean, api: 'chat' | 'responses', edits: TextEdit[], markers: Array<{ at: number; notes: Note[] }>): void {
  const sf = ctx.sf;
  let outer: ts.Expression = call;
  while (ts.isParenthesizedExpression(outer.parent) || ts.isAwaitExpression(outer.parent)) outer = outer.parent as ts.Expression;
  const mark = (node: ts.Node, text: string) => markers.push({ at: enclosingStatement(node).getStart(sf), notes: [{ text, manual: true }] });
  const what = api === 'responses' ? 'responsesApi' : 'response';
  const rewriteReads = (ref: ts.Expression, kind: 'response' | 'responsesApi' | 'chunk'): boolean => {
    const chain = accessChainAbove(ref);
    const match = matchRead(chain.map(c => c.step), kind);
    if (!match) return false;
    const last = chain[match.length - 1].expr;
    edits.push({ start: ref.getEnd(), end: last.getEnd(), newText: readSuffix(match.read) });
    if (match.read === 'stopReason' || match.read === 'chunkStopReason') {
      // `reason === 'length'` can be translated; any other use of the value is only flagged.
      const cmp = last.parent;
      const isEq = cmp && ts.isBinaryExpression(cmp) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(cmp.operatorToken.kind);
      const other = isEq ? (cmp.left === last ? cmp.right : cmp.left) : undefined;
      const value = other && ts.isStringLiteral(other) ? stopReasonFor[other.text] : undefined;
      if (other && value) edits.push({ start: other.getStart(sf) + 1, end: other.getEnd() - 1, newText: value });
      else markers.push({ at: enclosingStatement(ref).getStart(sf), notes: [stopReasonNote] });
    }
    return true;
  };

  const decl = outer.parent;
  if (ts.isVariableDeclaration(decl) && decl.initializer === outer && ts.isIdentifier(decl.name)) {
    const name = decl.name.text;
    const scope = enclosingScope(decl);
    for (const ref of referencesIn(scope, name, decl.getEnd())) {
      if (!streaming) {
        if (!rewriteReads(ref, what)) mark(ref, `\`${name}\` is used as an OpenAI response here: adapt it to the Converse response (output.message.content)`);
        continue;
      }
      const loop = ref.parent;
      if (ts.isForOfStatement(loop) && loop.expression === ref && loop.awaitModifier && ts.isVariableDeclarationList(loop.initializer) && ts.isIdentifier(loop.initializer.declarations[0]?.name)) {
        edits.push({ start: ref.getStart(sf), end: ref.getEnd(), newText: `${name}.stream ?? []` });
        const chunk = (loop.initializer.declarations[0].name as ts.Identifier).text;
        for (const c of referencesIn(loop.statement, chunk, loop.statement.getStart(sf))) {
          if (!rewriteReads(c, 'chunk')) mark(c, `\`${chunk}\` is an OpenAI stream chunk here: read ConverseStream events (contentBlockDelta, messageStop, metadata) instead`);
        }
      } else {
        mark(ref, `\`${name}\` is used as an OpenAI stream here: iterate ${name}.stream for ConverseStream events instead`);
      }
    }
    return;
  }
  if (!streaming && (ts.isPropertyAccessExpression(outer.parent) || ts.isElementAccessExpression(outer.parent)) && rewriteReads(outer, what)) return;
  if (ts.isExpressionStatement(outer.parent)) return;
  mark(outer, 'the Converse response flows on from here: adapt its readers (output.message.content[0].text) by hand');
}

export function enclosingScope(node: ts.Node): ts.Node {
  let cur: ts.Node = node;
  while (cur.parent && !ts.isBlock(cur.parent) && !ts.isSourceFile(cur.parent)) cur = cur.parent;
  return cur.parent ?? cur;
}

