import ts from 'typescript';
import type { LanguageSupport } from '../languageSupport';
import type { Site, TextEdit } from '../model';
import { keepDroppedComments, type CommentSpan, type Need, type SitePlan } from '../plan';
import { planAnthropicBedrockJs } from '../targets/anthropicBedrockJs';
import { planConverseJs } from '../targets/converseJs';
import { planMantleJs } from '../targets/mantleJs';
import { parseJs, scanJs, type JsSite } from './callFinder';
import type { JsContext } from './context';
import { importEdits, removeUnusedModuleImports, removeUnusedSdkImports } from './imports';
import { jsFileNameFor } from '../language';
import { findJsFrameworkSites, frameworkModules, planJsFramework, type JsFrameworkSite } from './frameworks';
import { enclosingStatement, firstSyntaxProblem, quoteOf, syntaxErrors } from './syntax';

export const jsLanguage: LanguageSupport = {
  find(text, fileNameOrId) {
    const fileName = jsFileNameFor(fileNameOrId);
    const sf = parseJs(text, fileName, false);
    return [...scanJs(text, fileName, sf).sites, ...findJsFrameworkSites(sf)].sort((a, b) => a.start - b.start);
  },
  open(text, fileNameOrId, options) {
    const fileName = jsFileNameFor(fileNameOrId);
    const sf = parseJs(text, fileName);
    const scan = scanJs(text, fileName, sf);
    let quote: string | undefined;
    let comments: CommentSpan[] | undefined;
    const ctx: JsContext = { text, fileName, sf, scan, options, get quote() { return quote ??= quoteOf(sf); } };
    return {
      sites: [...scan.sites, ...findJsFrameworkSites(sf)].sort((a, b) => a.start - b.start),
      plan(site: Site): SitePlan {
        const s = site as JsSite;
        const plan = (s as JsFrameworkSite).langchain || s.kind.startsWith('ai-sdk.') ? planJsFramework(ctx, s as JsFrameworkSite) : options.target === 'mantle' ? planMantleJs(ctx, s) : s.source === 'openai' ? planConverseJs(ctx, s) : planAnthropicBedrockJs(ctx, s);
        return keepDroppedComments(text, plan, enclosingStatement(s.node).getStart(sf), () => (comments ??= commentsOf(sf)));
      },
      filePlan(accepted) {
        // Typed parameters and fields holding an OpenAI client now hold the runtime client.
        if (options.target !== 'converse' || !accepted.some(p => p.site.source === 'openai')) return { edits: [], needs: [] };
        const edits: TextEdit[] = [];
        const visit = (n: ts.Node): void => {
          if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName) && scan.classNames.get(n.typeName.text) === 'openai') {
            edits.push({ start: n.typeName.getStart(sf), end: n.typeName.getEnd(), newText: 'BedrockRuntimeClient' });
          }
          ts.forEachChild(n, visit);
        };
        visit(sf);
        const needs: Need[] = edits.length ? ['js:BedrockRuntimeClient'] : [];
        return { edits, needs };
      },
      importEdits: needs => importEdits(ctx, needs),
      syntaxError: () => firstSyntaxProblem(sf),
      dispose() { /* nothing held outside the JS heap */ },
    };
  },
  parses: (text, fileName) => syntaxErrors(text, jsFileNameFor(fileName)) === 0,
  syntaxError: (text, fileNameOrId) => { const fileName = jsFileNameFor(fileNameOrId); return firstSyntaxProblem(parseJs(text, fileName, false)); },
  tidy(raw, fileNameOrId, options) {
    const fileName = jsFileNameFor(fileNameOrId);
    const text = removeUnusedModuleImports(raw, fileName, frameworkModules);
    // mantle keeps the SDK: only the Azure class it replaced with OpenAI can go
    if (options.target !== 'converse') return removeUnusedSdkImports(text, fileName, new Set(['openai']), (t, sf) => scanJs(t, fileName, sf), new Set(['AzureOpenAI']));
    const from = options.from ?? 'openai';
    const sources = new Set<'openai' | 'anthropic'>(from === 'all' ? ['openai', 'anthropic'] : [from]);
    return removeUnusedSdkImports(text, fileName, sources, (t, sf) => scanJs(t, fileName, sf));
  },
};

/**
 * Every comment in the file, found where TypeScript finds them: in the trivia around each token
 * (getChildren includes punctuation, so a comment after a comma is seen too).
 */
function commentsOf(sf: ts.SourceFile): CommentSpan[] {
  const seen = new Map<number, CommentSpan>();
  const add = (pos: number, end: number) => { if (!seen.has(pos)) seen.set(pos, { start: pos, end, text: sf.text.slice(pos, end) }); };
  const visit = (n: ts.Node): void => {
    ts.forEachLeadingCommentRange(sf.text, n.pos, add);
    ts.forEachTrailingCommentRange(sf.text, n.end, add);
    if (n.kind !== ts.SyntaxKind.JSDoc) for (const child of n.getChildren(sf)) visit(child);
  };
  visit(sf);
  return [...seen.values()].sort((a, b) => a.start - b.start);
}
