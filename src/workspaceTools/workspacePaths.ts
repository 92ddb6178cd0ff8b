import * as fs from 'fs';
import * as vscode from 'vscode';
import { containedPath, type Contained } from './pathContainment';

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

/** The path as the model should write it back: relative to its folder. */
export function relativeName(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}
