import type { Language } from './model';

const jsExtensions = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
const jsLanguageIds = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];

/** The engine's language for a file name or a VS Code language id; undefined for anything else. */
export function languageOf(fileNameOrLanguageId: string): Language | undefined {
  const lower = fileNameOrLanguageId.toLowerCase();
  if (lower === 'python' || lower.endsWith('.py') || lower.endsWith('.pyi')) return 'python';
  if (jsLanguageIds.includes(lower) || jsExtensions.some(ext => lower.endsWith(ext))) return lower.endsWith('.d.ts') ? undefined : 'js';
  return undefined;
}

/** A file name the TypeScript parser can take for a language id (it picks JSX/TS parsing from it). */
export function jsFileNameFor(fileNameOrLanguageId: string): string {
  switch (fileNameOrLanguageId) {
    case 'typescript': return 'file.ts';
    case 'typescriptreact': return 'file.tsx';
    case 'javascript': return 'file.js';
    case 'javascriptreact': return 'file.jsx';
    default: return fileNameOrLanguageId;
  }
}
