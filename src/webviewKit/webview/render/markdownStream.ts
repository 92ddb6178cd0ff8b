import { BlockGroups, groupBlocks } from './blockGroups';
import { splitTail, type TailSplit } from './blockSplitter';
import { highlightFinal } from './codeBlock';
import { decorateFragment, type Highlighter } from './decorate';
import { morphNodes } from './domMorph';
import { renderMarkdown, renderTokens, type MarkdownEnv } from './markdownEngine';
import { OpenCodeHighlights } from './openCodeHighlights';
import { OpenFenceView } from './openFenceView';
import { sanitizeBlocks, sanitizeToFragment } from './sanitize';
import { StreamText } from './streamText';
import { FAST_STREAM_CHARS_PER_MS } from '../../protocol';

/**
 * The open tail is re-parsed when it has grown by at least half its length since its last parse (so the markdown-it
 * work per streamed character stays bounded by a constant however long a list or table gets), or when 100 ms have
 * passed (so a slow stream still updates ~10 times a second). Small tails therefore re-render on every frame.
 */
const TAIL_GROWTH_FACTOR = 2;
const TAIL_REPARSE_INTERVAL_MS = 100;
/**
 * Deltas are applied on an animation frame, but not on every one: each applied frame costs style and layout on top
 * of the script. At a model's usual pace (up to a few hundred tokens/s) ~30 updates a second keep the text flowing;
 * a reply arriving faster than anyone reads (over ~1,500 characters/s, e.g. 2,000 tokens/s) gains nothing from that
 * and is shown 5 times a second instead. Every update costs a sanitiser call, a re-parse of the open tail and a layout
 * pass besides its new text; at 2,000 tokens/s that overhead was as large as rendering the text itself at 10 updates a
 * second, and a screen of new text every 200 ms still reads as streaming.
 */
const MIN_FRAME_INTERVAL_MS = 30;
const FAST_STREAM_FRAME_INTERVAL_MS = 200;
/** One display frame at 60 Hz: the timer wakes this much early, then waits for the frame itself. */
const DISPLAY_FRAME_MS = 16;

interface ClosedBlock {
  source: string;
  nodes: ChildNode[];
}

/** One top-level block of the open tail as shown: the markdown HTML it was rendered from, and its nodes. */
interface ShownBlock {
  html: string;
  nodes: ChildNode[];
  codeBlocks: number;
}

/**
 * One streamed markdown document rendered into `container`, incrementally:
 * - deltas are queued and applied at most once per animation frame;
 * - finished top-level blocks are rendered once into their own DOM nodes and never touched again (the one exception:
 *   a link reference defined later in the reply re-renders the earlier blocks that use its label, as markdown-it would);
 * - only the open tail is re-parsed, and an open fenced code block is not parsed at all but appended to;
 * - the open tail is tracked block by block: a block whose HTML did not change is not sanitised or touched, and a block
 *   that closes with the HTML it already shows keeps its nodes (no second sanitise, style and layout of the same text).
 */
export class MarkdownStream {
  private readonly source = new StreamText();
  private readonly env: MarkdownEnv = { references: {} };
  private readonly closed: ClosedBlock[] = [];
  /** Where finished blocks go: grouped wrappers ahead of the open tail (see blockGroups.ts). */
  private readonly groups: BlockGroups;
  /** Offset in the reply where the open tail starts. */
  private closedUpTo = 0;
  /** The open tail's blocks as shown (empty while an open fence is shown instead). */
  private shown: ShownBlock[] = [];
  private fence: OpenFenceView | undefined;
  private readonly openHighlights = new OpenCodeHighlights();
  /** Reply length when the tail was last parsed (or appended to an open fence). */
  private appliedUpTo = 0;
  private lastTailParseAt = -Infinity;
  private lastFrameAt = -Infinity;
  private lengthAtLastFrame = 0;
  private lastFrameWasFast = false;
  private finished = false;
  private frame: number | undefined;
  private wait: ReturnType<typeof setTimeout> | undefined;
  private idleWaiters: (() => void)[] = [];
  private frameWaiters: (() => void)[] = [];
  /** Frames applied so far, and the longest one's script time in ms (for tests and the benchmark). */
  frames = 0;
  longestFrameMs = 0;

