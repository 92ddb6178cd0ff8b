import { applyHighlight, wrapCodeBlock } from './codeBlock';
import { highlightCode } from './codeHighlighter';
import { isClosingFence, type OpenFence } from './blockSplitter';
import { HIGHLIGHT_INTERVAL_MS } from './openCodeHighlights';

/**
 * The display of a fenced code block whose closing fence has not arrived. Code is literal, so nothing needs parsing:
 * new text is appended to a text node (O(delta) per frame, however long the block gets) and the block is re-highlighted
 * at most every 250 ms. When the closing line arrives the stream renders the block once, for good, through markdown-it.
 */
export class OpenFenceView {
  readonly element: HTMLElement;
  private readonly code: HTMLElement;
  private readonly language: string;
  private tailText = document.createTextNode('');
  /** Absolute offsets in the reply. */
  private readonly contentStart: number;
  private shownUpTo: number;
  private scanFrom: number;
  private highlightedUpTo: number;
  private lastHighlightAt = -Infinity;

  constructor(private readonly fence: OpenFence, contentStart: number, text: string) {
    // Same language rule as markdown-it's fence renderer: the first word of the info string.
    this.language = fence.info.trim().split(/\s+/)[0] ?? '';
    this.contentStart = contentStart;
    const pre = document.createElement('pre');
    this.code = document.createElement('code');
    if (/^[\w+#.-]+$/.test(this.language)) this.code.className = `language-${this.language}`;
    pre.append(this.code);
    this.element = wrapCodeBlock(pre, this.language);
    this.code.append(this.tailText);
    this.shownUpTo = this.scanFrom = this.highlightedUpTo = contentStart;
    this.update(text, -Infinity);
  }

  /**
   * Shows text up to `text.length`. Returns false, showing nothing new, when a newly completed line closes the fence:
   * the caller then renders the finished block through markdown-it.
   */
  update(text: string, now: number): boolean {
    for (let nl = text.indexOf('\n', this.scanFrom); nl !== -1; nl = text.indexOf('\n', this.scanFrom)) {
      if (isClosingFence(text.slice(this.scanFrom, nl + 1), this.fence.marker)) return false;
      this.scanFrom = nl + 1;
    }
    if (text.length > this.shownUpTo) {
      this.tailText.appendData(text.slice(this.shownUpTo));
      this.shownUpTo = text.length;
    }
    if (this.highlightPending && now - this.lastHighlightAt >= HIGHLIGHT_INTERVAL_MS) {
      const html = highlightCode(text.slice(this.contentStart, this.shownUpTo), this.language);
      if (html !== undefined) {
        applyHighlight(this.code, html);
        this.tailText = document.createTextNode('');
        this.code.append(this.tailText);
      }
      this.highlightedUpTo = this.shownUpTo;
      this.lastHighlightAt = now;
    }
    return true;
  }

  /** Text is shown that has not been highlighted yet (the caller keeps frames coming until it has). */
  get highlightPending(): boolean {
    return this.highlightedUpTo < this.shownUpTo && !!this.language;
  }
}
