import * as vscode from 'vscode';
import { capped, failed, type WorkspaceTool } from './types';
import { workspaceFileArg } from './workspacePaths';

/** Larger files are cut: a model's context is finite and a tool result is sent again on every later turn. */
export const MAX_READ_CHARS = 50_000;
const MAX_READ_BYTES = 2_000_000;

export const readFileTool: WorkspaceTool = {
  name: 'read_file',
  title: 'Read a file',
  description: 'Reads a text file of the open workspace. `path` is relative to the workspace folder (e.g. "src/index.ts"). Long files are truncated, and the result says so.',
  inputSchema: { type: 'object', properties: { path: { type: 'string', description: 'Workspace-relative path of the file.' } }, required: ['path'] },
  async invoke(input) {
    const where = workspaceFileArg(input);
    if ('refused' in where) return where.refused;
    const uri = where.uri;
    // an open editor's text is what the user sees, saved or not
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
    if (open) return { content: capped(open.getText(), MAX_READ_CHARS, `${where.relative}`) };
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch {
      return failed(`${where.relative} does not exist.`);
    }
    if (stat.type & vscode.FileType.Directory) return failed(`${where.relative} is a folder; use find_files to list it.`);
    if (stat.size > MAX_READ_BYTES) return failed(`${where.relative} is ${stat.size} bytes, too large to read (limit ${MAX_READ_BYTES}).`);
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.includes(0)) return failed(`${where.relative} is a binary file.`);
    return { content: capped(new TextDecoder().decode(bytes), MAX_READ_CHARS, where.relative) };
  },
};
