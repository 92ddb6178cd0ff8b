import * as fs from 'fs';
import * as vscode from 'vscode';
import { containedPath, type Contained } from './pathContainment';
import { looksLikeSecretFile, secretRefusal } from './secretFiles';
import { failed, stringArg, type ToolOutcome } from './types';

/** The workspace folders on disk (tools read and write only there). */
export function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath);
}

function realpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/** A model-given path resolved inside the workspace folders, or why not. */
export function resolveWorkspacePath(requested: string): Contained {
  return containedPath(workspaceRoots(), requested, realpath);
}

/**
 * The file a tool call's `path` argument names: inside the workspace folders and not one that usually holds
 * credentials; otherwise the failed outcome to send back to the model.
 */
export function workspaceFileArg(input: Record<string, unknown>): { uri: vscode.Uri; relative: string } | { refused: ToolOutcome } {
  const requested = stringArg(input, 'path');
  if (!requested) return { refused: failed('The "path" argument is required.') };
  const where = resolveWorkspacePath(requested);
  if ('error' in where) return { refused: failed(where.error) };
  if (looksLikeSecretFile(where.relative)) return { refused: failed(secretRefusal(where.relative)) };
  return { uri: vscode.Uri.file(where.path), relative: where.relative };
}

/** The path as the model should write it back: relative to its folder. */
export function relativeName(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}
