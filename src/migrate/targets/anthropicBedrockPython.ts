import type { TextEdit } from '../model';
import type { Need, Note, SitePlan } from '../plan';
import type { PySite } from '../python/callFinder';
import { callArgs, layoutOf, pyQuote, renderArgs, rewriteModel, statementOf, type PyContext } from '../python/syntax';
import { finishPy } from './mantlePython';

// Anthropic code on the runtime family: the SDK's own AnthropicBedrock / AsyncAnthropicBedrock
// clients keep the messages API, so only the client and the model ids change.

const replacedOptions = ['api_key', 'auth_token', 'base_url'];

export function planAnthropicBedrockPython(ctx: PyContext, site: PySite): SitePlan {
  const notes: Note[] = [];
  const edits: TextEdit[] = [];
  const needs: Need[] = [];
  const args = callArgs(site.node);
  if (site.kind === 'anthropic-construct') {
    if (args.other.length) return finishPy(ctx, site, [], [{ text: 'client options are positional or unpacked: construct AnthropicBedrock(aws_region=...) by hand', manual: true }], []);
    const kept = args.keywords.filter(k => !replacedOptions.includes(k.name)).map(k => k.node.text);
    const removed = args.keywords.filter(k => replacedOptions.includes(k.name)).map(k => k.name);
    notes.push({ text: `${removed.length ? `removed ${removed.join(', ')}: ` : ''}AnthropicBedrock signs with AWS credentials or AWS_BEARER_TOKEN_BEDROCK (install anthropic[bedrock])`, manual: false });
    const fn = site.node.childForFieldName('function')!;
    const className = site.async ? 'AsyncAnthropicBedrock' : 'AnthropicBedrock';
    if (fn.type === 'attribute') {
      const attr = fn.childForFieldName('attribute')!;
      edits.push({ start: attr.startIndex, end: attr.endIndex, newText: className });
    } else {
      edits.push({ start: fn.startIndex, end: fn.endIndex, newText: className });
      needs.push(site.async ? 'py:AsyncAnthropicBedrock' : 'py:AnthropicBedrock');
    }
    const entries = [`aws_region=${pyQuote(ctx.options.region, ctx.quote)}`, ...kept];
    edits.push({ start: args.list!.startIndex, end: args.list!.endIndex, newText: renderArgs(entries, layoutOf(args.list, statementOf(site.node), ctx.text)) });
    return finishPy(ctx, site, edits, notes, needs);
  }
  const model = args.keywords.find(k => k.name === 'model');
  if (!model && args.other.length) return finishPy(ctx, site, [], [{ text: 'request arguments are unpacked: map the model to a Bedrock id by hand', manual: true }], []);
  const rewrite = rewriteModel(ctx, model?.value, 'anthropic', 'converse');
  return finishPy(ctx, site, rewrite.edits, rewrite.notes, []);
}
