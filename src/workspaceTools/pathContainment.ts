import * as path from 'path';

export type Contained = { path: string; root: string; relative: string } | { error: string };

/**
 * Resolves a workspace-relative path the model sent to a file inside one of the workspace folders. Refused: absolute
 * paths, paths that climb out (`..`), and paths that reach outside through a symlink (the real path of the target,
 * or of its nearest existing parent for a file that does not exist yet, must be inside the folder's real path).
 * Pure apart from `realpath`, so it is unit-tested with a fake file system.
 */
export function containedPath(roots: readonly string[], requested: string, realpath: (p: string) => string | undefined): Contained {
  const rel = requested.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  if (!rel) return { error: 'No path was given.' };
  if (!roots.length) return { error: 'No workspace folder is open.' };
  if (path.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) return { error: `"${requested}" is not a workspace-relative path; give the path relative to the workspace folder.` };
  // `folderName/rest` picks a folder of a multi-root workspace; otherwise the first folder where the path exists
  const candidates = roots.map(root => {
    const first = rel.split('/')[0];
    return path.basename(root) === first && roots.length > 1 ? { root, rel: rel.slice(first.length + 1) || '.' } : { root, rel };
  });
  let firstError: string | undefined;
  let fallback: { path: string; root: string; relative: string } | undefined;
  for (const c of candidates) {
    const full = path.resolve(c.root, c.rel);
    if (!inside(c.root, full)) { firstError ??= `"${requested}" is outside the workspace folders.`; continue; }
    const realRoot = realpath(c.root) ?? c.root;
    const real = realOfNearest(full, realpath);
    if (real && !inside(realRoot, real)) { firstError ??= `"${requested}" leads outside the workspace folders through a symbolic link.`; continue; }
    const found = { path: full, root: c.root, relative: path.relative(c.root, full).replace(/\\/g, '/') || '.' };
    if (realpath(full) !== undefined) return found;
    fallback ??= found;
  }
  return fallback ?? { error: firstError ?? `"${requested}" is outside the workspace folders.` };
}

function inside(root: string, p: string): boolean {
  const r = path.relative(root, p);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

/** The real path of `p`, or of its nearest existing ancestor with the rest appended; undefined when nothing exists. */
function realOfNearest(p: string, realpath: (p: string) => string | undefined): string | undefined {
  let current = p;
  const rest: string[] = [];
  for (;;) {
    const real = realpath(current);
    if (real !== undefined) return path.join(real, ...rest.reverse());
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    rest.push(path.basename(current));
    current = parent;
  }
}
