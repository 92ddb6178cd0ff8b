import { FAST_STREAM_CHARS_PER_MS } from '../protocol';

/** How often streamed text is forwarded to the webview: one message per frame at most, never one per token. */
export const DELTA_INTERVAL_MS = 16;
/**
 * How often a fast stream is forwarded. The page draws a fast stream only every 200 ms, so a batch every frame made it
 * receive ~12 messages per drawing, each a trip through VS Code's webview messaging; at 100 ms it receives two, and
 * new text waits at most 100 ms longer to be drawn.
 */
export const FAST_DELTA_INTERVAL_MS = 100;

/**
 * Paces the deltas one reply sends to a webview: every frame while text arrives at reading speed, every 100 ms while
 * it arrives faster (judged from the last batch: its size over the time since the batch before).
 */
export class DeltaPacer {
  private lastSentAt: number | undefined;
  private fast = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** How long to gather text before the next batch goes out. */
  get delayMs(): number {
    return this.fast ? FAST_DELTA_INTERVAL_MS : DELTA_INTERVAL_MS;
  }

  /** A batch of `chars` characters was sent. */
  sent(chars: number): void {
    const now = this.now();
    if (this.lastSentAt !== undefined) this.fast = chars > (now - this.lastSentAt) * FAST_STREAM_CHARS_PER_MS;
    this.lastSentAt = now;
  }
}
