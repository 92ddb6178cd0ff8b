/**
 * The words an output pane adds around a model's answer: the footer with usage and timing, and reasoning shown as a
 * quote. Pure, so the wording is unit-tested without VS Code.
 */
import type { StopReason, Usage } from '../../service/model';

export interface FooterFacts {
  /** e.g. "us.amazon.nova-lite-v1:0 · ConverseStream" */
  source: string;
  usage?: Usage;
  stopReason?: StopReason;
  firstTokenMs?: number;
  totalMs: number;
  /** Set when the stream ended early. */
  ended?: 'cancelled' | 'error';
  errorMessage?: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

export function paneFooter(f: FooterFacts): string {
  const parts = [f.source];
  if (f.usage) {
    const cache = [f.usage.cacheReadTokens ? `${f.usage.cacheReadTokens} cache read` : '', f.usage.cacheWriteTokens ? `${f.usage.cacheWriteTokens} cache write` : ''].filter(Boolean);
    parts.push(`${f.usage.inputTokens} in / ${f.usage.outputTokens} out tokens${cache.length ? ` (${cache.join(', ')})` : ''}`);
  }
  if (f.firstTokenMs !== undefined) parts.push(`first token ${seconds(f.firstTokenMs)}`);
  parts.push(`total ${seconds(f.totalMs)}`);
  if (f.stopReason && f.stopReason !== 'end_turn' && !f.ended) parts.push(`stopped: ${f.stopReason}`);
  const status = f.ended === 'cancelled' ? '**Cancelled** — the text above is what arrived before you stopped it.\n\n'
    : f.ended === 'error' ? `**Stopped by an error:** ${f.errorMessage ?? 'the request failed'} The text above is what arrived before it.\n\n`
      : '';
  return `\n\n---\n${status}*${parts.join(' · ')}*\n`;
}

/**
 * Streams reasoning deltas as a markdown quote: every line the model starts gets a "> ". `atLineStart` carries over
 * between deltas because a delta can end in the middle of a line.
 */
export class ReasoningQuoter {
  private atLineStart = true;
  started = false;

  quote(delta: string): string {
    let out = this.started ? '' : '> *Reasoning*\n>\n';
    this.started = true;
    for (const ch of delta) {
      if (this.atLineStart) out += '> ';
      out += ch;
      this.atLineStart = ch === '\n';
    }
    return out;
  }

  /** Closes the quote before the answer starts. */
  end(): string {
    if (!this.started) return '';
    const out = this.atLineStart ? '\n' : '\n\n';
    this.started = false;
    this.atLineStart = true;
    return out;
  }
}

/**
 * The code in a refactoring answer: the first fenced block when the model wrapped its code (often with a sentence
 * around it, despite being asked not to), else the whole answer trimmed.
 */
export function extractCode(answer: string): string {
  const m = /```[^\n]*\n([\s\S]*?)\n?```/.exec(answer);
  return m ? m[1] : answer.trim();
}
