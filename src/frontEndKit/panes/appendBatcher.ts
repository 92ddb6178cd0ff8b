/**
 * Coalesces streamed text into few document edits. A model can send thousands of deltas a second; applying each as
 * its own edit makes the editor re-tokenise and re-render per token and freezes the window. Deltas are buffered and
 * applied at most once per interval, and normally not while the previous edit is still being applied, so a 20k-token
 * answer becomes a few dozen edits however fast it arrives. With a `maxGapMs`, text that waits behind a slow edit is
 * applied once that edit has taken `maxGapMs`: the reader sees the pane move at least that often while text arrives
 * (a slow editor then gets one overlapping edit per gap, still far fewer than one per interval).
 * No vscode import: the timing is unit-tested in Node.
 */
export interface BatchTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: BatchTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: h => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export const DEFAULT_BATCH_INTERVAL_MS = 50;

export class AppendBatcher {
  private pending = '';
  private timer: unknown;
  private readonly inFlight = new Set<Promise<void>>();
  private gapTimer: unknown;
  /** The edit in flight has taken maxGapMs and nothing was waiting then: the next text goes out within one interval. */
  private overdue = false;
  private failure: unknown;
  /** How many edits were applied so far. */
  edits = 0;
  /** Characters handed to `apply` so far. */
  applied = 0;

  constructor(
    private readonly apply: (text: string) => Promise<void> | void,
    /** The wait before a batch goes out: fixed, or asked for each batch (a pacer that slows down for fast streams). */
    private readonly intervalMs: number | (() => number) = DEFAULT_BATCH_INTERVAL_MS,
    private readonly timers: BatchTimers = realTimers,
    /** Writers whose editor keeps overlapping edits (not virtual documents: see OutputPane) can bound the wait. */
    private readonly maxGapMs = Infinity,
  ) {}

  /** Queues text; it reaches the document within one interval (or after the edit in progress). */
  push(text: string): void {
    if (!text) return;
    this.pending += text;
    this.schedule();
  }

  /** Applies whatever is queued now and resolves once every queued character is in the document. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.inFlight.size) {
        await Promise.all(this.inFlight);
        continue;
      }
      this.cancelTimer();
      if (!this.pending) break;
      this.run();
    }
    if (this.failure !== undefined) throw this.failure;
  }

  /** Drops queued text that has not been applied (the pane was closed). */
  dispose(): void {
    this.cancelTimer();
    this.cancelGapTimer();
    this.pending = '';
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clear(this.timer);
    this.timer = undefined;
  }

  private cancelGapTimer(): void {
    if (this.gapTimer === undefined) return;
    this.timers.clear(this.gapTimer);
    this.gapTimer = undefined;
  }

  private schedule(): void {
    if (this.timer !== undefined || (this.inFlight.size && !this.overdue)) return;
    const interval = typeof this.intervalMs === 'number' ? this.intervalMs : this.intervalMs();
    this.timer = this.timers.set(() => { this.timer = undefined; this.run(); }, interval);
  }

  private run(): void {
    const text = this.pending;
    this.pending = '';
    if (!text) return;
    this.overdue = false;
    this.edits++;
    this.applied += text.length;
    const done = (async () => {
      try {
        await this.apply(text);
      } catch (e) {
        // Kept for flush(): a failed edit must not be lost silently, but it must not break the stream either.
        this.failure ??= e;
      }
    })();
    this.inFlight.add(done);
    // The gap bound: if this edit is still being applied after maxGapMs, whatever arrived meanwhile goes out anyway.
    this.cancelGapTimer();
    if (Number.isFinite(this.maxGapMs)) {
      this.gapTimer = this.timers.set(() => {
        this.gapTimer = undefined;
        if (!this.pending) { this.overdue = true; return; }
        this.cancelTimer();
        this.run();
      }, this.maxGapMs);
    }
    // Cleared in a continuation, not in the body: an `apply` that throws synchronously would otherwise clear it
    // before it was set.
    void done.then(() => {
      this.inFlight.delete(done);
      if (this.inFlight.size) return;
      this.cancelGapTimer();
      this.overdue = false;
      // Text that arrived during the edit waits one more interval, so a slow editor gets fewer, larger edits.
      if (this.pending) this.schedule();
    });
  }
}
