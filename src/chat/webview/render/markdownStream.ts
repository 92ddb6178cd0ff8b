import { splitTail, type TailSplit } from './blockSplitter';
import { highlightFinal } from './codeBlock';
import { decorateFragment, type Highlighter } from './decorate';
import { morphNodes } from './domMorph';
import { renderMarkdown, renderTokens, type MarkdownEnv } from './markdownEngine';
import { OpenCodeHighlights } from './openCodeHighlights';
import { OpenFenceView } from './openFenceView';
import { sanitizeBlocks, sanitizeToFragment } from './sanitize';
import { StreamText } from './streamText';

/**
 * The open tail is re-parsed when it has grown by at least half its length since its last parse (so the markdown-it
 * work per streamed character stays bounded by a constant however long a list or table gets), or when 100 ms have
 * passed (so a slow stream still updates ~10 times a second). Small tails therefore re-render on every frame.
 */
const TAIL_GROWTH_FACTOR = 2;
const TAIL_REPARSE_INTERVAL_MS = 100;
/**
 * Deltas are applied on an animation frame, but not on every one: each applied frame costs style and layout on top
 * of the script, and a fast stream (2,000 tokens/s) gains nothing readable from 60 updates a second. ~30 updates a
 * second halves that overhead (VS Code's own chat renders on a 50 ms timer).
 */
const MIN_FRAME_INTERVAL_MS = 30;

interface ClosedBlock {
  source: string;
  nodes: ChildNode[];
}

/**
 * One streamed markdown document rendered into `container`, incrementally:
 * - deltas are queued and applied at most once per animation frame;
 * - finished top-level blocks are rendered once into their own DOM nodes and never touched again (the one exception:
 *   a link reference defined later in the reply re-renders the earlier blocks that use its label, as markdown-it would);
 * - only the open tail is re-parsed, and an open fenced code block is not parsed at all but appended to.
 */
export class MarkdownStream {
  private readonly source = new StreamText();
  private readonly env: MarkdownEnv = { references: {} };
  private readonly closed: ClosedBlock[] = [];
  /** Offset in the reply where the open tail starts. */
  private closedUpTo = 0;
  private open: ChildNode[] = [];
  /** The markdown HTML the open nodes show; undefined while they show an open fence instead. */
  private openHtml: string | undefined = '';
  private fence: OpenFenceView | undefined;
  private readonly openHighlights = new OpenCodeHighlights();
  /** Reply length when the tail was last parsed (or appended to an open fence). */
  private appliedUpTo = 0;
  private lastTailParseAt = -Infinity;
  private lastFrameAt = -Infinity;
  private finished = false;
  private frame: number | undefined;
  private idleWaiters: (() => void)[] = [];
  private frameWaiters: (() => void)[] = [];
  /** Frames applied so far, and the longest one's script time in ms (for tests and the benchmark). */
  frames = 0;
  longestFrameMs = 0;

  constructor(readonly container: HTMLElement) {}

  get text(): string {
    return this.source.text;
  }

  /** The DOM nodes of each finished block, in order (tests check they keep their identity). */
  get closedBlockNodes(): readonly (readonly ChildNode[])[] {
    return this.closed.map(b => b.nodes);
  }

  append(delta: string): void {
    if (this.finished || !delta) return;
    this.source.append(delta);
    this.schedule();
  }

  /** The stream ended: renders the rest now, with the real text (no display-only closing of unfinished syntax). */
  finish(): void {
    if (this.finished) return;
    this.source.end();
    this.finished = true;
    this.cancelFrame();
    this.applyFrame(performance.now());
  }

  /** Replaces everything with `text` (rendered now); the stream stays open for more deltas until finish(). */
  reset(text = ''): void {
    this.cancelFrame();
    this.container.replaceChildren();
    this.source.clear();
    this.env.references = {};
    this.closed.length = 0;
    this.closedUpTo = this.appliedUpTo = 0;
    this.open = [];
    this.openHtml = '';
    this.fence = undefined;
    this.openHighlights.clear();
    this.lastTailParseAt = this.lastFrameAt = -Infinity;
    this.finished = false;
    this.source.append(text);
    this.applyFrame(performance.now());
  }

  /** Resolves when everything appended so far is on screen. */
  whenIdle(): Promise<void> {
    return this.isIdle ? Promise.resolve() : new Promise(resolve => this.idleWaiters.push(resolve));
  }

  /** Resolves after the next frame has been applied (or now, when nothing is pending). */
  nextFrame(): Promise<void> {
    return this.frame === undefined ? Promise.resolve() : new Promise(resolve => this.frameWaiters.push(resolve));
  }

  dispose(): void {
    this.cancelFrame();
    this.resolve(this.frameWaiters);
    this.resolve(this.idleWaiters);
  }

  private get isIdle(): boolean {
    return this.frame === undefined && this.appliedUpTo === this.source.text.length;
  }

  private schedule(): void {
    this.frame ??= requestAnimationFrame(now => {
      this.frame = undefined;
      if (now - this.lastFrameAt < MIN_FRAME_INTERVAL_MS) this.schedule();
      else this.applyFrame(now);
    });
  }

