import ts from 'typescript';
import { looksLikeBedrockId, mapModel } from '../modelMap';
import type { MigrateOptions, MigrationTarget, SourceSdk, TextEdit } from '../model';
import type { Note } from '../plan';
import type { JsScan } from './callFinder';
import { quote, stringValue, textOf, unwrapExpr } from './syntax';

export interface JsContext {
  text: string;
  fileName: string;
  sf: ts.SourceFile;
  scan: JsScan;
  options: MigrateOptions & { region: string };
  quote: string;
}

export interface ModelRewrite {
  edits: TextEdit[];
  notes: Note[];
  /** The expression to write where the model goes (the mapped literal, or the original expression). */
  text: string;
}

/**
 * Maps the model argument through the model table: a literal in place, or the string a
 * file-level `const MODEL = '…'` holds, so every call that uses the constant follows.
 */
export function rewriteModel(ctx: JsContext, expr: ts.Expression | undefined, source: SourceSdk, target: MigrationTarget): ModelRewrite {
  if (!expr) return { edits: [], notes: [{ text: 'no model given: pass a Bedrock model id', manual: true }], text: quote('', ctx.quote) };
  const inner = unwrapExpr(expr);
  let literal: ts.Expression | undefined = stringValue(inner) !== undefined ? inner : undefined;
  if (!literal && ts.isIdentifier(inner)) {
    for (const st of ctx.sf.statements) {
      if (!ts.isVariableStatement(st) || !(st.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === inner.text && d.initializer && stringValue(d.initializer) !== undefined) literal = unwrapExpr(d.initializer);
      }
    }
  }
  const original = textOf(expr, ctx.sf);
  if (!literal) return { edits: [], notes: [{ text: `model comes from \`${original}\`: make sure it holds a Bedrock model id`, manual: true }], text: original };
  const name = stringValue(literal)!;
  const mapped = mapModel(name, source, target, ctx.options.modelMap);
  if (mapped === undefined) {
    if (looksLikeBedrockId(name)) return { edits: [], notes: [], text: original };
    return { edits: [], notes: [{ text: `no Bedrock model id known for '${name}': add one to the model map`, manual: true }], text: original };
  }
  if (mapped === name) return { edits: [], notes: [], text: original };
  const q = ctx.sf.text[literal.getStart(ctx.sf)] === '"' ? '"' : ctx.sf.text[literal.getStart(ctx.sf)] === '`' ? '`' : "'";
  const newText = quote(mapped, q === '`' ? ctx.quote : q);
  const edit = { start: literal.getStart(ctx.sf), end: literal.getEnd(), newText };
  return { edits: [edit], notes: [], text: literal === inner ? newText : original };
}

