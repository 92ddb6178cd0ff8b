import * as vscode from 'vscode';
import type { BedrockError, ErrorAction } from '../service/errors';
import { modelAccessUrl } from '../service/regions';

/** The button label for an error's next step. */
export function actionLabel(a: ErrorAction): string {
  switch (a.kind) {
    case 'sign-in': return 'Sign In';
    case 'sso-login': return `Run aws sso login --profile ${a.profile}`;
    case 'request-access': return 'Request Model Access';
    case 'retry': return 'Retry';
    case 'choose-model': return 'Choose Model';
    case 'show-log': return 'Show Log';
  }
}

/**
 * Runs an error's next step. `retry` is the caller's to do (it knows the request), so it is returned as false
 * here and handled there.
 */
export async function runErrorAction(a: ErrorAction, log: vscode.LogOutputChannel): Promise<boolean> {
  switch (a.kind) {
    case 'sign-in':
      await vscode.commands.executeCommand('bedrock.signIn');
      return true;
    case 'sso-login': {
      const terminal = vscode.window.createTerminal({ name: 'AWS SSO login' });
      terminal.show();
      terminal.sendText(`aws sso login --profile ${shellQuote(a.profile)}`);
      return true;
    }
    case 'request-access':
      return vscode.env.openExternal(vscode.Uri.parse(modelAccessUrl(a.region)));
    case 'choose-model':
      await vscode.commands.executeCommand('bedrock.listModels');
      return true;
    case 'show-log':
      log.show(true);
      return true;
    case 'retry':
      return false;
  }
}

function shellQuote(s: string): string {
  return /^[\w.@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Shows an error as one sentence with its next step as a button; the detail goes to the log. */
export async function showBedrockError(e: BedrockError, log: vscode.LogOutputChannel, retry?: () => unknown): Promise<void> {
  log.error(e.detail);
  const buttons = e.action ? [actionLabel(e.action)] : [];
  const choice = await vscode.window.showErrorMessage(`Bedrock: ${e.message}`, ...buttons);
  if (choice && e.action && !(await runErrorAction(e.action, log)) && e.action.kind === 'retry') retry?.();
}
