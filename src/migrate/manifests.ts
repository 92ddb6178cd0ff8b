import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Dependency } from './model';

// The dependency edits a migration needs, proposed on the project's own manifests: package.json for
// npm, requirements*.txt or pyproject.toml (PEP 621 `dependencies = [...]` or Poetry) for pip. Only
// text is edited (one line per package, the file's own layout kept); nothing is installed. A
// manifest the edit cannot be placed in safely is left alone and the install command is said instead.

export interface ManifestEdit {
  file: string;
  before: string;
  after: string;
}

/** `openai[bedrock]>=2.44.0` → name `openai`, extras `[bedrock]`, constraint `>=2.44.0`; `@scope/pkg@>=1` likewise for npm. */
function parseSpec(d: Dependency): { name: string; extras: string; constraint: string } {
  if (d.ecosystem === 'npm') {
    const at = d.spec.lastIndexOf('@');
    return at > 0 ? { name: d.spec.slice(0, at), extras: '', constraint: d.spec.slice(at + 1) } : { name: d.spec, extras: '', constraint: '' };
  }
  const m = /^([A-Za-z0-9_.-]+)(\[[^\]]*\])?(.*)$/.exec(d.spec)!;
  return { name: m[1], extras: m[2] ?? '', constraint: m[3].trim() };
}

const pipName = (s: string) => s.toLowerCase().replace(/[-_.]+/g, '-');

/** The nearest manifest for an ecosystem at or above `file`'s folder, not above `stop`. */
export function nearestManifest(file: string, ecosystem: Dependency['ecosystem'], stop?: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  const limit = stop ? path.resolve(stop) : undefined;
  for (;;) {
    const names = ecosystem === 'npm' ? ['package.json'] : ['requirements.txt', 'pyproject.toml'];
    for (const n of names) if (fs.existsSync(path.join(dir, n))) return path.join(dir, n);
    const parent = path.dirname(dir);
    if (parent === dir || (limit && !(dir + path.sep).startsWith(limit + path.sep)) || dir === limit) return undefined;
    dir = parent;
  }
}

/** The manifest text with the dependencies added (or their version constraint raised); undefined when it cannot be edited safely. */
export function editManifest(file: string, text: string, deps: readonly Dependency[]): string | undefined {
  const base = path.basename(file);
  if (base === 'package.json') return editPackageJson(text, deps.filter(d => d.ecosystem === 'npm'));
  if (/^requirements.*\.txt$/.test(base)) return editRequirements(text, deps.filter(d => d.ecosystem === 'pip'));
  if (base === 'pyproject.toml') return editPyproject(text, deps.filter(d => d.ecosystem === 'pip'));
  return undefined;
}

function editPackageJson(text: string, deps: readonly Dependency[]): string | undefined {
  let pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  try { pkg = JSON.parse(text) as typeof pkg; } catch { return undefined; }
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const dependencies = { ...(pkg.dependencies ?? {}) };
  let changed = false;
  for (const d of deps) {
    const { name, constraint } = parseSpec(d);
    const current = dependencies[name] ?? pkg.devDependencies?.[name];
    const wanted = constraint || 'latest';
    if (current === undefined) { dependencies[name] = wanted; changed = true; } else if (constraint && current !== constraint && olderThan(current, constraint)) { dependencies[name] = constraint; changed = true; }
  }
  if (!changed) return text;
  const out = JSON.stringify({ ...pkg, dependencies }, null, indent);
  return text.endsWith('\n') ? `${out}\n` : out;
}

/** True when a pinned range's first version is older than the minimum in `constraint` (`>=6.45.0`). */
function olderThan(current: string, constraint: string): boolean {
  const v = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(current);
  const min = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(constraint);
  if (!v || !min) return false;
  for (let i = 1; i <= 3; i++) {
    const a = Number(v[i] ?? 0), b = Number(min[i] ?? 0);
    if (a !== b) return a < b;
  }
  return false;
}

function editRequirements(text: string, deps: readonly Dependency[]): string {
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  for (const d of deps) {
    const { name } = parseSpec(d);
    const i = lines.findIndex(l => { const m = /^\s*([A-Za-z0-9_.-]+)/.exec(l); return !!m && pipName(m[1]) === pipName(name); });
    if (i < 0) lines.push(d.spec);
    else if (lines[i].trim() !== d.spec && parseSpec(d).constraint) {
      const comment = /\s+#.*$/.exec(lines[i])?.[0] ?? '';
      if (needsRaise(lines[i], d)) lines[i] = `${d.spec}${comment}`;
    }
  }
  return lines.join(nl) + nl;
}

