/**
 * An unbounded first-in first-out queue read as an async iterable: producers push whenever they like (microphone
 * chunks, typed turns), the one consumer (a request body) waits when it is empty. Ending it, or aborting the
 * signal, finishes the iteration once what was pushed before has been read (end) or at once (abort).
 */
export class InputQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private wake: (() => void) | undefined;
  private ended = false;

  constructor(private readonly signal?: AbortSignal) {
    signal?.addEventListener('abort', () => this.notify(), { once: true });
  }

  push(item: T): void {
    if (this.ended) return;
    this.items.push(item);
    this.notify();
  }

  /** No more items: the reader finishes after the ones already queued. */
  end(): void {
    this.ended = true;
    this.notify();
  }

  get closed(): boolean { return this.ended || this.signal?.aborted === true; }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.signal?.aborted) return;
      const next = this.items.shift();
      if (next !== undefined) { yield next; continue; }
      if (this.ended) return;
      await new Promise<void>(resolve => { this.wake = resolve; });
    }
  }
}