  constructor(readonly container: HTMLElement) {
    this.groups = new BlockGroups(container);
  }

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
    this.groups.clear();
    this.source.clear();
    this.env.references = {};
    this.closed.length = 0;
    this.closedUpTo = this.appliedUpTo = 0;
    this.shown = [];
    this.fence = undefined;
    this.openHighlights.clear();
    this.lastTailParseAt = this.lastFrameAt = -Infinity;
    this.lengthAtLastFrame = 0;
    this.lastFrameWasFast = false;
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
    return this.pending ? new Promise(resolve => this.frameWaiters.push(resolve)) : Promise.resolve();
  }

  dispose(): void {
    this.cancelFrame();
    this.resolve(this.frameWaiters);
    this.resolve(this.idleWaiters);
  }

  private get isIdle(): boolean {
    return !this.pending && this.appliedUpTo === this.source.text.length;
  }

  /**
   * Asks for the next frame once the interval since the last applied one is nearly over. Until then it sleeps on a
   * timer rather than asking for frame after frame: a pending animation frame makes the browser run its frame pipeline.
   */
  private schedule(): void {
    if (this.pending) return;
    const now = performance.now();
    const remaining = this.frameInterval(now) - (now - this.lastFrameAt);
    if (remaining > DISPLAY_FRAME_MS) {
      this.wait = setTimeout(() => {
        this.wait = undefined;
        this.requestFrame();
      }, remaining - DISPLAY_FRAME_MS);
    } else {
      this.requestFrame();
    }
  }

  private requestFrame(): void {
    this.frame = requestAnimationFrame(now => {
      this.frame = undefined;
      this.applyFrame(now);
    });
  }

  private get pending(): boolean {
    return this.frame !== undefined || this.wait !== undefined;
  }

  /**
   * The pace since the last frame; or between the last two frames when nothing has arrived yet (an open fence's
   * highlighting) or too little time has passed to tell (a few characters right after a frame are not a fast stream).
   */
  private frameInterval(now: number): number {
    const arrived = this.source.text.length - this.lengthAtLastFrame;
    const elapsed = now - this.lastFrameAt;
    const fast = arrived && elapsed >= MIN_FRAME_INTERVAL_MS ? arrived > elapsed * FAST_STREAM_CHARS_PER_MS : this.lastFrameWasFast;
    return fast ? FAST_STREAM_FRAME_INTERVAL_MS : MIN_FRAME_INTERVAL_MS;
  }

  private cancelFrame(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    if (this.wait !== undefined) clearTimeout(this.wait);
    this.frame = this.wait = undefined;
  }

  private applyFrame(now: number): void {
    const started = performance.now();
    this.frames++;
    this.lastFrameWasFast = this.source.text.length - this.lengthAtLastFrame > (now - this.lastFrameAt) * FAST_STREAM_CHARS_PER_MS;
    this.lengthAtLastFrame = this.source.text.length;
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
    const showsMarkdown = !this.finished && !split.openFence;
    const openHtmls = showsMarkdown ? split.openBlocks.map(b => renderTokens(split.tokens.slice(b.tokenStart, b.tokenEnd), split.env)) : [];
    this.closeBlocks(tail, split, openHtmls);
    this.appliedUpTo = text.length;
    this.lastTailParseAt = now;
    if (this.finished) {
      // Reference definitions after the last block still count for the blocks above them.
      if (split.closedLength < tail.length) this.commitReferences(() => renderMarkdown(tail.slice(split.closedLength), this.env), this.closed.length);
      this.closedUpTo = text.length;
      this.removeOpen();
      this.groups.finish();
      return;
    }
    this.closedUpTo += split.closedLength;
    if (split.openFence) {
      this.removeOpen();
      this.fence = new OpenFenceView(split.openFence, this.closedUpTo + split.openFence.contentStart, text);
      this.groups.tail.append(this.fence.element);
    }
  }

  /**
   * Moves the newly closed blocks out of the open tail, for good, and brings the open blocks (`openHtmls`) up to date.
   * A closed block that already shows its final HTML keeps its nodes untouched; otherwise the nodes it showed while
   * open are morphed into the final render, so the browser re-lays out only what changed. Open blocks whose HTML did
   * not change are not touched at all. Everything new is sanitised in one call (DOMPurify's per-call cost dominates
   * small inputs).
   */
  private closeBlocks(tail: string, split: TailSplit, openHtmls: string[]): void {
    const sources = split.closed.map(slice => tail.slice(slice.start, slice.end));
    const previous = this.shown.splice(0, split.closed.length);
    if (split.closed.length) this.openHighlights.clear();
    if (split.referencesChanged) {
      // The tail defines link references: render block by block from source with the committed references only, so
      // a half-streamed definition never leaks into a finished block and each new label fixes up earlier blocks.
      sources.forEach((source, i) => {
        const html = this.commitReferences(() => renderMarkdown(source, this.env), this.closed.length);
        this.placeClosed(source, this.toFragment(html, highlightFinal), previous.slice(i));
      });
      this.showOpenBlocks(openHtmls, sanitizeBlocks(openHtmls.filter((html, i) => this.shown[i]?.html !== html)));
      return;
    }
    const closedHtmls = split.closed.map(slice => renderTokens(split.tokens.slice(slice.tokenStart, slice.tokenEnd), this.env));
    const keeps = closedHtmls.map((html, i) => previous[i]?.html === html && previous[i].codeBlocks === 0);
    const changedOpen = openHtmls.filter((html, i) => this.shown[i]?.html !== html);
    const fragments = sanitizeBlocks([...closedHtmls.filter((_, i) => !keeps[i]), ...changedOpen]);
    sources.forEach((source, i) => {
      if (keeps[i]) {
        this.groups.place(previous[i].nodes);
        this.closed.push({ source, nodes: previous[i].nodes });
        return;
      }
      const fragment = fragments.shift() as DocumentFragment;
      decorateFragment(fragment, highlightFinal);
      this.placeClosed(source, fragment, previous.slice(i));
    });
    this.showOpenBlocks(openHtmls, fragments);
  }

  /** Open blocks: `fragments` are the sanitised renders of the blocks whose HTML changed, in order. */
  private showOpenBlocks(htmls: string[], fragments: DocumentFragment[]): void {
    // An open fence that just closed was replaced by its closed block already.
    this.fence?.element.remove();
    this.fence = undefined;
    for (const extra of this.shown.splice(htmls.length)) for (const n of extra.nodes) n.remove();
    const highlight = this.openHighlights.highlighterAt(performance.now());
    let codeIndex = 0;
    htmls.forEach((html, i) => {
      const current = this.shown[i];
      if (current?.html === html) {
        codeIndex += current.codeBlocks;
        return;
      }
      const fragment = fragments.shift() as DocumentFragment;
      const codeBlocks = decorateFragment(fragment, highlight, codeIndex);
      codeIndex += codeBlocks;
      const nodes = Array.from(fragment.childNodes);
      if (current?.nodes.length) {
        this.shown[i] = { html, codeBlocks, nodes: morphNodes(current.nodes[0].parentNode as Node, current.nodes, nodes) };
      } else {
        this.groups.tail.append(...nodes);
        this.shown[i] = { html, codeBlocks, nodes };
      }
    });
  }

  /**
   * Adds a closed block to the finished ones: the nodes the open tail showed it with (`previous[0]`) are morphed into
   * the final render where they are, or, when it was never shown, the new nodes go after the finished ones.
   */
  private placeClosed(source: string, fragment: DocumentFragment, previous: ShownBlock[]): void {
    const shownAs = previous[0];
    let nodes = Array.from(fragment.childNodes);
    if (shownAs?.nodes.length) {
      nodes = morphNodes(shownAs.nodes[0].parentNode as Node, shownAs.nodes, nodes);
      shownAs.nodes = [];
    }
    this.groups.place(nodes);
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
      this.groups.replaced(block.nodes, nodes);
      block.nodes = nodes;
    }
    return html;
  }

  private removeOpen(): void {
    for (const block of this.shown.splice(0)) for (const n of block.nodes) n.remove();
    this.fence?.element.remove();
    this.fence = undefined;
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
  return groupBlocks(fragment);
}
