import type { Token } from 'markdown-it';
import { closeUnfinishedLine } from './unfinishedSyntax';
import { parseMarkdown, type MarkdownEnv } from './markdownEngine';

/**
 * Finds which top-level blocks at the start of the open tail of a streamed reply can no longer change, so they can be
 * rendered once and never parsed again. Pure (no DOM): unit-tested in Node.
 *
 * The tail is parsed by markdown-it itself, so block boundaries are exactly markdown-it's (a list that continues after
 * a blank line, a paragraph that a later `===` turns into a heading, a table whose delimiter row arrives later: all of
 * these are still the last block, which stays open). A block is closed once the NEXT block starts on a complete line:
 * CommonMark never reopens a block after a later line started another one. The incomplete last line is never trusted
 * for that decision (`para\n#` is a heading for one token, then `#hashtag` is not), and a table start is trusted only
 * when its delimiter row is complete too, because a table is the one block whose start depends on the line after it.
 * The last block itself closes early when it cannot grow: a fence whose closing line arrived, a heading, a rule.
 */

export interface ClosedSlice {
  /** Offsets in the tail: the block's own lines plus the blank/reference lines up to the next block. */
  start: number;
  end: number;
  /** Its tokens in `TailSplit.tokens` (valid for rendering when `referencesChanged` is false). */
  tokenStart: number;
  tokenEnd: number;
}

export interface OpenFence {
  /** Offset in the tail where the code starts (the line after the opener). */
  contentStart: number;
  /** The opening marker, e.g. "```" or "~~~~". */
  marker: string;
  info: string;
}

export interface TailSplit {
  tokens: Token[];
  /** The scratch env the tail was parsed with (committed references plus any defined in the tail). */
  env: MarkdownEnv;
  closed: ClosedSlice[];
  /** Tail characters now closed (`closed` slices cover [0, closedLength)). */
  closedLength: number;
  /** First token of the blocks that stay open. */
  openTokenStart: number;
  /** The blocks that stay open, one top-level block each, in order (their tokens in `tokens`). */
  openBlocks: { tokenStart: number; tokenEnd: number }[];
  /** Set when the only open block is a fenced code block still waiting for its closing line. */
  openFence?: OpenFence;
  /** The tail defined link references that the committed env does not know. */
  referencesChanged: boolean;
}

interface BlockGroup {
  tokenStart: number;
  tokenEnd: number;
  first: Token;
  startLine: number;
  endLine: number;
}

export function splitTail(tail: string, committed: MarkdownEnv, final: boolean): TailSplit {
  const lastNewline = tail.lastIndexOf('\n');
  const complete = final ? tail : tail.slice(0, lastNewline + 1);
  const partial = final ? '' : tail.slice(lastNewline + 1);
  const lineStarts = lineStartOffsets(complete);
  // Lines [0, completeLines) end with a newline (or the stream has ended).
  const completeLines = final ? Number.MAX_SAFE_INTEGER : lineStarts.length - 1;
  const env: MarkdownEnv = { references: { ...committed.references } };
  const tokens = parseMarkdown(complete + closeUnfinishedLine(partial), env);
  const groups = topLevelGroups(tokens);
  const referencesChanged = Object.keys(env.references ?? {}).length !== Object.keys(committed.references ?? {}).length;
  const lineOffset = (line: number) => (line < lineStarts.length ? lineStarts[line] : tail.length);

  const closed: ClosedSlice[] = [];
  let closedLines = 0;
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i];
    const next = groups[i + 1];
    const endLine = final && !next ? Number.MAX_SAFE_INTEGER
      : (next && closedBy(next, completeLines)) ?? closedEarly(group, completeLines, complete, lineStarts);
    if (endLine === undefined) break;
    const end = Math.min(lineOffset(endLine), tail.length);
    closed.push({ start: lineOffset(closedLines), end, tokenStart: group.tokenStart, tokenEnd: group.tokenEnd });
    closedLines = endLine;
  }
  const closedLength = closed.length ? closed[closed.length - 1].end : 0;
  const openGroups = groups.slice(closed.length);
  const split: TailSplit = {
    tokens, env, closed, closedLength, referencesChanged,
    openTokenStart: openGroups.length ? openGroups[0].tokenStart : tokens.length,
    openBlocks: openGroups.map(g => ({ tokenStart: g.tokenStart, tokenEnd: g.tokenEnd })),
  };
  const fence = openGroups.length === 1 ? openGroups[0] : undefined;
  // Blank lines may sit between the closed part and the fence (after a heading closed early, say).
  const onlyBlankBefore = (line: number) => line >= closedLines && !complete.slice(lineOffset(closedLines), lineOffset(line)).trim();
  if (!final && fence && fence.first.type === 'fence' && fence.startLine < completeLines && onlyBlankBefore(fence.startLine)) {
    const opener = complete.slice(lineStarts[fence.startLine], lineStarts[fence.startLine + 1]);
    // Only an unindented opener: markdown-it strips the opener's indentation from every code line, which the
    // append-only display of an open fence does not imitate.
    if (/^[`~]/.test(opener)) {
      split.openFence = { contentStart: lineStarts[fence.startLine + 1] - closedLength, marker: fence.first.markup, info: fence.first.info };
    }
  }
  return split;
}

/** The line where the block before `next` ends, when `next` certainly starts there. */
function closedBy(next: BlockGroup, completeLines: number): number | undefined {
  if (next.startLine >= completeLines) return undefined;
  if (next.first.type === 'table_open' && next.startLine + 1 >= completeLines) return undefined;
  return next.startLine;
}

/** The end line of the last block when no further line can extend it. */
function closedEarly(group: BlockGroup, completeLines: number, complete: string, lineStarts: number[]): number | undefined {
  if (group.endLine > completeLines) return undefined;
  const type = group.first.type;
  if (type === 'heading_open' || type === 'hr') return group.endLine;
  if (type === 'fence' && group.endLine - group.startLine >= 2) {
    const lastLine = complete.slice(lineStarts[group.endLine - 1], lineStarts[group.endLine]);
    if (isClosingFence(lastLine, group.first.markup)) return group.endLine;
  }
  return undefined;
}

/** CommonMark closing fence: same character, at least as long as the opener, up to 3 spaces indent, nothing after. */
export function isClosingFence(line: string, marker: string): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*\n?$/.exec(line);
  return !!m && m[1][0] === marker[0] && m[1].length >= marker.length;
}

function topLevelGroups(tokens: Token[]): BlockGroup[] {
  const groups: BlockGroup[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    if (first.level !== 0 || first.nesting === -1 || !first.map) continue;
    let end = i + 1;
    if (first.nesting === 1) {
      while (end < tokens.length && !(tokens[end].level === 0 && tokens[end].nesting === -1)) end++;
      end++;
    }
    groups.push({ tokenStart: i, tokenEnd: end, first, startLine: first.map[0], endLine: first.map[1] });
    i = end - 1;
  }
  return groups;
}

/** Offsets of every line start, plus the text length as a final sentinel when the text ends with a newline. */
function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
