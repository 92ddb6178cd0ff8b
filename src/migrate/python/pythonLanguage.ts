import type { LanguageSupport } from '../languageSupport';
import type { Site } from '../model';
import type { Node } from 'web-tree-sitter';
import { keepDroppedComments, type SitePlan } from '../plan';
import { planAnthropicBedrockPython } from '../targets/anthropicBedrockPython';
import { planConversePython } from '../targets/conversePython';
import { planMantlePython } from '../targets/mantlePython';
import { scanPython, type PySite } from './callFinder';
import { importEdits, removeUnusedSdkImports } from './imports';
import { parsePython } from './parser';
import { findPythonSites } from './siteSearch';
import { findFrameworkSites, planFrameworkPython, removeUnusedFrameworkImports, type FrameworkSite } from './frameworks';
import { firstSyntaxProblem, parsesPython, quoteOf, statementOf, type PyContext } from './syntax';

export const pythonLanguage: LanguageSupport = {
  find: text => findPythonSites(text),
  open(text, _fileName, options) {
    const tree = parsePython(text);
    const scan = scanPython(tree);
    const ctx: PyContext = { text, tree, scan, options, quote: quoteOf(tree.rootNode) };
    return {
      sites: [...scan.sites, ...findFrameworkSites(tree)].sort((a, b) => a.start - b.start),
      plan(site: Site): SitePlan {
        const s = site as PySite;
        const plan = 'framework' in s ? planFrameworkPython(ctx, s as FrameworkSite) : options.target === 'mantle' ? planMantlePython(ctx, s) : s.source === 'openai' ? planConversePython(ctx, s) : planAnthropicBedrockPython(ctx, s);
        const comments = () => tree.rootNode.descendantsOfType('comment').filter((c): c is Node => !!c).map(c => ({ start: c.startIndex, end: c.endIndex, text: c.text }));
        return keepDroppedComments(text, plan, statementOf(s.node).startIndex, comments);
      },
      filePlan(accepted) {
        // Parameters and attributes annotated with an OpenAI client class now receive a boto3 client.
        if (options.target !== 'converse' || !accepted.some(p => p.site.source === 'openai')) return { edits: [], needs: [] };
        const edits = tree.rootNode.descendantsOfType('type').filter((t): t is Node => !!t).flatMap(t => {
          const inner = t.namedChildren[0];
          const name = inner?.type === 'string' ? inner.text.slice(1, -1) : inner?.text;
          return inner && name && scan.classNames.get(name)?.source === 'openai' ? [{ start: inner.startIndex, end: inner.endIndex, newText: 'BaseClient' }] : [];
        });
        return { edits, needs: edits.length ? ['py:BaseClient'] : [] };
      },
      importEdits: needs => importEdits(ctx, needs),
      syntaxError: () => firstSyntaxProblem(tree),
      dispose: () => tree.delete(),
    };
  },
  syntaxError(text) {
    const tree = parsePython(text);
    try { return firstSyntaxProblem(tree); } finally { tree.delete(); }
  },
  parses(text) {
    const tree = parsePython(text);
    try { return parsesPython(tree); } finally { tree.delete(); }
  },
  tidy(raw, _fileName, options) {
    const text = removeUnusedFrameworkImports(raw);
    // mantle keeps the SDK: only the Azure classes it replaced with OpenAI/AsyncOpenAI can go
    if (options.target !== 'converse') return removeUnusedSdkImports(text, new Set(['openai']), new Set(['AzureOpenAI', 'AsyncAzureOpenAI']));
    const from = options.from ?? 'openai';
    return removeUnusedSdkImports(text, new Set<'openai' | 'anthropic'>(from === 'all' ? ['openai', 'anthropic'] : [from]));
  },
};
