import * as vscode from 'vscode';
import type { BedrockError, ErrorAction } from '../service/errors';
import { modelAccessUrl } from '../service/regions';
import { ssoLoginInTerminal, TERMINAL_BUTTON } from './ssoLogin';

/** The button label for an error's next step. */
export function actionLabel(a: ErrorAction): string {
  switch (a.kind) {
    case 'sign-in': return 'Sign In';
    case 'sso-login': return 'Sign In with SSO';
    case 'request-access': return 'Request Model Access';
    case 'retry': return 'Retry';
    case 'choose-model': return 'Choose Model';
    case 'show-log': return 'Show Log';
  }
}

/**
 * Runs an error's next step. Resolves `retry` when the caller should now send the request again: the step was
 * `retry` (the caller knows the request), or a sign-in that just succeeded (the failed request is retried once).
 */
export async function runErrorAction(a: ErrorAction, log: vscode.LogOutputChannel): Promise<'retry' | 'done'> {
  switch (a.kind) {
    case 'sign-in':
      await vscode.commands.executeCommand('bedrock.signIn');
      return 'done';
    case 'sso-login':
      return (await vscode.commands.executeCommand<boolean>('bedrock.ssoLogin', { profile: a.profile })) ? 'retry' : 'done';
    case 'request-access':
      await vscode.env.openExternal(vscode.Uri.parse(modelAccessUrl(a.region)));
      return 'done';
    case 'choose-model':
      await vscode.commands.executeCommand('bedrock.listModels');
      return 'done';
    case 'show-log':
      log.show(true);
      return 'done';
    case 'retry':
      return 'retry';
  }
}

/**
 * Shows an error as one sentence with its next step as a button; the detail goes to the log. An expired SSO
 * session also offers the AWS CLI in a terminal, the way it was done before the in-editor sign-in.
 */
export async function showBedrockError(e: BedrockError, log: vscode.LogOutputChannel, retry?: () => unknown): Promise<void> {
  log.error(e.detail);
  const buttons = e.action ? [actionLabel(e.action)] : [];
  if (e.action?.kind === 'sso-login') buttons.push(TERMINAL_BUTTON);
  const choice = await vscode.window.showErrorMessage(`Bedrock: ${e.message}`, ...buttons);
  if (choice === TERMINAL_BUTTON && e.action?.kind === 'sso-login') ssoLoginInTerminal(e.action.profile);
  else if (choice && e.action && (await runErrorAction(e.action, log)) === 'retry') retry?.();
}
