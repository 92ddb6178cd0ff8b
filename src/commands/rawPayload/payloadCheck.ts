/**
 * Checks a raw payload before it is sent: JSON syntax first, then the family's JSON Schema (the subset of draft-07
 * the body schemas use: type, properties, required, items, enum, const, bounds). The JSON language server shows the
 * same schema while typing; this check is what stops a broken body from costing a round trip. No vscode import.
 */
export interface PayloadProblem {
  /** JSON pointer of the offending value ('' = the whole body). */
  pointer: string;
  message: string;
  /** Character offset in the text, when known (syntax errors, located keys). */
  offset?: number;
}

type Schema = Record<string, unknown>;

export function parsePayload(text: string): { value?: unknown; problems: PayloadProblem[] } {
  try {
    return { value: JSON.parse(text), problems: [] };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { problems: [{ pointer: '', message: `Not valid JSON: ${message}`, offset: syntaxOffset(text, message) }] };
  }
}

/**
 * Where the first syntax error is. Node's JSON.parse message says so in some versions only ("at position N",
 * "line L column C") and not in others ('Unexpected token …is not valid JSON'), so a small scanner finds it itself.
 */
function syntaxOffset(text: string, message: string): number | undefined {
  const pos = /position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  return scanJson(text);
}

/** Offset of the first JSON syntax error, or undefined if the scanner finds none. */
export function scanJson(text: string): number | undefined {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const fail = (): never => { throw i; };
  const literal = (word: string) => { if (text.startsWith(word, i)) i += word.length; else fail(); };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string(); ws();
        if (text[i] !== ':') fail();
        i++; value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail();
      }
    } else if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value(); ws();
    return i < text.length ? i : undefined;
  } catch (at) {
    return at as number;
  }
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function matchesType(v: unknown, t: string): boolean {
  const actual = typeOf(v);
  return actual === t || (t === 'number' && actual === 'integer');
}

const show = (v: unknown) => JSON.stringify(v);

/** Every place the value breaks the schema, outermost first. */
export function checkPayload(value: unknown, schema: Schema, pointer = ''): PayloadProblem[] {
  const problems: PayloadProblem[] = [];
  const at = pointer || 'the body';
  const add = (message: string) => problems.push({ pointer, message: `${at}: ${message}` });
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type as string[] : [schema.type as string];
    if (!types.some(t => matchesType(value, t))) {
      add(`expected ${types.join(' or ')}, found ${typeOf(value)}`);
      return problems; // deeper checks on a value of the wrong type only add noise
    }
  }
  if ('const' in schema && show(value) !== show(schema.const)) add(`must be ${show(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some(e => show(e) === show(value))) add(`must be one of ${schema.enum.map(show).join(', ')}`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) add(`must be at least ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) add(`must be at most ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) add(`must have at least ${schema.minLength} characters`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) add(`must have at most ${schema.maxLength} characters`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) add(`needs at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) add(`takes at most ${schema.maxItems} items`);
    if (schema.items && typeof schema.items === 'object') value.forEach((item, i) => problems.push(...checkPayload(item, schema.items as Schema, `${pointer}/${i}`)));
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? []) {
      if (!(key in obj)) add(`missing required field "${key}"`);
    }
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [key, sub] of Object.entries(props)) {
      if (key in obj) problems.push(...checkPayload(obj[key], sub, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
    }
  }
  return problems;
}

/**
 * Roughly where a pointer's value is in the text: the last key of the pointer, searched after the keys before it.
 * Good enough to put a squiggle on the right line; the message names the exact pointer anyway.
 */
export function locatePointer(text: string, pointer: string): number | undefined {
  let from = 0;
  let found: number | undefined;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(key)) continue;
    const i = text.indexOf(JSON.stringify(key), from);
    if (i < 0) break;
    found = i;
    from = i + 1;
  }
  return found;
}
