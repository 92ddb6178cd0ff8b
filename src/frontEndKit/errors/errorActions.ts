import * as vscode from 'vscode';
import type { BedrockError, ErrorAction } from '../../service/errors';
import { checkedErrorAction } from '../../service/errorActionCheck';
import { modelAccessUrl } from '../../service/regions';
import { actionLabel } from './errorActionLabel';
import { ssoLoginInTerminal, TERMINAL_BUTTON } from '../signIn/ssoLogin';

export { actionLabel } from './errorActionLabel';

/**
 * Runs an error's next step. Resolves `retry` when the caller should now send the request again: the step was
 * `retry` (the caller knows the request), or a sign-in that just succeeded (the failed request is retried once).
 */
export async function runErrorAction(given: ErrorAction, log: vscode.LogOutputChannel): Promise<'retry' | 'done'> {
  // actions also come back from saved state (chat history, a restored comparison): run only what checks out
  const a = checkedErrorAction(given);
  if (!a) {
    log.warn('ignored an error action that is not one the extension offers');
    return 'done';
  }
  switch (a.kind) {
    case 'sign-in':
      await vscode.commands.executeCommand('bedrock.signIn');
      return 'done';
    case 'sso-login':
      return (await vscode.commands.executeCommand<boolean>('bedrock.ssoLogin', { profile: a.profile })) ? 'retry' : 'done';
    case 'request-access': {
      const url = modelAccessUrl(a.region);
      if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
      else await vscode.commands.executeCommand('bedrock.chooseRegion');
      return 'done';
    }
    case 'choose-model':
      await vscode.commands.executeCommand('bedrock.listModels');
      return 'done';
    case 'choose-region':
      await vscode.commands.executeCommand('bedrock.chooseRegion');
      return 'done';
    case 'open-settings':
      await vscode.commands.executeCommand('bedrock.openSettings');
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
