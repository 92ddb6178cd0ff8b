// Splits Python source into its top-level statements without parsing it: a statement starts on a line whose
// first column holds code, outside brackets, strings and backslash continuations. Decorators stay with what they
// decorate and `else`/`elif`/`except`/`finally` with their compound statement. Used only to choose which parts of a
// big file tree-sitter must parse; a wrong split shows up as a parse error there, and the caller then parses all.

export interface Span { start: number; end: number }

const continuesCompound = /^(else|elif|except|finally)\b/;
const NL = 10, CR = 13, SPACE = 32, TAB = 9, FF = 12, HASH = 35, AT = 64, BACKSLASH = 92, DQ = 34, SQ = 39;
const LPAREN = 40, RPAREN = 41, LBRACKET = 91, RBRACKET = 93, LBRACE = 123, RBRACE = 125;

export function topLevelStatements(text: string): Span[] {
  const spans: Span[] = [];
  const n = text.length;
  let start = 0;
  let decoratorsOnly = false;
  let depth = 0;
  let quote = 0; // the open string's quote character, 0 outside strings
  let triple = false;
  let continued = false; // the previous line ended in a backslash
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (depth === 0 && !quote && !continued && c !== SPACE && c !== TAB && c !== NL && c !== CR && c !== HASH && c !== FF) {
      if (i > start && !decoratorsOnly && !continuesCompound.test(text.slice(i, i + 8))) {
        spans.push({ start, end: i });
        start = i;
      }
      decoratorsOnly = c === AT && (decoratorsOnly || i === start);
    }
    continued = false;
    for (let ch = text.charCodeAt(i); i < n && ch !== NL; ch = text.charCodeAt(i)) {
      if (quote) {
        if (ch === BACKSLASH) { i += 2; continue; }
        if (ch === quote && (!triple || (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote))) {
          i += triple ? 3 : 1;
          quote = 0;
          continue;
        }
        i++;
      } else if (ch === HASH) {
        const eol = text.indexOf('\n', i);
        i = eol === -1 ? n : eol;
      } else if (ch === DQ || ch === SQ) {
        quote = ch;
        triple = text.charCodeAt(i + 1) === ch && text.charCodeAt(i + 2) === ch;
        i += triple ? 3 : 1;
      } else {
        if (ch === LPAREN || ch === LBRACKET || ch === LBRACE) depth++;
        else if ((ch === RPAREN || ch === RBRACKET || ch === RBRACE) && depth > 0) depth--;
        else if (ch === BACKSLASH && (text.charCodeAt(i + 1) === NL || (text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === NL))) continued = true;
        i++;
      }
    }
    // a one-quote string cannot span lines unless escaped; an unterminated one is the parser's to report
    if (quote && !triple && text.charCodeAt(i - 1) !== BACKSLASH) quote = 0;
    i++;
  }
  if (start < n) spans.push({ start, end: n });
  return spans;
}
