import ts from 'typescript';
import type { TextEdit } from '../model';
import { markerEdits, type Note, type SitePlan } from '../plan';
import type { JsSite } from '../js/callFinder';
import { rewriteModel, type JsContext } from '../js/context';
import { enclosingStatement, layoutOf, plainProperties, propName, quote, renderObject, textOf } from '../js/syntax';
import { argumentsEdit } from './mantleJs';

// Anthropic code on the runtime family: the SDK's own AnthropicBedrock client
// (@anthropic-ai/bedrock-sdk) with the same messages API, so only the client and model ids change.

const replacedOptions = ['apiKey', 'authToken', 'baseURL'];

export function planAnthropicBedrockJs(ctx: JsContext, site: JsSite): SitePlan {
  const notes: Note[] = [];
  const edits: TextEdit[] = [];
  const statement = enclosingStatement(site.node).getStart(ctx.sf);
  if (site.kind === 'anthropic-construct') {
    const node = site.node as ts.NewExpression;
    const arg = node.arguments?.[0];
    if (arg && (!ts.isObjectLiteralExpression(arg) || !plainProperties(arg))) {
      notes.push({ text: 'client options come from an expression: construct AnthropicBedrock({ awsRegion }) by hand', manual: true });
      return { site, edits: markerEdits(ctx.text, statement, notes, '//'), notes, needs: [] };
    }
    const props = arg && ts.isObjectLiteralExpression(arg) ? arg.properties : [];
    const kept = props.filter(p => !replacedOptions.includes(propName(p) ?? '')).map(p => textOf(p, ctx.sf));
    const removed = props.map(p => propName(p) ?? '').filter(n => replacedOptions.includes(n));
    notes.push({ text: `${removed.length ? `removed ${removed.join(', ')}: ` : ''}AnthropicBedrock signs with AWS credentials or AWS_BEARER_TOKEN_BEDROCK (add @anthropic-ai/bedrock-sdk)`, manual: false });
    const args = renderObject([`awsRegion: ${quote(ctx.options.region, ctx.quote)}`, ...kept], layoutOf(arg, node, ctx.sf));
    edits.push({ start: node.expression.getStart(ctx.sf), end: node.expression.getEnd(), newText: 'AnthropicBedrock' }, argumentsEdit(ctx, node, args));
    edits.push(...markerEdits(ctx.text, statement, notes, '//'));
    return { site, edits, notes, needs: ['js:AnthropicBedrock'] };
  }
  const call = site.node as ts.CallExpression;
  const arg = call.arguments[0];
  const props = arg && ts.isObjectLiteralExpression(arg) ? plainProperties(arg) : undefined;
  const modelProp = props?.get('model');
  const model = props
    ? rewriteModel(ctx, modelProp && (ts.isPropertyAssignment(modelProp) ? modelProp.initializer : modelProp.name), 'anthropic', 'converse')
    : { edits: [], notes: [{ text: 'request is not an object literal: map its model to a Bedrock id by hand', manual: true }] };
  edits.push(...model.edits);
  notes.push(...model.notes);
  edits.push(...markerEdits(ctx.text, statement, notes, '//'));
  return { site, edits, notes, needs: [] };
}
