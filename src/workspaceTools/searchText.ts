import * as vscode from 'vscode';
import { failed, stringArg, type WorkspaceTool } from './types';
import { relativeName } from './workspacePaths';
import { looksLikeSecretFile } from './secretFiles';

const MAX_MATCHES = 100;
const MAX_FILES_SCANNED = 2000;
const MAX_FILE_BYTES = 1_000_000;

export const searchTextTool: WorkspaceTool = {
  name: 'search_text',
  title: 'Search text',
  description: `Searches the workspace's text files for a string (or a regular expression with isRegex) and returns "path:line: text" lines, at most ${MAX_MATCHES}. "include" narrows the files with a glob.`,
  inputSchema: {
    type: 'object',
    properties: {
      query: { type: 'string', description: 'Text to find.' },
      isRegex: { type: 'boolean', description: 'Treat query as a JavaScript regular expression.' },
      include: { type: 'string', description: 'Glob of the files to search, e.g. "src/**/*.ts".' },
    },
    required: ['query'],
  },
  async invoke(input, signal) {
    const query = stringArg(input, 'query');
    if (!query) return failed('The "query" argument is required.');
    let re: RegExp;
    try {
      re = input.isRegex === true ? new RegExp(query) : new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    } catch (e) {
      return failed(`The regular expression does not parse: ${e instanceof Error ? e.message : String(e)}`);
    }
    const cancel = new vscode.CancellationTokenSource();
    signal.addEventListener('abort', () => cancel.cancel(), { once: true });
    try {
      const files = await vscode.workspace.findFiles(stringArg(input, 'include') || '**/*', undefined, MAX_FILES_SCANNED, cancel.token);
      const lines: string[] = [];
      for (const uri of files.sort((a, b) => a.path.localeCompare(b.path))) {
        if (signal.aborted || lines.length > MAX_MATCHES) break;
        if (looksLikeSecretFile(relativeName(uri))) continue;
        const stat = await vscode.workspace.fs.stat(uri).then(s => s, () => undefined);
        if (!stat || stat.size > MAX_FILE_BYTES) continue;
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (bytes.includes(0)) continue;
        const name = relativeName(uri);
        new TextDecoder().decode(bytes).split(/\r?\n/).forEach((line, i) => {
          if (lines.length <= MAX_MATCHES && re.test(line)) lines.push(`${name}:${i + 1}: ${line.trim().slice(0, 200)}`);
        });
      }
      if (!lines.length) return { content: `No matches for ${query}.` };
      return { content: lines.slice(0, MAX_MATCHES).join('\n') + (lines.length > MAX_MATCHES ? `\n[more matches; showing the first ${MAX_MATCHES}]` : '') };
    } finally {
      cancel.dispose();
    }
  },
};
