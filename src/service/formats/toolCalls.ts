import type { StreamEvent } from '../model';

/**
 * Streams tool-call arguments as they arrive and parses the whole JSON once the call ends. Every API streams
 * arguments as string fragments keyed by some index; this keeps the bookkeeping in one place.
 */
export class ToolCallAssembler {
  private readonly calls = new Map<string | number, { id: string; name: string; args: string }>();

  start(key: string | number, id: string, name: string): StreamEvent {
    this.calls.set(key, { id, name, args: '' });
    return { type: 'tool-call-start', id, name };
  }

  has(key: string | number): boolean {
    return this.calls.has(key);
  }

  delta(key: string | number, fragment: string): StreamEvent | undefined {
    const c = this.calls.get(key);
    if (!c || !fragment) return undefined;
    c.args += fragment;
    return { type: 'tool-call-delta', id: c.id, argumentsDelta: fragment };
  }

  end(key: string | number, finalArgs?: string): StreamEvent | undefined {
    const c = this.calls.get(key);
    if (!c) return undefined;
    this.calls.delete(key);
    return { type: 'tool-call-end', id: c.id, input: parseArguments(finalArgs ?? c.args) };
  }

  /** Calls still open when the stream ends (some APIs never send an explicit end). */
  endAll(): StreamEvent[] {
    return [...this.calls.keys()].map(k => this.end(k)).filter((e): e is StreamEvent => e !== undefined);
  }
}

export function parseArguments(text: string): unknown {
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    // Keep what the model produced rather than losing it; front ends show it as text.
    return { _unparsed: text };
  }
}
