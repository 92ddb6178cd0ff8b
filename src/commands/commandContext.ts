import * as vscode from 'vscode';
import type { OutputDocuments } from '../frontEndKit/panes/outputDocuments';
import type { BedrockError } from '../service/errors';
import type { RuntimeContext } from '../service/runtime';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { showBedrockError } from '../frontEndKit/errors/errorActions';
import { asBedrockError } from '../frontEndKit/errors/asBedrockError';
import { linkedAbort } from '../frontEndKit/linkedAbort';
import { runtimeContextFor } from '../frontEndKit/runtimeContext';

export { asBedrockError } from '../frontEndKit/errors/asBedrockError';
export { linkedAbort } from '../frontEndKit/linkedAbort';
export { runtimeContextFor } from '../frontEndKit/runtimeContext';

/** What the editor commands share: the service, the output panes, and where to remember choices and files. */
export interface CommandDeps {
  host: ServiceHost;
  docs: OutputDocuments;
  /** Per-workspace memory (last model and API style). */
  workspaceState: vscode.Memento;
  /** Extension-private folder (raw payload files, images the user did not save). */
  storage: vscode.Uri;
}

/**
 * Runs a non-chat job under a cancellable progress notification. Failures are shown as one sentence with a next
 * step (not awaited) and returned, so commands and tests can report them.
 */
export async function withJobProgress<T>(host: ServiceHost, title: string, signal: AbortSignal | undefined, job: (ctx: RuntimeContext, progress: vscode.Progress<{ message?: string }>) => Promise<T>): Promise<{ value?: T; error?: BedrockError }> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Bedrock: ${title}`, cancellable: true }, async (progress, token) => {
    const abort = linkedAbort(token, signal);
    try {
      return { value: await job(await runtimeContextFor(host, abort.signal), progress) };
    } catch (e) {
      const error = asBedrockError(e);
      if (error.kind !== 'aborted') void showBedrockError(error, host.log);
      return { error };
    } finally {
      abort.dispose();
    }
  });
}

/** The active editor's selection text, or undefined when nothing is selected. */
export function selectedText(editor = vscode.window.activeTextEditor): string | undefined {
  if (!editor || editor.selection.isEmpty) return undefined;
  return editor.document.getText(editor.selection);
}
