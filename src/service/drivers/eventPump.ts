import { markMidStream } from '../errorFacts';
import type { StreamEvent } from '../model';

/** Turns one SDK event into ours; `end` adds what only the end of the stream can tell (usage, the stop). */
export interface EventMapper<T> {
  push(item: T): Iterable<StreamEvent>;
  end?(): Iterable<StreamEvent>;
}

export interface PumpOptions {
  /** A caller that waited this long is reading a paced stream rather than keeping up with a burst (default 1 ms). */
  idleMs?: number;
}

/**
 * Reads an SDK's event stream in its own loop and hands the caller everything that arrived since it last asked, with
 * adjacent text (and reasoning) deltas joined into one event.
 *
 * Why: a fast reply is ~100k SDK events, and every async layer above the SDK (driver, router, service, front end)
 * costs a few microseconds per event, which made the service path read a fast reply at 0.4–0.8× the SDK's speed. Here
 * the per-event work is the SDK's own iteration plus a synchronous mapping; the layers above see one event per
 * network read. Order is kept: only neighbouring deltas of the same kind are joined, never across a tool call,
 * usage or stop.
 *
 * Errors behave as before: events received before the failure are delivered first, then the error is thrown, marked as
 * one that broke a stream already under way (the response head had arrived before the pump started), which is what
 * makes the same fault read the same on every wire format. When the caller stops early the SDK iterator is returned,
 * which closes the request.
 */
export async function* pumpEvents<T>(source: AsyncIterable<T>, mapper: EventMapper<T>, { idleMs = 1 }: PumpOptions = {}): AsyncGenerator<StreamEvent> {
  const iterator = source[Symbol.asyncIterator]();
  const queue: StreamEvent[] = [];
  let finished = false;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;

  // text is gathered in a string until something else arrives or the caller takes the queue: no object per delta
  let pendingKind: 'text' | 'reasoning' | undefined;
  let pendingText = '';
  let sentText = false;
  const flushPending = () => {
    if (pendingKind === 'text') sentText = true;
    if (pendingKind) queue.push({ type: pendingKind, text: pendingText });
    pendingKind = undefined;
    pendingText = '';
  };
  const add = (e: StreamEvent) => {
    if (e.type === 'text' || e.type === 'reasoning') {
      if (pendingKind !== e.type) flushPending();
      pendingKind = e.type;
      pendingText += e.text;
    } else {
      flushPending();
      queue.push(e);
    }
  };
  // How the waiting caller is woken decides both latency and batching. The reply's first text, and the first event
  // after the caller has waited a while (a paced stream), go up at once (microtask): nothing is added to time to first
  // token. A caller that asked a moment ago is keeping up with a fast stream, so it is woken on the next macrotask,
  // after the rest of this network read has been mapped, and takes it in one batch.
  let waitingSince = 0;
  let soonPending = false;
  let laterPending = false;
  const wakeCaller = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const wakeSoon = () => {
    if (soonPending) return;
    soonPending = true;
    queueMicrotask(() => { soonPending = false; wakeCaller(); });
  };
  const wakeLater = () => {
    if (laterPending) return;
    laterPending = true;
    setImmediate(() => { laterPending = false; wakeCaller(); });
  };
  /** Called after each SDK event; an event that mapped to nothing (a block start, say) wakes no one. */
  const notify = () => {
    if (!wake || (!queue.length && !pendingKind)) return;
    const firstText = !sentText && pendingKind === 'text';
    if (laterPending && !firstText) return;
    if (firstText || performance.now() - waitingSince >= idleMs) wakeSoon();
    else wakeLater();
  };

  const pump = async () => {
    try {
      for (;;) {
        const r = await iterator.next();
        if (r.done || stopped) break;
        for (const e of mapper.push(r.value)) add(e);
        notify();
      }
      if (!stopped && mapper.end) for (const e of mapper.end()) add(e);
    } catch (error) {
      failure = { error: markMidStream(error) };
    }
    finished = true;
    if (wake) wakeSoon();
  };
  void pump();

  try {
    for (;;) {
      flushPending();
      if (queue.length) {
        for (const e of queue.splice(0)) yield e;
        continue;
      }
      if (finished) break;
      waitingSince = performance.now();
      await new Promise<void>(resolve => { wake = resolve; });
    }
    if (failure) throw failure.error;
  } finally {
    if (!finished) {
      stopped = true;
      // queued behind the pending next() by the SDK's generator, so this closes the request as soon as it can
      void Promise.resolve(iterator.return?.()).catch(() => undefined);
    }
  }
}
