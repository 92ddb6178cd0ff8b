import DOMPurify from 'dompurify';
import { safeImageSrc } from './linkPolicy';

/**
 * Every HTML string markdown-it produces goes through DOMPurify before it reaches the DOM. markdown-it already runs
 * with `html: false`, so this is the second wall: only the tags markdown-it emits, no styles, forms, SVG or MathML,
 * no data-/aria- attributes from the string, links only http/https/mailto, images only `data:`.
 * A private DOMPurify instance with its configuration set once keeps it away from any other user of the library in
 * the page and avoids re-parsing the configuration on every call (a third of DOMPurify's cost on small inputs).
 */
const purifier = DOMPurify(window);

purifier.setConfig({
  ALLOWED_TAGS: ['a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'li',
    'ol', 'p', 'pre', 's', 'span', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul'],
  ALLOWED_ATTR: ['href', 'src', 'alt', 'title', 'class', 'start'],
  // `start` (ordered list number) is not a URL; without this DOMPurify would test it against the URL pattern.
  ADD_URI_SAFE_ATTR: ['start'],
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  RETURN_DOM_FRAGMENT: true,
});

/** Classes markdown-it and highlight.js produce (`hljs-title function_`); anything else in a class is dropped. */
export const SAFE_CLASS = /^(?:hljs(?:-[a-z0-9_-]+)?|language-[a-z0-9_+#.-]+|md-[a-z0-9-]+|[a-z]+_)$/i;

purifier.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName === 'class') {
    data.attrValue = data.attrValue.split(/\s+/).filter(c => SAFE_CLASS.test(c)).join(' ');
  }
  // Images only from inline data (markdown-it's renderer already turns remote images into links).
  if (data.attrName === 'src' && !safeImageSrc(data.attrValue)) data.keepAttr = false;
});

export function sanitizeToFragment(html: string): DocumentFragment {
  return purifier.sanitize(html) as unknown as DocumentFragment;
}

/**
 * Sanitises several blocks in one DOMPurify call (its per-call cost dominates small inputs, and a frame may close
 * several blocks and re-render the tail). markdown-it's HTML is balanced, so a separator element between blocks stays
 * at the top level; model output cannot produce it (raw HTML is off and markdown-it never writes this class). If the
 * separators do not come back where expected, each block is sanitised on its own.
 */
export function sanitizeBlocks(htmls: string[]): DocumentFragment[] {
  if (htmls.length <= 1) return htmls.map(sanitizeToFragment);
  const all = sanitizeToFragment(htmls.join(SEPARATOR));
  // Fragments of the sanitiser's own inert document: nothing is adopted into the page (where an image would start
  // loading) before the caller has decorated it.
  const owner = all.ownerDocument;
  const fragments: DocumentFragment[] = [owner.createDocumentFragment()];
  for (const node of Array.from(all.childNodes)) {
    if (node.nodeName === 'HR' && (node as Element).className === SEPARATOR_CLASS) fragments.push(owner.createDocumentFragment());
    else fragments[fragments.length - 1].append(node);
  }
  return fragments.length === htmls.length ? fragments : htmls.map(sanitizeToFragment);
}

const SEPARATOR_CLASS = 'md-block-boundary';
const SEPARATOR = `<hr class="${SEPARATOR_CLASS}">`;

/** An inert document: parsing into it runs no script, loads no image and fires no event handler. */
const inert = document.implementation.createHTMLDocument('');

/**
 * highlight.js output, checked rather than sanitised: hljs escapes every piece of code text and adds only
 * `<span class="hljs-…">`, so anything else means something is wrong and the caller shows the code as plain text.
 * (A strict allowlist check is all this needs; DOMPurify's general walk would cost more than the highlighting.)
 */
export function highlightedSpans(html: string): DocumentFragment | undefined {
  const holder = inert.createElement('div');
  holder.innerHTML = html;
  for (const el of Array.from(holder.querySelectorAll('*'))) {
    if (el.tagName !== 'SPAN') return undefined;
    for (const attr of Array.from(el.attributes)) {
      if (attr.name !== 'class' || !attr.value.split(/\s+/).every(c => SAFE_CLASS.test(c))) return undefined;
    }
  }
  const fragment = document.createDocumentFragment();
  fragment.append(...Array.from(document.adoptNode(holder).childNodes));
  return fragment;
}
