/**
 * How the raw-payload command shows a response: the decoded answer first (what a person wants to read), then the
 * raw body exactly as received. Long base64 strings (images) and long vectors (embeddings) are shortened in the
 * decoded view only; the raw section is complete. No vscode import.
 */
export function elideJson(value: unknown, maxString = 160, maxItems = 12): unknown {
  if (typeof value === 'string') return value.length > maxString ? `${value.slice(0, maxString)}… (${value.length.toLocaleString('en')} characters)` : value;
  if (Array.isArray(value)) {
    const shown = value.slice(0, maxItems).map(v => elideJson(v, maxString, maxItems));
    return value.length > maxItems ? [...shown, `… ${value.length - maxItems} more of ${value.length}`] : shown;
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, elideJson(v, maxString, maxItems)]));
  return value;
}

export function fence(body: string, lang = 'json'): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map(m => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${body}\n${f}\n`;
}

/** The raw body, pretty-printed when it is JSON (the bytes' text otherwise). */
export function rawSection(text: string, json: unknown): string {
  return fence(json === undefined ? text : JSON.stringify(json, null, 2), json === undefined ? 'text' : 'json');
}
