import DOMPurify from 'dompurify';

/**
 * Every HTML string that reaches the DOM (markdown-it output, highlight.js output) goes through here. markdown-it
 * already runs with `html: false`, so this is the second wall: only the tags markdown-it emits, no styles, forms,
 * SVG or MathML, no data-/aria- attributes from the string, links only http/https/mailto, images only `data:`.
 * A private DOMPurify instance keeps this configuration away from any other user of the library in the page.
 */
const purifier = DOMPurify(window);

const CONFIG = {
  ALLOWED_TAGS: ['a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'li',
    'ol', 'p', 'pre', 's', 'span', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul'],
  ALLOWED_ATTR: ['href', 'src', 'alt', 'title', 'class', 'start'],
  // `start` (ordered list number) is not a URL; without this DOMPurify would test it against the URL pattern.
  ADD_URI_SAFE_ATTR: ['start'],
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  RETURN_DOM_FRAGMENT: true as const,
};

/** Classes markdown-it and highlight.js produce; anything else in a class attribute is dropped. */
const SAFE_CLASS = /^(?:hljs(?:-[a-z0-9_-]+)?|language-[a-z0-9_+#.-]+|md-[a-z0-9-]+|[a-z_]+_)$/i;

purifier.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName === 'class') {
    data.attrValue = data.attrValue.split(/\s+/).filter(c => SAFE_CLASS.test(c)).join(' ');
  }
});

export function sanitizeToFragment(html: string): DocumentFragment {
  return purifier.sanitize(html, CONFIG);
}
