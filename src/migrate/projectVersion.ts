import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Language } from './model';

// The `openai` version a project pins, read from the nearest manifest above a file: package.json
// for JS/TS; requirements*.txt, pyproject.toml or setup.cfg for Python. Manifests are data, so
// plain text matching is enough here (code is never edited this way).

const cache = new Map<string, string | undefined>();

export function pinnedOpenAIVersion(file: string, language: Language): string | undefined {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    const key = `${language}:${dir}`;
    if (cache.has(key)) return cache.get(key);
    const found = language === 'js' ? fromPackageJson(dir) : fromPythonManifests(dir);
    if (found !== null) { cache.set(key, found); return found; }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** undefined: manifest found without openai; null: no manifest here. */
function fromPackageJson(dir: string): string | undefined | null {
  const file = path.join(dir, 'package.json');
  if (!fs.existsSync(file)) return null;
  try {
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, string> | undefined>;
    return pkg.dependencies?.openai ?? pkg.devDependencies?.openai ?? pkg.peerDependencies?.openai;
  } catch {
    return undefined;
  }
}

function fromPythonManifests(dir: string): string | undefined | null {
  let seen = false;
  let names: string[];
  try { names = fs.readdirSync(dir); } catch { return null; }
  for (const name of names.filter(n => /^requirements.*\.txt$/.test(n)).sort()) {
    seen = true;
    const m = /^\s*openai(?:\[[^\]]*\])?\s*([<>=!~][^#;\n]*)/mi.exec(fs.readFileSync(path.join(dir, name), 'utf8'));
    if (m) return m[1].trim();
  }
  if (names.includes('pyproject.toml')) {
    seen = true;
    const text = fs.readFileSync(path.join(dir, 'pyproject.toml'), 'utf8');
    const m = /["']openai(?:\[[^\]]*\])?\s*([<>=!~][^"';]*)["']/i.exec(text) ?? /^\s*openai\s*=\s*["']([^"']+)["']/mi.exec(text) ?? /^\s*openai\s*=\s*\{[^}]*version\s*=\s*["']([^"']+)["']/mi.exec(text);
    if (m) return m[1].trim();
  }
  if (names.includes('setup.cfg') || names.includes('setup.py')) seen = true;
  return seen ? undefined : null;
}
