/** A result longer than this is cut on the card (the model got all of it). */
const MAX_SHOWN_RESULT = 20_000;

/** Control characters other than tab and newline are dropped: they can reorder or hide text (bidi overrides, escapes). */
export function displayableText(text: string, max = MAX_SHOWN_RESULT): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  return clean.length > max ? `${clean.slice(0, max)}\n… (${clean.length - max} more characters)` : clean;
}
