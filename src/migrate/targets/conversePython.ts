import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../model';
import { markerEdits, type Need, type Note, type SitePlan } from '../plan';
import { unwrapParens, type PySite } from '../python/callFinder';
import { accessChainAbove, callArgs, layoutOf, pyQuote, rewriteModel, statementOf, stringValue, type PyContext, type PyLayout } from '../python/syntax';
import { mapChatRequest, matchRead, reindent, stopReasonFor, stopReasonNote, type Out, type ResponseRead, type Val } from './converseRequest';
import { indentAt } from '../edits';
import { unsupportedNote } from '../sdkPaths';
import { planInvokeModelPython } from './invokeModelPython';

// Target B for Python: OpenAI calls become boto3 bedrock-runtime converse / converse_stream,
// and the response reads we can trace follow (boto3 returns plain dicts).

export function planConversePython(ctx: PyContext, site: PySite): SitePlan {
  if (site.raw) return manual(ctx, site, 'with_raw_response/with_streaming_response read OpenAI\'s HTTP response: boto3 returns ResponseMetadata (RequestId, HTTPStatusCode) in the converse result instead; rewrite by hand');
  switch (site.kind) {
    case 'unsupported': return manual(ctx, site, unsupportedNote(site.api));
    case 'chat.completions.runTools': return manual(ctx, site, 'runTools has no Converse counterpart: loop on converse with toolConfig and toolResult turns by hand, or keep this call on mantle');
    case 'client-construct': return construct(ctx, site);
    case 'chat.completions.create': return chat(ctx, site, 'chat');
    case 'responses.create': return site.streaming ? manual(ctx, site, 'streamed Responses events have no direct converse_stream translation: rewrite by hand or keep this call on mantle') : chat(ctx, site, 'responses');
    case 'legacy-v0':
      if (site.legacyResource === 'ChatCompletion') return chat(ctx, site, 'chat');
      return manual(ctx, site, site.legacyResource === 'Embedding'
        ? 'openai<1.0 embeddings: call invoke_model with amazon.titan-embed-text-v2:0 ({"inputText"} → {"embedding"})'
        : 'openai<1.0 completion API: rewrite as a converse call with one user message by hand');
    case 'embeddings.create':
    case 'images.generate': return planInvokeModelPython(ctx, site, text => manual(ctx, site, text));
    case 'beta.parse': return manual(ctx, site, 'structured-output parsing has no Converse helper: request JSON (or a tool) and validate it yourself');
    case 'chat.completions.stream': return manual(ctx, site, 'the stream helper\'s events differ from converse_stream: rewrite by hand');
    default: return manual(ctx, site, 'convert this call by hand');
  }
}

function manual(ctx: PyContext, site: PySite, text: string): SitePlan {
  const notes = [{ text, manual: true }];
  return { site, edits: markerEdits(ctx.text, statementOf(site.node).startIndex, notes, '#'), notes, needs: [] };
}

function construct(ctx: PyContext, site: PySite): SitePlan {
  const args = callArgs(site.node);
  const auth = ['api_key', 'base_url', 'organization', 'project'];
  const replaced = args.keywords.map(k => k.name).filter(n => auth.includes(n));
  const dropped = [...args.keywords.map(k => k.name).filter(n => !auth.includes(n)), ...args.other.map(o => o.text)];
  const notes: Note[] = [];
  if (replaced.length) notes.push({ text: `removed ${replaced.join(', ')}: boto3 signs with the AWS credential chain (or AWS_BEARER_TOKEN_BEDROCK)`, manual: false });
  if (dropped.length) notes.push({ text: `dropped client options ${dropped.join(', ')}: configure boto3 with botocore.config.Config (retries, timeouts)`, manual: false });
  if (site.async) notes.push({ text: 'boto3 is synchronous: awaited calls on this client run in asyncio.to_thread', manual: false });
  const q = ctx.quote;
  const client = `boto3.client(${pyQuote('bedrock-runtime', q)}, region_name=${pyQuote(ctx.options.region, q)})`;
  // `with OpenAI() as c:` closes the client at the end; botocore clients have close() but no context manager.
  let holder = site.node.parent;
  if (holder?.type === 'as_pattern') holder = holder.parent;
  const inWith = holder?.type === 'with_item';
  const edits: TextEdit[] = [{ start: site.node.startIndex, end: site.node.endIndex, newText: inWith ? `contextlib.closing(${client})` : client }];
  edits.push(...markerEdits(ctx.text, statementOf(site.node).startIndex, notes, '#'));
  return { site, edits, notes, needs: inWith ? ['py:boto3', 'py:contextlib'] : ['py:boto3'] };
}

