/**
 * The live transcript of a voice conversation, both sides. Sonic previews each assistant sentence as SPECULATIVE
 * text before speaking it and confirms it as FINAL afterwards: a final replaces the oldest preview still waiting.
 * On barge-in the previews never spoken are dropped and the turn is marked as cut. Kept by the host, so the
 * conversation survives the page and an error, and is what the markdown export writes.
 */
export type TranscriptRole = 'user' | 'assistant' | 'tool' | 'notice';

export interface TranscriptEntry {
  id: number;
  role: TranscriptRole;
  /** Confirmed words (user ASR, assistant FINAL, or the notice / tool line). */
  text: string;
  /** Assistant previews not yet confirmed, oldest first (shown greyed). */
  pending: string[];
  /** The user spoke over this answer. */
  interrupted?: boolean;
  /** The assistant turn is over (its completion ended). */
  done?: boolean;
  /** The user's turn was typed rather than spoken. */
  typed?: boolean;
}

export class Transcript {
  private readonly list: TranscriptEntry[] = [];
  private nextId = 1;

  get entries(): readonly TranscriptEntry[] { return this.list; }

  private add(role: TranscriptRole, text: string, extra: Partial<TranscriptEntry> = {}): TranscriptEntry {
    const e: TranscriptEntry = { id: this.nextId++, role, text, pending: [], ...extra };
    this.list.push(e);
    return e;
  }

  /** The assistant turn being spoken, or a new one. */
  private answer(): TranscriptEntry {
    const last = this.list.at(-1);
    return last?.role === 'assistant' && !last.done ? last : this.add('assistant', '');
  }

  user(text: string, typed = false): void {
    const last = this.list.at(-1);
    // Sonic may confirm one utterance in pieces: they belong to the same turn until the model answers
    if (last?.role === 'user' && !typed && !last.typed) last.text = `${last.text} ${text}`.trim();
    else this.add('user', text, typed ? { typed } : {});
  }

  speculative(text: string): void {
    this.answer().pending.push(text);
  }

  final(text: string): void {
    const a = this.answer();
    a.pending.shift();
    a.text = `${a.text} ${text}`.trim();
  }

  interrupted(): void {
    const last = [...this.list].reverse().find(e => e.role === 'assistant');
    if (!last || last.done) return;
    last.interrupted = true;
    last.pending = [];
  }

  turnEnd(): void {
    const last = this.list.at(-1);
    if (last?.role === 'assistant') { last.done = true; last.pending = []; }
    else {
      const open = [...this.list].reverse().find(e => e.role === 'assistant' && !e.done);
      if (open) { open.done = true; open.pending = []; }
    }
  }

  tool(text: string): void { this.add('tool', text); }
  notice(text: string): void { this.add('notice', text); }

  /** The conversation as markdown: speakers in bold, a cut answer marked, tool calls and notices in italics. */
  markdown(title: string): string {
    const lines = [`# ${title}`, ''];
    for (const e of this.list) {
      if (e.role === 'user') lines.push(`**You${e.typed ? ' (typed)' : ''}:** ${e.text}`, '');
      else if (e.role === 'assistant') {
        if (!e.text && !e.interrupted) continue;
        lines.push(`**Nova Sonic:** ${e.text}${e.interrupted ? ' — *(interrupted)*' : ''}`, '');
      } else lines.push(`*${e.role === 'tool' ? 'Tool' : 'Note'}: ${e.text}*`, '');
    }
    return lines.join('\n');
  }
}
