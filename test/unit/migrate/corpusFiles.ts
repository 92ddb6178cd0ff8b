import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as ts from 'typescript';
import type { MigrateOptions, SourceSelection } from '../../../src/migrate';

// Finds the migration corpus from the compiled test (out/test/unit/migrate) or the source tree.

export function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'test', 'fixtures', 'migrate'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repo root above ${__dirname}`);
  }
}

export const fixtures = path.join(repoRoot(), 'test', 'fixtures', 'migrate');
export const corpusDir = path.join(fixtures, 'corpus');
export const expectedDir = path.join(fixtures, 'expected');

export const groupSource: Record<string, SourceSelection> = { 'openai-py': 'openai', 'openai-js': 'openai', anthropic: 'anthropic', negative: 'all' };

export interface CorpusFile { rel: string; group: string; abs: string; from: SourceSelection; options: Partial<MigrateOptions> }

export function corpusFiles(): CorpusFile[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(fixtures, 'corpus.json'), 'utf8')) as { options: Record<string, Partial<MigrateOptions>> };
  const out: CorpusFile[] = [];
  for (const group of Object.keys(groupSource)) {
    for (const name of fs.readdirSync(path.join(corpusDir, group)).sort()) {
      const rel = `${group}/${name}`;
      out.push({ rel, group, abs: path.join(corpusDir, group, name), from: groupSource[group], options: manifest.options[rel] ?? {} });
    }
  }
  return out;
}

/** Syntax errors the TypeScript parser reports for a JS/TS text (what tsc would refuse to parse). */
export function jsSyntaxErrors(text: string, fileName: string): string[] {
  const out = ts.transpileModule(text, { fileName, reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.Latest, jsx: ts.JsxEmit.Preserve } });
  return (out.diagnostics ?? []).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** Runs CPython's own parser over many sources in one process; returns name → error for the ones that fail. */
export function pythonSyntaxErrors(sources: Array<[string, string]>): Record<string, string> {
  const script = 'import ast, json, sys\nout = {}\nfor name, src in json.load(sys.stdin):\n    try:\n        ast.parse(src)\n    except SyntaxError as e:\n        out[name] = f"{e.msg} at line {e.lineno}"\nprint(json.dumps(out))\n';
  const stdout = execFileSync('python3', ['-c', script], { input: JSON.stringify(sources), encoding: 'utf8' });
  return JSON.parse(stdout) as Record<string, string>;
}