export function toVal(node: Node, source: string): Val {
  const text = node.text;
  const indent = indentAt(source, node.startIndex);
  const n = unwrapParens(node);
  const multiline = n.startPosition.row !== n.endPosition.row;
  const str = stringValue(n);
  if (str !== undefined) return { text, str };
  if (n.type === 'identifier') return { text, ident: true };
  if (n.type === 'list' && !n.namedChildren.some(c => c?.type === 'list_splat')) return { text, list: n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').map(c => toVal(c, source)), multiline, indent };
  if (n.type === 'dictionary') {
    const dict = new Map<string, Val>();
    for (const c of n.namedChildren) {
      if (!c || c.type === 'comment') continue;
      const key = c.type === 'pair' ? stringValue(c.childForFieldName('key')) : undefined;
      const value = c.childForFieldName('value');
      if (key === undefined || !value) return { text, indent };
      dict.set(key, toVal(value, source));
    }
    return { text, dict, multiline, indent };
  }
  return { text, indent };
}

export function renderOut(out: Out, ctx: PyContext, layout: PyLayout, depth: number): string {
  const q = ctx.quote;
  const s = (v: string) => pyQuote(v, q);
  const at = (d: number) => layout.base + layout.unit.repeat(d);
  if ('raw' in out) return reindent(out.raw, out.indent, at(depth));
  if ('str' in out) return s(out.str);
  if ('runtime' in out) {
    const v = out.of;
    switch (out.runtime) {
      case 'system': return `[{${s('text')}: m[${s('content')}]} for m in ${v} if m[${s('role')}] in (${s('system')}, ${s('developer')})]`;
      case 'turns': return `[{${s('role')}: m[${s('role')}], ${s('content')}: [{${s('text')}: m[${s('content')}]}]} for m in ${v} if m[${s('role')}] in (${s('user')}, ${s('assistant')})]`;
      case 'tools': return `[{${s('toolSpec')}: {${s('name')}: t[${s('function')}][${s('name')}], ${s('description')}: t[${s('function')}].get(${s('description')}, ${s('')}), ${s('inputSchema')}: {${s('json')}: t[${s('function')}][${s('parameters')}]}}} for t in ${v}]`;
      case 'stop': return `([${v}] if isinstance(${v}, str) else ${v} or [])`;
    }
  }
  const items = 'list' in out
    ? out.list.map(i => renderOut(i, ctx, layout, depth + 1))
    : out.dict.map(([k, v]) => `${s(k)}: ${renderOut(v, ctx, layout, depth + 1)}`);
  const [open, close] = 'list' in out ? ['[', ']'] : ['{', '}'];
  const oneLine = `${open}${items.join(', ')}${close}`;
  const forced = 'list' in out && out.multiline;
  if (!layout.multiline || items.length === 0 || (!forced && !oneLine.includes('\n') && oneLine.length <= 80)) return oneLine;
  return `${open}\n${items.map(i => `${at(depth + 1)}${i},`).join('\n')}\n${at(depth)}${close}`;
}

function renderKwargs(entries: Array<[string, Out]>, ctx: PyContext, layout: PyLayout, lead: string[]): string {
  const flat = [...lead, ...entries.map(([k, v]) => `${k}=${renderOut(v, ctx, { ...layout, multiline: false }, 1)}`)];
  const oneLine = `(${flat.join(', ')})`;
  if (!layout.multiline && oneLine.length <= 100 && !oneLine.includes('\n')) return oneLine;
  layout = { ...layout, multiline: true };
  const parts = [...lead, ...entries.map(([k, v]) => `${k}=${renderOut(v, ctx, layout, 1)}`)];
  return `(\n${parts.map(p => `${layout.base}${layout.unit}${p},`).join('\n')}\n${layout.base})`;
}

function chat(ctx: PyContext, site: PySite, api: 'chat' | 'responses'): SitePlan {
  const call = site.node;
  const args = callArgs(call);
  // openai<1.0 resources and the openai>=1 module client have no client object: a module-level bedrock_runtime takes their place.
  const legacy = site.kind === 'legacy-v0' || !!site.moduleClient;
  if (args.other.length || (!site.clientNode && !legacy)) return manual(ctx, site, 'request arguments are positional or unpacked: build the converse arguments by hand');
  if (site.async && site.streaming) return manual(ctx, site, 'boto3 streams are synchronous: iterate converse_stream in a worker thread (asyncio.to_thread) by hand');
  const model = rewriteModel(ctx, args.keywords.find(k => k.name === 'model')?.value, 'openai', 'converse');
  const vals = new Map(args.keywords.map(k => [k.name, toVal(k.value, ctx.text)]));
  const request = mapChatRequest(vals, model.text, api);
  if (request.refuse) return manual(ctx, site, request.refuse);
  const notes: Note[] = [...model.notes, ...request.notes];
  const edits: TextEdit[] = model.edits.filter(e => e.end <= call.startIndex || e.start >= call.endIndex);
  const needs: Need[] = [];
  const client = legacy ? 'bedrock_runtime' : site.clientNode!.text;
  if (legacy) needs.push('py:legacy-runtime-client');
  const method = `${client}.${site.streaming ? 'converse_stream' : 'converse'}`;
  const layout = layoutOf(args.list, statementOf(call), ctx.text);
  const newCall = site.async ? `asyncio.to_thread${renderKwargs(request.entries, ctx, layout, [method])}` : `${method}${renderKwargs(request.entries, ctx, layout, [])}`;
  if (site.async) needs.push('py:asyncio');
  edits.push({ start: call.startIndex, end: call.endIndex, newText: newCall });
  const markers: Array<{ at: number; notes: Note[] }> = [{ at: statementOf(call).startIndex, notes }];
  traceResponse(ctx, call, site.streaming, api, edits, markers);
  for (const m of markers) edits.push(...markerEdits(ctx.text, m.at, m.notes, '#'));
  return { site, edits, notes: markers.flatMap(m => m.notes), needs };
}

function readSuffix(read: ResponseRead, q: string): string {
  const k = (...keys: Array<string | number>) => keys.map(key => `[${typeof key === 'number' ? key : pyQuote(key, q)}]`).join('');
  switch (read) {
    case 'text': return k('output', 'message', 'content', 0, 'text');
    case 'stopReason': return k('stopReason');
    case 'inputTokens': return k('usage', 'inputTokens');
    case 'outputTokens': return k('usage', 'outputTokens');
    case 'totalTokens': return k('usage', 'totalTokens');
    case 'deltaText': return `.get(${pyQuote('contentBlockDelta', q)}, {}).get(${pyQuote('delta', q)}, {}).get(${pyQuote('text', q)})`;
    case 'chunkStopReason': return `.get(${pyQuote('messageStop', q)}, {}).get(${pyQuote('stopReason', q)})`;
  }
}

/** Inside an f-string's braces, Python before 3.12 forbids the string's own quote: use the other one. */
function quoteInside(node: Node, preferred: string): string {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'string') {
      const start = p.namedChildren.find(c => c?.type === 'string_start')?.text ?? '';
      return start.endsWith('"') ? "'" : '"';
    }
    if (p.type === 'block' || p.type === 'module') break;
  }
  return preferred;
}

