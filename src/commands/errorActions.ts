import * as vscode from 'vscode';
import type { BedrockError, ErrorAction } from '../service/errors';
import { checkedErrorAction } from '../service/errorActionCheck';
import { modelAccessUrl } from '../service/regions';
import { actionLabel } from './errorActionLabel';

export { actionLabel } from './errorActionLabel';

/**
 * Runs an error's next step. `retry` is the caller's to do (it knows the request), so it is returned as false
 * here and handled there.
 */
export async function runErrorAction(given: ErrorAction, log: vscode.LogOutputChannel): Promise<boolean> {
  // actions also come back from saved state (chat history, a restored comparison): run only what checks out
  const a = checkedErrorAction(given);
  if (!a) {
    log.warn('ignored an error action that is not one the extension offers');
    return true;
  }
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
    case 'request-access': {
      const url = modelAccessUrl(a.region);
      if (url) return vscode.env.openExternal(vscode.Uri.parse(url));
      await vscode.commands.executeCommand('bedrock.chooseRegion');
      return true;
    }
    case 'choose-model':
      await vscode.commands.executeCommand('bedrock.listModels');
      return true;
    case 'choose-region':
      await vscode.commands.executeCommand('bedrock.chooseRegion');
      return true;
    case 'open-settings':
      await vscode.commands.executeCommand('bedrock.openSettings');
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
