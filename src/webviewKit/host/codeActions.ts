import * as vscode from 'vscode';
import type { CodeActionKind } from '../protocol';

/** The editor a code block goes into: the active one, else the first visible (the chat view has focus). */
function targetEditor(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
}

const PROPOSAL_SCHEME = 'bedrock-proposal';
const proposals = new Map<string, string>();

/** Serves the right-hand side of "apply as diff" views. */
export function registerProposalProvider(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, { provideTextDocumentContent: uri => proposals.get(uri.toString()) ?? '' });
}

/** Runs a code-block toolbar action. Returns what happened, for tests and for the log. */
export async function runCodeAction(action: CodeActionKind, code: string, language: string): Promise<string> {
  switch (action) {
    case 'copy':
      await vscode.env.clipboard.writeText(code);
      return 'copied';
    case 'newFile': {
      const doc = await vscode.workspace.openTextDocument({ content: code, language: language || undefined });
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Active });
      return 'opened';
    }
    case 'insert':
    case 'replace': {
      const editor = targetEditor();
      if (!editor) {
        void vscode.window.showWarningMessage('Bedrock: open an editor to put the code in.');
        return 'no-editor';
      }
      const ok = await editor.edit(b => {
        if (action === 'insert') b.insert(editor.selection.active, code);
        else b.replace(editor.selection, code);
      });
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      return ok ? (action === 'insert' ? 'inserted' : 'replaced') : 'failed';
    }
    case 'diff': {
      const editor = targetEditor();
      if (!editor) {
        void vscode.window.showWarningMessage('Bedrock: open an editor to compare the code with.');
        return 'no-editor';
      }
      const doc = editor.document;
      const range = editor.selection.isEmpty ? new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)) : editor.selection;
      const proposed = doc.getText().slice(0, doc.offsetAt(range.start)) + code + doc.getText().slice(doc.offsetAt(range.end));
      const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: doc.uri.path, query: String(Date.now()) });
      proposals.set(uri.toString(), proposed);
      await vscode.commands.executeCommand('vscode.diff', doc.uri, uri, `${vscode.workspace.asRelativePath(doc.uri)} ↔ Bedrock suggestion`);
      const choice = await vscode.window.showInformationMessage('Apply the suggested code?', 'Apply', 'Discard');
      proposals.delete(uri.toString());
      if (choice !== 'Apply') return 'discarded';
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, range, code);
      return (await vscode.workspace.applyEdit(edit)) ? 'applied' : 'failed';
    }
  }
}