export function references(scope: Node, name: string, after: number): Node[] {
  return scope.descendantsOfType('identifier').filter((id): id is Node => {
    if (!id || id.text !== name || id.startIndex < after) return false;
    const p = id.parent;
    if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === id.id) return false;
    if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === id.id) return false;
    if (p?.type === 'assignment' && p.childForFieldName('left')?.id === id.id) return false;
    return true;
  });
}

export function scopeOf(node: Node): Node {
  let cur: Node | null = node.parent;
  while (cur && cur.type !== 'function_definition' && cur.type !== 'module') cur = cur.parent;
  return cur?.type === 'function_definition' ? cur.childForFieldName('body') ?? cur : cur ?? node;
}

function traceResponse(ctx: PyContext, call: Node, streaming: boolean, api: 'chat' | 'responses', edits: TextEdit[], markers: Array<{ at: number; notes: Note[] }>): void {
  let outer = call;
  while (outer.parent && (outer.parent.type === 'parenthesized_expression' || outer.parent.type === 'await')) outer = outer.parent;
  const mark = (node: Node, text: string) => markers.push({ at: statementOf(node).startIndex, notes: [{ text, manual: true }] });
  const what = api === 'responses' ? 'responsesApi' : 'response';
  const rewriteReads = (ref: Node, kind: 'response' | 'responsesApi' | 'chunk'): boolean => {
    const chain = accessChainAbove(ref);
    const match = matchRead(chain.map(c => c.step), kind);
    if (!match) return false;
    const last = chain[match.length - 1].node;
    edits.push({ start: ref.endIndex, end: last.endIndex, newText: readSuffix(match.read, quoteInside(ref, ctx.quote)) });
    if (match.read === 'stopReason' || match.read === 'chunkStopReason') {
      // `reason == "length"` can be translated; any other use of the value is only flagged.
      const cmp = last.parent;
      const operators = cmp?.type === 'comparison_operator' ? cmp.children.filter(c => c && !c.isNamed).map(c => c!.type) : [];
      const operands = cmp?.namedChildren.filter((c): c is Node => !!c) ?? [];
      const other = operands.length === 2 && operators.length === 1 && ['==', '!='].includes(operators[0]) ? operands.find(c => c.id !== last.id) : undefined;
      const literal = stringValue(other);
      const value = literal !== undefined ? stopReasonFor[literal] : undefined;
      const content = other?.namedChildren.find(c => c?.type === 'string_content');
      if (value && content) edits.push({ start: content.startIndex, end: content.endIndex, newText: value });
      else markers.push({ at: statementOf(ref).startIndex, notes: [stopReasonNote] });
    }
    return true;
  };
  const parent = outer.parent;
  const target = parent?.type === 'assignment' && parent.childForFieldName('right')?.id === outer.id ? parent.childForFieldName('left') : null;
  if (target?.type === 'identifier') {
    const name = target.text;
    for (const ref of references(scopeOf(parent!), name, parent!.endIndex)) {
      if (!streaming) {
        if (!rewriteReads(ref, what)) mark(ref, `\`${name}\` is used as an OpenAI response here: adapt it to the Converse response (["output"]["message"]["content"])`);
        continue;
      }
      const loop = ref.parent;
      const chunkNode = loop?.childForFieldName('left');
      if (loop?.type === 'for_statement' && loop.childForFieldName('right')?.id === ref.id && chunkNode?.type === 'identifier') {
        edits.push({ start: ref.endIndex, end: ref.endIndex, newText: `[${pyQuote('stream', ctx.quote)}]` });
        const body = loop.childForFieldName('body');
        for (const c of body ? references(body, chunkNode.text, body.startIndex) : []) {
          if (!rewriteReads(c, 'chunk')) mark(c, `\`${chunkNode.text}\` is an OpenAI stream chunk here: read converse_stream events (contentBlockDelta, messageStop, metadata) instead`);
        }
      } else {
        mark(ref, `\`${name}\` is used as an OpenAI stream here: iterate ${name}["stream"] for converse_stream events instead`);
      }
    }
    return;
  }
  if (!streaming && (parent?.type === 'attribute' || parent?.type === 'subscript') && rewriteReads(outer, what)) return;
  if (parent?.type === 'expression_statement') return;
  mark(outer, 'the Converse response flows on from here: adapt its readers (["output"]["message"]["content"][0]["text"]) by hand');
}
