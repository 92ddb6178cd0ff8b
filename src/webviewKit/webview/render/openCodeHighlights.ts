import { applyHighlight } from './codeBlock';
import { escapeHtml, highlightCode } from './codeHighlighter';
import type { Highlighter } from './decorate';

export const HIGHLIGHT_INTERVAL_MS = 250;

/**
 * Highlighting for code blocks inside the open tail (a fence inside a list item, say), which is re-rendered as it
 * grows. Highlighting a growing block on every frame would cost O(size) per frame; instead each block is highlighted
 * at most every 250 ms, and in between the last highlighted prefix is reused with the newer text appended plain, so
 * colours never flicker off.
 */
export class OpenCodeHighlights {
  private entries: ({ text: string; html: string; at: number } | undefined)[] = [];
  private now = 0;

  /** Blocks were closed: the indices of the open code blocks no longer match the cache. */
  clear(): void {
    this.entries = [];
  }

  highlighterAt(now: number): Highlighter {
    this.now = now;
    return this.highlight;
  }

  private readonly highlight: Highlighter = (code, language, index) => {
    const text = code.textContent ?? '';
    const entry = this.entries[index];
    if (entry && entry.text === text) {
      applyHighlight(code, entry.html);
    } else if (entry && this.now - entry.at < HIGHLIGHT_INTERVAL_MS && text.startsWith(entry.text)) {
      applyHighlight(code, entry.html + escapeHtml(text.slice(entry.text.length)));
    } else {
      const html = highlightCode(text, language);
      if (html === undefined) return;
      this.entries[index] = { text, html, at: this.now };
      applyHighlight(code, html);
    }
  };
}
