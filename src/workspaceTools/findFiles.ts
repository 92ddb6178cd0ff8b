import * as vscode from 'vscode';
import { numberArg, stringArg, type WorkspaceTool } from './types';
import { relativeName } from './workspacePaths';

const MAX_FILES = 200;

export const findFilesTool: WorkspaceTool = {
  name: 'find_files',
  title: 'Find files',
  description: `Lists workspace files matching a glob pattern (e.g. "**/*.ts"), skipping what files.exclude hides. At most ${MAX_FILES} paths.`,
  inputSchema: {
    type: 'object',
    properties: { pattern: { type: 'string', description: 'Glob pattern relative to the workspace folder.' }, maxResults: { type: 'number', description: `At most this many paths (≤ ${MAX_FILES}).` } },
    required: ['pattern'],
  },
  async invoke(input, signal) {
    const pattern = stringArg(input, 'pattern') || '**/*';
    const limit = Math.max(1, Math.min(MAX_FILES, Math.floor(numberArg(input, 'maxResults') ?? MAX_FILES)));
    const cancel = new vscode.CancellationTokenSource();
    signal.addEventListener('abort', () => cancel.cancel(), { once: true });
    try {
      // `undefined` exclude: VS Code applies files.exclude
      const found = await vscode.workspace.findFiles(pattern, undefined, limit + 1, cancel.token);
      const names = found.map(relativeName).sort();
      if (!names.length) return { content: `No files match ${pattern}.` };
      const shown = names.slice(0, limit);
      return { content: shown.join('\n') + (names.length > limit ? `\n[more files match; showing the first ${limit}]` : '') };
    } finally {
      cancel.dispose();
    }
  },
};
