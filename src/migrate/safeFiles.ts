import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { languageOf } from './language';

// Which files a migration may read and rewrite, and how, for the CLI and the VS Code commands alike.
// Only regular files inside the given roots are touched: a symbolic link is never followed out of
// the roots nor written through (its target, when inside, is visited under its real path), and
// FIFOs, sockets, devices and files over the size limit are skipped, each with the reason. A file
// keeps its bytes outside the rewritten lines: its encoding (UTF-8, UTF-8 with BOM, or the Latin-1
// a Python coding declaration names), its BOM and its line endings; an encoding that cannot be kept
// is refused with the reason. Writes go to a temporary file beside the original, then a rename.

/** Larger files are generated or vendored code, not something to rewrite by hand-review. */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

export interface Skipped { path: string; reason: string }

const skippedDirs = new Set(['node_modules', '.git', 'dist', 'out', 'build', '.venv', 'venv', '__pycache__', 'site-packages', '.tox', '.mypy_cache', '.next']);

function inside(child: string, roots: readonly string[]): boolean {
  return roots.some(r => child === r || child.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
}

/** Why a path (already known to exist) must not be migrated, or undefined when it is a regular file that may be. */
export function refusalFor(file: string, realRoots: readonly string[], maxBytes = DEFAULT_MAX_BYTES): string | undefined {
  let st: fs.Stats;
  try { st = fs.lstatSync(file); } catch (e) { return `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`; }
  if (st.isSymbolicLink()) {
    let target: string;
    try { target = fs.realpathSync(file); } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ELOOP' ? 'symbolic link loop' : `dangling symbolic link (${code ?? 'error'})`;
    }
    if (!inside(target, realRoots)) return `symbolic link to ${target}, outside the folders given: not followed`;
    return 'symbolic link: not written through (its target inside the folders given is migrated under its own path)';
  }
  if (st.isFIFO()) return 'named pipe (FIFO): not a source file';
  if (st.isSocket()) return 'socket: not a source file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device: not a source file';
  if (!st.isFile()) return 'not a regular file';
  if (st.size > maxBytes) return `larger than ${maxBytes} bytes (${st.size}): not migrated`;
  const real = fs.realpathSync(file);
  if (!inside(real, realRoots)) return `resolves to ${real}, outside the folders given`;
  return undefined;
}

/** The real paths of the roots (a root given as a symlink is the user's own choice, so it is resolved). */
export function realRoots(roots: readonly string[]): string[] {
  return roots.map(r => { try { return fs.realpathSync(r); } catch { return path.resolve(r); } });
}

/**
 * Source files under the given paths, in a stable order, and every entry skipped with its reason.
 * Folders that are symbolic links are not entered (a loop cannot form); named files are always considered.
 */
