import * as vscode from 'vscode';
import { capped, failed, stringArg, type WorkspaceTool } from './types';
import { relativeName, resolveWorkspacePath } from './workspacePaths';
import { looksLikeSecretFile, secretRefusal } from './secretFiles';

const MAX_SELECTION_CHARS = 20_000;
const MAX_DIAGNOSTICS = 200;

export const selectionTool: WorkspaceTool = {
  name: 'get_selection',
  title: 'Active editor selection',
  description: "Returns the active editor's file, selected line range and selected text (the current line when nothing is selected).",
  inputSchema: { type: 'object', properties: {} },
  async invoke() {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    if (!editor) return failed('No editor is open.');
    if (looksLikeSecretFile(relativeName(editor.document.uri))) return failed(secretRefusal(relativeName(editor.document.uri)));
    const sel = editor.selection;
    const range = sel.isEmpty ? editor.document.lineAt(sel.active.line).range : sel;
    const text = editor.document.getText(range);
    return { content: `${relativeName(editor.document.uri)} lines ${range.start.line + 1}-${range.end.line + 1} (${editor.document.languageId}):\n${capped(text, MAX_SELECTION_CHARS, 'selection')}` };
  },
};

const SEVERITY = ['error', 'warning', 'info', 'hint'];

export const diagnosticsTool: WorkspaceTool = {
  name: 'get_diagnostics',
  title: 'Diagnostics (Problems)',
  description: `Lists the Problems VS Code reports (errors, warnings) as "path:line:column severity: message", for one file when "path" is given, else for the workspace; at most ${MAX_DIAGNOSTICS}.`,
  inputSchema: { type: 'object', properties: { path: { type: 'string', description: 'Workspace-relative file; leave out for every file.' } } },
  async invoke(input) {
    const requested = stringArg(input, 'path');
    let entries: [vscode.Uri, readonly vscode.Diagnostic[]][];
    if (requested) {
      const where = resolveWorkspacePath(requested);
      if ('error' in where) return failed(where.error);
      const uri = vscode.Uri.file(where.path);
      entries = [[uri, vscode.languages.getDiagnostics(uri)]];
    } else {
      entries = vscode.languages.getDiagnostics().filter(([uri]) => vscode.workspace.getWorkspaceFolder(uri));
    }
    const lines = entries.flatMap(([uri, ds]) => ds.map(d => `${relativeName(uri)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity]}: ${d.message}${d.source ? ` (${d.source})` : ''}`));
    if (!lines.length) return { content: requested ? `No problems reported for ${requested}.` : 'No problems reported in the workspace.' };
    return { content: lines.slice(0, MAX_DIAGNOSTICS).join('\n') + (lines.length > MAX_DIAGNOSTICS ? `\n[${lines.length - MAX_DIAGNOSTICS} more not shown]` : '') };
  },
};
