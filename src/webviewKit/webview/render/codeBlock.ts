import { highlightCode } from './codeHighlighter';
import { highlightedSpans } from './sanitize';

/** What a code block's toolbar offers; the host decides how each is carried out. */
export type CodeAction = 'copy' | 'insert' | 'replace' | 'newFile' | 'diff';

const ACTIONS: { action: CodeAction; label: string; icon: string }[] = [
  { action: 'copy', label: 'Copy code', icon: 'copy' },
  { action: 'insert', label: 'Insert code at cursor', icon: 'insert' },
  { action: 'replace', label: 'Replace selection with code', icon: 'replace' },
  { action: 'newFile', label: 'Open code in new editor', icon: 'new-file' },
  { action: 'diff', label: 'Apply code as diff', icon: 'diff' },
];

export function isCodeAction(value: string | undefined): value is CodeAction {
  return ACTIONS.some(a => a.action === value);
}

/** The fence's language from markdown-it's `language-xxx` class ('' when none). */
export function languageOf(code: Element): string {
  for (const c of code.classList) if (c.startsWith('language-')) return c.slice('language-'.length);
  return '';
}

/**
 * Wraps a `<pre><code>` in a figure-like block with a toolbar. Built with DOM calls, never from strings; the buttons
 * carry only `data-code-action`: one delegated listener on the message handles them all.
 */
export function wrapCodeBlock(pre: HTMLElement, language: string): HTMLElement {
  const block = document.createElement('div');
  block.className = 'md-code-block';
  const toolbar = document.createElement('div');
  toolbar.className = 'md-code-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', language ? `${language} code block actions` : 'Code block actions');
  const label = document.createElement('span');
  label.className = 'md-code-language';
  label.textContent = language;
  toolbar.append(label);
  for (const { action, label: text, icon } of ACTIONS) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'md-code-action';
    button.dataset.codeAction = action;
    button.setAttribute('aria-label', text);
    button.title = text;
    const glyph = document.createElement('span');
    glyph.className = `codicon codicon-${icon}`;
    glyph.setAttribute('aria-hidden', 'true');
    button.append(glyph);
    toolbar.append(button);
  }
  // code that scrolls sideways must be reachable by keyboard to scroll it
  pre.tabIndex = 0;
  pre.replaceWith(block);
  block.append(toolbar, pre);
  return block;
}

/** Replaces the code element's content with highlighted spans; leaves it as plain text if they fail the check. */
export function applyHighlight(code: HTMLElement, html: string): void {
  const spans = highlightedSpans(html);
  if (!spans) return;
  code.replaceChildren(spans);
  code.classList.add('hljs');
}

/** Highlights a finished code block once. */
export function highlightFinal(code: HTMLElement, language: string): void {
  const html = highlightCode(code.textContent ?? '', language);
  if (html !== undefined) applyHighlight(code, html);
}
