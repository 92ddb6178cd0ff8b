import * as vscode from 'vscode';

/** Every file the engine reads (languageOf in ../language.ts decides the rest). */
export const SOURCE_GLOB = '**/*.{py,pyi,ts,tsx,mts,cts,js,jsx,mjs,cjs}';

/** Folders no one migrates: installed packages, virtual environments, build output, caches. */
const SKIPPED_FOLDERS = ['node_modules', '.venv', 'venv', 'env', 'site-packages', '__pycache__', '.tox', '.mypy_cache', '.git', 'dist', 'out', 'build', '.next'];

/**
 * The exclude glob for findFiles. Passing any exclude switches off VS Code's own files.exclude, so the user's
 * entries are folded in (those with braces of their own cannot nest in one group and those with `when` clauses
 * depend on sibling files, so both are left out).
 */
export function sourceExcludeGlob(): string {
  const patterns = SKIPPED_FOLDERS.map(f => `**/${f}/**`);
  for (const [pattern, on] of Object.entries(filesExclude())) {
    if (on === true && !/[{},]/.test(pattern)) patterns.push(pattern, `${pattern}/**`);
  }
  return `{${patterns.join(',')}}`;
}

function filesExclude(): Record<string, unknown> {
  return vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude') ?? {};
}

/** Source files under `folder` (or the whole workspace), honouring files.exclude and the skipped folders. */
export async function findSourceFiles(folder: vscode.Uri | undefined, token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const include = folder ? new vscode.RelativePattern(folder, SOURCE_GLOB) : SOURCE_GLOB;
  const found = await vscode.workspace.findFiles(include, sourceExcludeGlob(), undefined, token);
  return found.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}
