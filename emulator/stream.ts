import { setTimeout as sleep } from 'node:timers/promises';
import type { Exchange } from './http/exchange';
import type { FaultSet } from './faults';

/** How one streaming wire format spells the stream-shaped faults. */
export interface StreamDialect {
  contentType: string;
  /** `bad-crc:N`: a frame the client's parser must reject. */
  corrupt(frame: Uint8Array | string): Uint8Array | string;
  /** `model-stream-error:N`: the in-stream error event that ends the stream. */
  streamError(): Uint8Array | string;
}

const FLUSH_BYTES = 32 * 1024;

/**
 * Waits `ms` to a fraction of a millisecond. Node's timers fire on whole milliseconds of loop time, so a plain sleep
 * lands anywhere up to ~1 ms late, and that jitter was as large as the latency a benchmark tries to see (added time to
 * first token). The timer covers all but the last millisecond; the rest is polled between event-loop turns.
 */
async function preciseSleep(ms: number): Promise<void> {
  const due = performance.now() + ms;
  if (ms > 1) await sleep(ms - 1);
  while (performance.now() < due) await new Promise(r => setImmediate(r));
}

/**
 * Writes stream events with pacing and the stream faults applied. Handlers call `event()` for
 * every event and stop when it returns false (the stream was ended by a fault or the client).
 * Unpaced streams coalesce events into large writes: that is what lets one core push well over
 * 20k tokens/s through the codec.
 */
export class EventSink {
  private count = 0;
  private tokens = 0;
  private started = 0;
  private buffered: Array<Uint8Array | string> = [];
  private bufferedBytes = 0;
  private stopped = false;

  constructor(private readonly ex: Exchange, private readonly faults: FaultSet, private readonly dialect: StreamDialect, private readonly tokensPerSecond: number) {}

  async open(headers: Record<string, string> = {}): Promise<void> {
    if (this.faults.slowFirstByteMs) await preciseSleep(this.faults.slowFirstByteMs);
    this.ex.writeHead(200, { 'content-type': this.dialect.contentType, ...headers });
    this.started = performance.now();
  }

  get live(): boolean { return !this.stopped && !this.ex.closed; }

  /** Sends one event carrying `tokens` generated tokens (used for pacing). */
  async event(frame: Uint8Array | string, tokens = 0): Promise<boolean> {
    if (!this.live) return false;
    const n = this.count++;
    if (this.faults.streamCut !== undefined && n >= this.faults.streamCut) {
      await this.flush();
      this.stopped = true;
      this.ex.abort();
      return false;
    }
    if (this.faults.modelStreamError !== undefined && n >= this.faults.modelStreamError) {
      this.push(this.dialect.streamError());
      await this.flush();
      this.stopped = true;
      this.ex.end();
      return false;
    }
    this.push(this.faults.badCrc === n ? this.dialect.corrupt(frame) : frame);
    if (tokens > 0) {
      this.tokens += tokens;
      if (this.tokensPerSecond > 0) {
        await this.flush();
        const due = this.started + (this.tokens * 1000) / this.tokensPerSecond;
        const wait = due - performance.now();
        // the first token is what time-to-first-token benchmarks measure: exact; later ones at timer resolution
        if (this.tokens === tokens) await preciseSleep(wait);
        else if (wait >= 1) await sleep(wait);
        return this.live;
      }
    }
    if (this.bufferedBytes >= FLUSH_BYTES) await this.flush();
    return this.live;
  }

  async close(): Promise<void> {
    if (!this.live) return;
    await this.flush();
    this.ex.end();
  }

  private push(frame: Uint8Array | string): void {
    this.buffered.push(frame);
    this.bufferedBytes += frame.length;
  }

  /** Sends whatever is buffered now: interactive streams must not wait for the buffer to fill. */
  async flush(): Promise<void> {
    if (!this.buffered.length) return;
    const parts = this.buffered.map(f => (typeof f === 'string' ? Buffer.from(f) : Buffer.from(f.buffer, f.byteOffset, f.byteLength)));
    this.buffered = [];
    this.bufferedBytes = 0;
    await this.ex.write(parts.length === 1 ? parts[0] : Buffer.concat(parts));
  }
}
