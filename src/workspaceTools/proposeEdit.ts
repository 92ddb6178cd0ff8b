import * as vscode from 'vscode';
import { failed, stringArg, type ToolOutcome, type WorkspaceTool } from './types';
import { workspaceFileArg } from './workspacePaths';
import { proposedContent } from './proposedContent';

/** The scheme of the read-only documents that hold proposed content (the right side of the diff). */
export const PROPOSED_SCHEME = 'bedrock-proposed';
export const ACCEPT = 'Accept';
export const REJECT = 'Reject';

const proposals = new Map<string, string>();
let provider: vscode.Disposable | undefined;
let counter = 0;

/** Registered on first use, once per extension host; `disposeProposedEdits` (deactivation) removes it. */
function ensureProvider(): void {
  provider ??= vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, { provideTextDocumentContent: uri => proposals.get(uri.query) ?? '' });
}

export function disposeProposedEdits(): void {
  provider?.dispose();
  provider = undefined;
  proposals.clear();
}

/**
 * Shows the edit as a diff (the file as it is now against the proposal) and asks Accept or Reject. Nothing is
 * written unless the user clicks Accept; closing the question, or stopping the reply, rejects it.
 */
export const proposeEditTool: WorkspaceTool = {
  name: 'propose_edit',
  title: 'Propose an edit',
  writes: true,
  description: 'Proposes a change to a workspace file: either "content" (the whole new file) or "oldString" (exact text, occurring once) and "newString". The user sees a diff and accepts or rejects it; the result says which.',
  inputSchema: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'Workspace-relative path of the file.' },
      content: { type: 'string', description: 'The whole new content of the file.' },
      oldString: { type: 'string', description: 'Exact text to replace (must occur once).' },
      newString: { type: 'string', description: 'The replacement for oldString.' },
    },
    required: ['path'],
  },
  async invoke(input, signal) {
    const where = workspaceFileArg(input);
    if ('refused' in where) return where.refused;
    const uri = where.uri;
    const current = await currentText(uri);
    const next = proposedContent(current, { content: stringArg(input, 'content'), oldString: stringArg(input, 'oldString'), newString: stringArg(input, 'newString') });
    if ('error' in next) return failed(next.error);
    if (next.content === current) return { content: `The proposal is the same as ${where.relative} as it is; nothing to change.` };
    ensureProvider();
    const key = `${++counter}`;
    proposals.set(key, next.content);
    const right = vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: `/${where.relative}`, query: key });
    const left = current === undefined ? vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: `/${where.relative}`, query: 'empty' }) : uri;
    try {
      await vscode.commands.executeCommand('vscode.diff', left, right, `${where.relative} ↔ proposed edit (Bedrock)`, { preview: true });
      const choice = await ask(`Bedrock: apply the model's proposed edit to ${where.relative}?`, signal);
      if (choice === 'stopped') return { content: `Not applied: the user stopped the reply; ${where.relative} is unchanged.` };
      if (choice !== ACCEPT) return { content: `The user rejected the edit; ${where.relative} is unchanged.` };
      await write(uri, current !== undefined, next.content);
      return { content: `The user accepted the edit; ${where.relative} was saved with the proposed content.` };
    } catch (e) {
      return failed(`The edit could not be applied: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      proposals.delete(key);
      await closeDiff(right);
    }
  },
};

async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

function ask(question: string, signal: AbortSignal): Promise<string | undefined | 'stopped'> {
  if (signal.aborted) return Promise.resolve('stopped');
  return new Promise(resolve => {
    const onAbort = () => resolve('stopped');
    signal.addEventListener('abort', onAbort, { once: true });
    void vscode.window.showInformationMessage(question, ACCEPT, REJECT).then(c => {
      signal.removeEventListener('abort', onAbort);
      resolve(c);
    });
  });
}

/** Through the editor model (so an open document stays in step and undo works), then saved. */
async function write(uri: vscode.Uri, exists: boolean, content: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  if (!exists) {
    edit.createFile(uri, { contents: new TextEncoder().encode(content) });
    if (!await vscode.workspace.applyEdit(edit)) throw new Error('VS Code refused to create the file');
    return;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), content);
  if (!await vscode.workspace.applyEdit(edit)) throw new Error('VS Code refused the edit');
  if (!await doc.save()) throw new Error('the file could not be saved');
}

async function closeDiff(right: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === right.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs).then(undefined, () => undefined);
}

export type { ToolOutcome };