  private cancelFrame(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  private applyFrame(now: number): void {
    const started = performance.now();
    this.frames++;
    this.lastFrameAt = now;
    const text = this.source.text;
    let fenceClosed = false;
    if (this.fence && !this.finished) {
      fenceClosed = !this.fence.update(text, now);
      if (!fenceClosed) this.appliedUpTo = text.length;
    }
    const pending = text.length - this.appliedUpTo;
    const tailLength = text.length - this.closedUpTo;
    const due = this.finished || fenceClosed || pending * TAIL_GROWTH_FACTOR >= tailLength || now - this.lastTailParseAt >= TAIL_REPARSE_INTERVAL_MS;
    if ((pending > 0 || this.finished) && due) this.renderTail(text, now);
    if (this.appliedUpTo < text.length || this.fence?.highlightPending) this.schedule();
    this.longestFrameMs = Math.max(this.longestFrameMs, performance.now() - started);
    this.resolve(this.frameWaiters);
    if (this.isIdle) this.resolve(this.idleWaiters);
  }

  private resolve(waiters: (() => void)[]): void {
    for (const w of waiters.splice(0)) w();
  }

  private renderTail(text: string, now: number): void {
    const tail = text.slice(this.closedUpTo);
    const split = splitTail(tail, this.env, this.finished);
    const open = this.finished || split.openFence ? undefined : renderTokens(split.tokens.slice(split.openTokenStart), split.env);
    const openChanged = open !== undefined && open !== this.openHtml;
    const openFragment = this.closeBlocks(tail, split, openChanged ? open : undefined);
    this.appliedUpTo = text.length;
    this.lastTailParseAt = now;
    if (this.finished) {
      // Reference definitions after the last block still count for the blocks above them.
      if (split.closedLength < tail.length) this.commitReferences(() => renderMarkdown(tail.slice(split.closedLength), this.env), this.closed.length);
      this.closedUpTo = text.length;
      this.replaceOpen([]);
      this.fence = undefined;
      return;
    }
    this.closedUpTo += split.closedLength;
    if (split.closed.length) this.openHighlights.clear();
    if (split.openFence) {
      this.fence = new OpenFenceView(split.openFence, this.closedUpTo + split.openFence.contentStart, text);
      this.openHtml = undefined;
      this.replaceOpen([this.fence.element]);
      return;
    }
    this.fence = undefined;
    if (!openChanged || open === undefined) return;
    const previousWasMarkdown = this.openHtml !== undefined;
    this.openHtml = open;
    const fragment = openFragment ?? sanitizeToFragment(open);
    decorateFragment(fragment, this.openHighlights.highlighterAt(now));
    const nodes = Array.from(fragment.childNodes);
    if (previousWasMarkdown && this.open.length) this.open = morphNodes(this.container, this.open, nodes);
    else this.replaceOpen(nodes);
  }

  /**
   * Renders the newly closed blocks once, for good, and inserts them before the open tail. Their HTML and the open
   * tail's (when given) are sanitised in one call; returns the open tail's fragment.
   */
  private closeBlocks(tail: string, split: TailSplit, openHtml: string | undefined): DocumentFragment | undefined {
    const sources = split.closed.map(slice => tail.slice(slice.start, slice.end));
    if (split.referencesChanged) {
      // The tail defines link references: render block by block from source with the committed references only, so
      // a half-streamed definition never leaks into a finished block and each new label fixes up earlier blocks.
      for (const source of sources) {
        const html = this.commitReferences(() => renderMarkdown(source, this.env), this.closed.length);
        this.insertClosed(source, this.toFragment(html, highlightFinal));
      }
      return undefined;
    }
    const htmls = split.closed.map(slice => renderTokens(split.tokens.slice(slice.tokenStart, slice.tokenEnd), this.env));
    const fragments = sanitizeBlocks(openHtml === undefined ? htmls : [...htmls, openHtml]);
    sources.forEach((source, i) => {
      decorateFragment(fragments[i], highlightFinal);
      this.insertClosed(source, fragments[i]);
    });
    return openHtml === undefined ? undefined : fragments[fragments.length - 1];
  }

  private insertClosed(source: string, fragment: DocumentFragment): void {
    const nodes = Array.from(fragment.childNodes);
    this.container.insertBefore(fragment, this.open[0] ?? null);
    this.closed.push({ source, nodes });
  }

  /** Runs a render that may define link references; earlier blocks using a new label are rendered again. */
  private commitReferences(render: () => string, blocksBefore: number): string {
    const known = new Set(Object.keys(this.env.references ?? {}));
    const html = render();
    const added = Object.keys(this.env.references ?? {}).filter(label => !known.has(label));
    if (!added.length) return html;
    for (const block of this.closed.slice(0, blocksBefore)) {
      // markdown-it's label normalisation: collapsed whitespace, case-folded.
      const folded = block.source.replace(/\s+/g, ' ').toLowerCase().toUpperCase();
      if (!block.nodes.length || !added.some(label => folded.includes(label))) continue;
      const fragment = this.toFragment(renderMarkdown(block.source, this.env), highlightFinal);
      const nodes = Array.from(fragment.childNodes);
      block.nodes[0].before(fragment);
      for (const n of block.nodes) n.remove();
      block.nodes = nodes;
    }
    return html;
  }

  private replaceOpen(nodes: ChildNode[]): void {
    for (const n of this.open) n.remove();
    this.open = nodes;
    this.container.append(...nodes);
  }

  private toFragment(html: string, highlight: Highlighter): DocumentFragment {
    const fragment = sanitizeToFragment(html);
    decorateFragment(fragment, highlight);
    return fragment;
  }
}

/** One markdown document rendered at once, exactly as the stream renders its finished blocks. */
export function renderMarkdownOnce(text: string): DocumentFragment {
  const fragment = sanitizeToFragment(renderMarkdown(text, {}));
  decorateFragment(fragment, highlightFinal);
  return fragment;
}
