import type { StreamEvent } from '../../../model';

const OPEN = '<reasoning>';
const CLOSE = '</reasoning>';

/**
 * gpt-oss through InvokeModel puts its reasoning in the text, wrapped in `<reasoning>…</reasoning>` before the
 * answer. This splits text (whole or in stream fragments, tags possibly cut between fragments) into reasoning and
 * text events, holding back only the few characters that might be the start of a tag.
 */
export class ReasoningTagSplitter {
  private inside = false;
  private pending = '';

  *push(fragment: string): Generator<StreamEvent> {
    this.pending += fragment;
    for (;;) {
      const tag = this.inside ? CLOSE : OPEN;
      const at = this.pending.indexOf(tag);
      if (at >= 0) {
        yield* this.emit(this.pending.slice(0, at));
        this.pending = this.pending.slice(at + tag.length);
        this.inside = !this.inside;
        continue;
      }
      const keep = partialTagSuffix(this.pending, tag);
      yield* this.emit(this.pending.slice(0, this.pending.length - keep));
      this.pending = this.pending.slice(this.pending.length - keep);
      return;
    }
  }

  *end(): Generator<StreamEvent> {
    yield* this.emit(this.pending);
    this.pending = '';
  }

  private *emit(text: string): Generator<StreamEvent> {
    if (text) yield this.inside ? { type: 'reasoning', text } : { type: 'text', text };
  }
}

/** How many trailing characters of `s` could begin `tag`. */
function partialTagSuffix(s: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, s.length); n > 0; n--) if (tag.startsWith(s.slice(-n))) return n;
  return 0;
}
