import * as vscode from 'vscode';
import type { SonicToolSpec } from '../service/runtime';

/**
 * The read-only workspace tools Sonic may call when the user allows it: list files matching a glob, read one
 * file. Nothing outside the open workspace folders is read, and results are capped so a spoken answer stays short.
 */
export const VOICE_TOOLS: SonicToolSpec[] = [
  {
    name: 'list_workspace_files',
    description: 'Lists files in the open workspace whose path matches a glob pattern such as "src/**/*.ts". Returns at most 50 relative paths.',
    inputSchema: { type: 'object', properties: { pattern: { type: 'string', description: 'Glob pattern relative to the workspace root' } }, required: ['pattern'] },
  },
  {
    name: 'read_workspace_file',
    description: 'Reads a text file of the open workspace by its relative path. Returns at most the first 8000 characters.',
    inputSchema: { type: 'object', properties: { path: { type: 'string', description: 'Path relative to the workspace root' } }, required: ['path'] },
  },
];

const MAX_FILES = 50;
const MAX_CHARS = 8000;

/** Runs one tool call; the result is JSON text for Sonic, and a short line for the transcript. */
export async function runVoiceTool(name: string, inputJson: string): Promise<{ result: string; summary: string }> {
  let input: Record<string, unknown>;
  try { input = JSON.parse(inputJson || '{}') as Record<string, unknown>; } catch { input = {}; }
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return { result: JSON.stringify({ error: 'No folder is open in VS Code.' }), summary: `${name}: no folder is open` };
  if (name === 'list_workspace_files') {
    const pattern = typeof input.pattern === 'string' && input.pattern ? input.pattern : '**/*';
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, pattern), '**/{node_modules,.git}/**', MAX_FILES);
    const paths = files.map(f => vscode.workspace.asRelativePath(f, false)).sort();
    return { result: JSON.stringify({ files: paths }), summary: `list_workspace_files("${pattern}") → ${paths.length} files` };
  }
  if (name === 'read_workspace_file') {
    const rel = typeof input.path === 'string' ? input.path : '';
    const target = vscode.Uri.joinPath(folder.uri, rel);
    // joinPath normalises `..`: whatever it resolves to must still be inside the folder
    if (!rel || !target.path.startsWith(folder.uri.path.replace(/\/?$/, '/'))) {
      return { result: JSON.stringify({ error: 'The path must be inside the workspace.' }), summary: `read_workspace_file("${rel}") refused: outside the workspace` };
    }
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      return { result: JSON.stringify({ path: rel, content: text.slice(0, MAX_CHARS), truncated: text.length > MAX_CHARS }), summary: `read_workspace_file("${rel}") → ${text.length} characters` };
    } catch {
      return { result: JSON.stringify({ error: `${rel} could not be read.` }), summary: `read_workspace_file("${rel}") → not found` };
    }
  }
  return { result: JSON.stringify({ error: `Unknown tool ${name}.` }), summary: `${name}: unknown tool` };
}