export function collectSourceFiles(paths: readonly string[], maxBytes = DEFAULT_MAX_BYTES): { files: string[]; skipped: Skipped[] } {
  const files: string[] = [];
  const skipped: Skipped[] = [];
  const roots = realRoots(paths);
  const seen = new Set<string>();
  const walk = (p: string, explicit: boolean): void => {
    let st: fs.Stats;
    try { st = explicit ? fs.statSync(p) : fs.lstatSync(p); } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      skipped.push({ path: p, reason: code === 'ELOOP' ? 'symbolic link loop' : code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})` });
      return;
    }
    if (st.isDirectory()) {
      const real = fs.realpathSync(p);
      if (seen.has(real)) { skipped.push({ path: p, reason: 'folder already visited (a loop)' }); return; }
      seen.add(real);
      for (const name of fs.readdirSync(p).sort()) {
        if (skippedDirs.has(name) || name.startsWith('.')) continue;
        walk(path.join(p, name), false);
      }
      return;
    }
    if (!explicit && !st.isSymbolicLink() && st.isFile() && !languageOf(p)) return; // not a source file: nothing to say
    if (!explicit && st.isSymbolicLink() && !languageOf(p)) {
      // a link to a folder or to a non-source file: say so only when it leaves the roots or loops
      const why = refusalFor(p, roots, maxBytes);
      if (why && !why.startsWith('symbolic link:')) skipped.push({ path: p, reason: why });
      return;
    }
    const why = refusalFor(p, roots, maxBytes);
    if (why) { skipped.push({ path: p, reason: why }); return; }
    if (explicit || languageOf(p)) files.push(p);
  };
  for (const p of paths) walk(p, true);
  return { files, skipped };
}

export type SourceEncoding = { kind: 'utf8'; bom: boolean } | { kind: 'latin1' };

export interface DecodedSource { text: string; encoding: SourceEncoding }

const latin1Names = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'iso_8859_1', 'l1', 'cp819', 'iso-ir-100']);
const utf8Names = new Set(['utf-8', 'utf8', 'utf_8', 'u8', 'utf', 'ascii', 'us-ascii', 'utf-8-sig']);

/** PEP 263: `# -*- coding: latin-1 -*-` (or `# vim: set fileencoding=…`) in the first two lines. */
export function pythonCodingCookie(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 400).toString('latin1').split(/\r?\n/).slice(0, 2);
  for (const line of head) {
    const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (m) return m[1].toLowerCase();
    if (!/^[ \t\f]*(#.*)?$/.test(line)) break; // the cookie may follow only a comment line (the shebang)
  }
  return undefined;
}

/** The file's text and how to write it back, or the reason it must be left alone. */
export function decodeSource(bytes: Buffer, fileName: string): DecodedSource | { refused: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe || bytes[0] === 0xfe && bytes[1] === 0xff) return { refused: 'UTF-16 text: not rewritten (convert it to UTF-8 first)' };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const cookie = languageOf(fileName) === 'python' ? pythonCodingCookie(bytes) : undefined;
  let text: string;
  let encoding: SourceEncoding;
  if (cookie && !utf8Names.has(cookie)) {
    if (!latin1Names.has(cookie) || bom) return { refused: `declares the ${cookie} encoding, which the migration cannot keep byte for byte: left unchanged` };
    text = bytes.toString('latin1');
    encoding = { kind: 'latin1' };
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
    } catch {
      return { refused: 'not valid UTF-8 and no coding declaration says otherwise: left unchanged' };
    }
    encoding = { kind: 'utf8', bom };
  }
  // The engine gives a CRLF file its CRLFs back everywhere; a file mixing both would have its LF lines changed.
  if (text.includes('\r\n') && /(^|[^\r])\n/.test(text)) return { refused: 'mixes CRLF and LF line endings: normalise them first (file left unchanged)' };
  return { text, encoding };
}

/** The bytes for migrated text in the file's own encoding; throws when the text does not fit it. */
export function encodeSource(text: string, encoding: SourceEncoding): Buffer {
  if (encoding.kind === 'latin1') {
    // eslint-disable-next-line no-control-regex
    if (/[^\u0000-\u00ff]/.test(text)) throw new Error('the migrated text has characters Latin-1 cannot hold');
    return Buffer.from(text, 'latin1');
  }
  const body = Buffer.from(text, 'utf8');
  return encoding.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Reads a file the collector admitted. */
export function readSource(file: string): DecodedSource | { refused: string } {
  return decodeSource(fs.readFileSync(file), file);
}

/**
 * Replaces a regular file's content through a temporary file in the same folder and a rename, keeping
 * its mode; refuses a path that is (now) a symbolic link or not a regular file.
 */
export function writeSourceAtomically(file: string, bytes: Buffer): void {
  const st = fs.lstatSync(file);
  if (st.isSymbolicLink()) throw new Error(`${file} is a symbolic link: not written through`);
  if (!st.isFile()) throw new Error(`${file} is not a regular file`);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.bedrock-migrate-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx', st.mode & 0o7777);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.chmodSync(tmp, st.mode & 0o7777);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
