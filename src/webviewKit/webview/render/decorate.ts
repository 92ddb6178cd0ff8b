import { languageOf, wrapCodeBlock } from './codeBlock';
import { safeImageSrc, safeLinkUrl } from './linkPolicy';

/** How a code block's `<code>` gets its colours: once for good, or throttled while its block is still streaming. */
export type Highlighter = (code: HTMLElement, language: string, index: number) => void;

/**
 * Turns sanitised markdown HTML into what the chat shows: links that open through the host, images only when inline,
 * code blocks with a toolbar. Runs on a detached fragment, before it is inserted. Code blocks are numbered from
 * `firstIndex` (the highlighter's cache key); returns how many there were.
 */
export function decorateFragment(fragment: DocumentFragment, highlight: Highlighter, firstIndex = 0): number {
  for (const a of Array.from(fragment.querySelectorAll('a'))) decorateLink(a);
  for (const img of Array.from(fragment.querySelectorAll('img'))) decorateImage(img);
  let index = firstIndex;
  for (const code of Array.from(fragment.querySelectorAll('pre > code'))) {
    const pre = code.parentElement as HTMLElement;
    const language = languageOf(code);
    highlight(code as HTMLElement, language, index++);
    wrapCodeBlock(pre, language);
  }
  return index - firstIndex;
}

/**
 * No `href` stays in the DOM: a click can never navigate the webview, even if a listener failed to attach. The URL
 * sits in `data-href` and the delegated listener re-validates it before asking the host to open it.
 */
function decorateLink(a: HTMLAnchorElement): void {
  const url = safeLinkUrl(a.getAttribute('href'));
  a.removeAttribute('href');
  if (!url) {
    a.replaceWith(...Array.from(a.childNodes)); // keep the text, drop the link
    return;
  }
  a.dataset.href = url;
  a.setAttribute('role', 'link');
  a.tabIndex = 0;
  a.classList.add('md-link');
  if (!a.title) a.title = url;
}

/** Remote images would be blocked by the CSP (and leak the user's address): show them as a link instead. */
function decorateImage(img: HTMLImageElement): void {
  if (safeImageSrc(img.getAttribute('src'))) return;
  const url = safeLinkUrl(img.getAttribute('src'));
  const label = img.alt || url || 'image';
  if (!url) {
    img.replaceWith(document.createTextNode(label));
    return;
  }
  const a = document.createElement('a');
  a.textContent = label;
  a.setAttribute('href', url);
  img.replaceWith(a);
  decorateLink(a);
}