/** A requirement line is replaced when it lacks the extras the spec needs or pins an older version. */
function needsRaise(line: string, d: Dependency): boolean {
  const { extras, constraint } = parseSpec(d);
  if (extras && !line.includes(extras)) return true;
  const pinned = /(?:==|~=|>=|<=|<|>)\s*([\d.]+)/.exec(line)?.[1];
  return !!pinned && olderThan(pinned, constraint);
}

function editPyproject(text: string, deps: readonly Dependency[]): string | undefined {
  // PEP 621: dependencies = [ "a", "b>=1", ] inside [project]
  const pep = /(\[project\][^[]*?\bdependencies\s*=\s*\[)([\s\S]*?)(\])/.exec(text);
  if (pep) {
    let body = pep[2];
    const multiline = body.includes('\n');
    const itemIndent = /\n([ \t]+)["']/.exec(body)?.[1] ?? '    ';
    const q = /'/.test(body) && !/"/.test(body) ? "'" : '"';
    for (const d of deps) {
      const { name } = parseSpec(d);
      const item = new RegExp(`(["'])(${name.replace(/[-_.]/g, '[-_.]')}\\b[^"']*)\\1`, 'i').exec(body);
      if (item) {
        if (needsRaise(item[2], d)) body = body.replace(item[0], `${item[1]}${d.spec}${item[1]}`);
        continue;
      }
      const entry = `${q}${d.spec}${q}`;
      if (multiline) {
        // after the last entry, in the list's own style (a trailing comma stays a trailing comma)
        const end = body.trimEnd().length;
        const trailing = body[end - 1] === ',';
        body = `${body.slice(0, end)}${trailing ? '' : ','}\n${itemIndent}${entry}${trailing ? ',' : ''}${body.slice(end)}`;
      } else body = body.trim() ? `${body.replace(/,?\s*$/, '')}, ${entry}` : entry;
    }
    return text.slice(0, pep.index) + pep[1] + body + pep[3] + text.slice(pep.index + pep[0].length);
  }
  // Poetry: one `name = "constraint"` line per package under [tool.poetry.dependencies]
  const poetry = /\[tool\.poetry\.dependencies\]\r?\n/.exec(text);
  if (!poetry) return undefined;
  let out = text;
  const sectionStart = poetry.index + poetry[0].length;
  for (const d of deps) {
    const { name, extras, constraint } = parseSpec(d);
    const line = new RegExp(`^${name.replace(/[-_.]/g, '[-_.]')}\\s*=.*$`, 'mi');
    const value = extras ? `{ version = "${constraint || '*'}", extras = [${extras.slice(1, -1).split(',').map(e => `"${e.trim()}"`).join(', ')}] }` : `"${constraint || '*'}"`;
    const existing = line.exec(out.slice(sectionStart));
    if (existing) {
      if (needsRaise(existing[0], d)) out = out.slice(0, sectionStart) + out.slice(sectionStart).replace(existing[0], `${name} = ${value}`);
    } else {
      out = `${out.slice(0, sectionStart)}${name} = ${value}\n${out.slice(sectionStart)}`;
    }
  }
  return out;
}

/** Environment variables an OpenAI app reads, and what the Bedrock code reads instead. */
export const environmentNotes: Record<string, string> = {
  OPENAI_API_KEY: 'OPENAI_API_KEY: Bedrock signs with the AWS credential chain (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, SSO, instance roles), or takes a Bedrock API key in AWS_BEARER_TOKEN_BEDROCK',
  OPENAI_BASE_URL: 'OPENAI_BASE_URL: the Bedrock provider picks the endpoint from the region (AWS_REGION); drop it, or it redirects the client away from Bedrock',
  OPENAI_API_BASE: 'OPENAI_API_BASE: the endpoint now follows the region (AWS_REGION); drop it',
  OPENAI_ORG_ID: 'OPENAI_ORG_ID: Bedrock has no organisations; access is per AWS account and IAM policy',
  AZURE_OPENAI_API_KEY: 'AZURE_OPENAI_API_KEY: Bedrock signs with the AWS credential chain or AWS_BEARER_TOKEN_BEDROCK',
  AZURE_OPENAI_ENDPOINT: 'AZURE_OPENAI_ENDPOINT: the endpoint now follows the region (AWS_REGION)',
};

/** Uses of OpenAI's environment variables in a file, each with the Bedrock equivalent (1-based lines). */
export function environmentUses(text: string): Array<{ line: number; variable: string; note: string }> {
  const out: Array<{ line: number; variable: string; note: string }> = [];
  const re = new RegExp(`\\b(${Object.keys(environmentNotes).join('|')})\\b`, 'g');
  for (const m of text.matchAll(re)) {
    const line = text.slice(0, m.index).split('\n').length;
    if (!out.some(o => o.line === line && o.variable === m[1])) out.push({ line, variable: m[1], note: environmentNotes[m[1]] });
  }
  return out;
}
