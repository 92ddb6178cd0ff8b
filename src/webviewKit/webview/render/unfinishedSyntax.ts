/**
 * While a reply streams, its last line is usually cut mid-token. Rendering it verbatim makes the display flicker:
 * a lone `-` under a paragraph is a setext heading for one frame, `[docs](https://exa` shows raw brackets, an
 * unclosed backtick swallows the rest of the line. This closes such syntax for display only; the final render (after
 * the stream ends) always uses the real text.
 */

/** A line made only of block markers (`-`, `#`, `>`, `1.`, a fence opener, …) with no content yet. */
const BARE_BLOCK_MARKERS = /^[ \t]*(?:[-+*=_#>`~|:]+|\d{1,9}[.)]?)[ \t]*$/;
/** `[label](partial-url` or `![alt](partial-url` at the end of the line. */
const HALF_LINK = /(!?)\[([^[\]\n]*)\]\([^()\s]*$/;

export function closeUnfinishedLine(partialLine: string): string {
  if (!partialLine) return partialLine;
  if (BARE_BLOCK_MARKERS.test(partialLine)) return '';
  let line = partialLine.replace(HALF_LINK, (_m, bang: string, label: string) => (bang ? '' : label));
  const singleBackticks = (line.match(/`+/g) ?? []).filter(run => run.length === 1).length;
  if (singleBackticks % 2 === 1) return line + '`';
  // Bold only when code spans are balanced, so the closer cannot land inside a code span.
  const strong = line.split('**').length - 1;
  if (strong % 2 === 1 && /\*\*\S[^*]*$/.test(line)) line += '**';
  return line;
}
