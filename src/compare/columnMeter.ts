import type { StreamEvent } from '../service/model';
import type { ColumnMetrics, ColumnResult } from './protocol';

/**
 * Measures one column's stream: time to first token (text or reasoning, whichever comes first), output tokens per
 * second over the generation time (first token to end, so a slow start does not count twice), usage and stop
 * reason. The clock is injected so the arithmetic is unit-tested without waiting.
 */
export class ColumnMeter {
  private readonly started: number;
  private firstToken: number | undefined;
  readonly result: ColumnResult = { text: '' };

  constructor(private readonly now: () => number = Date.now) {
    this.started = now();
  }

  /** Folds one event into the result; returns the text it added, if any (for the stream to the webview). */
  observe(e: StreamEvent): string {
    switch (e.type) {
      case 'text':
        if (!e.text) return '';
        this.firstToken ??= this.now();
        this.result.text += e.text;
        return e.text;
      case 'reasoning':
        if (e.text) this.firstToken ??= this.now();
        return '';
      case 'usage':
        this.result.usage = e.usage;
        return '';
      case 'stop':
        this.result.stopReason = e.reason;
        return '';
      default:
        return '';
    }
  }

  finish(): ColumnResult {
    this.result.metrics = columnMetrics(this.started, this.firstToken, this.now(), this.result.usage?.outputTokens);
    return this.result;
  }
}

/** The metrics of one finished stream; tokens/s only when there is output and a measurable generation time. */
export function columnMetrics(started: number, firstToken: number | undefined, ended: number, outputTokens: number | undefined): ColumnMetrics {
  const metrics: ColumnMetrics = { totalMs: Math.max(0, ended - started) };
  if (firstToken === undefined) return metrics;
  metrics.ttftMs = Math.max(0, firstToken - started);
  const generationMs = ended - firstToken;
  if (outputTokens && generationMs > 0) metrics.tokensPerSecond = Math.round((outputTokens / generationMs) * 10_000) / 10;
  return metrics;
}
