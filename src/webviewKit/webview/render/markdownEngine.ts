import MarkdownIt, { type StateCore, type Token } from 'markdown-it';

/**
 * The one markdown-it instance of the webview. Raw HTML is off (model output is untrusted), links in plain text are
 * linkified, and table alignment becomes a class instead of a `style` attribute so the sanitiser can forbid styles and
 * the CSP needs no 'unsafe-inline'.
 */
export type MarkdownEnv = StateCore['env'];

/** Characters handed to markdown-it since load: the incrementality test asserts this stays linear in the reply. */
export const markdownWork = { charsParsed: 0, parses: 0 };

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

md.core.ruler.after('block', 'alignment_classes', state => {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') continue;
    const style = token.attrGet('style');
    const align = typeof style === 'string' ? /^text-align:(left|right|center)$/.exec(style)?.[1] : undefined;
    if (!token.attrs || !align) continue;
    token.attrs = token.attrs.filter(([name]) => name !== 'style');
    token.attrJoin('class', `md-align-${align}`);
  }
});

/**
 * Remote images become links: the webview's CSP blocks remote content anyway, and an image request would tell a third
 * party that (and when) the user read the answer. Only inline raster images stay images.
 */
const renderImage = md.renderer.rules.image;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const src = String(token.attrGet('src') ?? '');
  if (/^data:image\/(?:png|gif|jpeg|webp);/i.test(src) && renderImage) return renderImage(tokens, idx, options, env, self);
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  return `<a href="${md.utils.escapeHtml(src)}">${md.utils.escapeHtml(alt || src)}</a>`;
};

export function parseMarkdown(src: string, env: MarkdownEnv): Token[] {
  markdownWork.charsParsed += src.length;
  markdownWork.parses++;
  return md.parse(src, env);
}

export function renderTokens(tokens: Token[], env: MarkdownEnv): string {
  return md.renderer.render(tokens, md.options, env);
}

export function renderMarkdown(src: string, env: MarkdownEnv): string {
  return renderTokens(parseMarkdown(src, env), env);
}
