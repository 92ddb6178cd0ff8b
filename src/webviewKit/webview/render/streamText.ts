/**
 * The streamed reply as one growing string, normalised the way markdown-it normalises its input (CRLF and lone CR
 * become LF, NUL becomes U+FFFD), so that offsets computed on it stay valid for every later parse. A CR at the very
 * end of a delta is held back until the next delta shows whether it is half of a CRLF pair.
 */
export class StreamText {
  private value = '';
  private pendingCR = false;

  get text(): string {
    return this.value;
  }

  append(delta: string): void {
    if (!delta) return;
    let chunk = (this.pendingCR ? '\r' : '') + delta;
    this.pendingCR = chunk.endsWith('\r');
    if (this.pendingCR) chunk = chunk.slice(0, -1);
    this.value += normalizeMarkdownSource(chunk);
  }

  /** The stream has ended: a held-back CR is a line break after all. */
  end(): void {
    if (this.pendingCR) this.value += '\n';
    this.pendingCR = false;
  }

  clear(): void {
    this.value = '';
    this.pendingCR = false;
  }
}

export function normalizeMarkdownSource(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
}
