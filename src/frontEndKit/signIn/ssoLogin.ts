import * as vscode from 'vscode';
import { ssoDeviceLogin, SsoLoginError, ssoSessionOf, type DeviceCode } from '../../service/credentials/ssoLogin';
import type { ServiceHost } from '../../service/vscode/serviceHost';
import { linkedAbort } from '../linkedAbort';

export interface SsoLoginArgs {
  /** The profile whose session to sign in to; default: the chosen profile, else AWS_PROFILE, else `default`. */
  profile?: string;
}

/** `aws sso login` in a terminal: the way it was done before, kept for users who prefer the AWS CLI. */
export function ssoLoginInTerminal(profile: string): void {
  const terminal = vscode.window.createTerminal({ name: 'AWS SSO login' });
  terminal.show();
  terminal.sendText(`aws sso login --profile ${shellQuote(profile)}`);
}

function shellQuote(s: string): string {
  return /^[\w.@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export const TERMINAL_BUTTON = 'Use a Terminal (aws sso login)';

/**
 * Only web pages are opened: the verification URL comes from the network, and a `command:` or `file:` URI must not
 * be followed. Plain http only on loopback (a local IAM Identity Center stand-in).
 */
function verificationLink(code: DeviceCode): vscode.Uri | undefined {
  try {
    const uri = vscode.Uri.parse(code.verificationUriComplete ?? code.verificationUri, true);
    const loopback = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(uri.authority);
    return uri.scheme === 'https' || (uri.scheme === 'http' && loopback) ? uri : undefined;
  } catch {
    return undefined;
  }
}

/**
 * "Bedrock: Sign In with IAM Identity Center (SSO)": the device flow inside the editor, no AWS CLI needed. The
 * browser opens on the verification page, the code is shown in a cancellable progress notification, and the
 * session lands in the token cache the CLI and SDKs share. Resolves true once signed in (cached credentials are
 * dropped, so the next request uses the new session); a failure is shown with the terminal as the other way.
 */
export async function ssoLogin(host: ServiceHost, args: SsoLoginArgs = {}): Promise<boolean> {
  const choice = host.credentials.choice;
  const profile = (typeof args.profile === 'string' && args.profile) || (choice.kind === 'profile' ? choice.profile : process.env.AWS_PROFILE || 'default');
  const session = await ssoSessionOf(profile).catch(() => undefined);
  if (!session) {
    void vscode.window.showErrorMessage(`Bedrock: the AWS profile "${profile}" has no IAM Identity Center (SSO) settings.`, 'Choose Credentials')
      .then(c => c && vscode.commands.executeCommand('bedrock.signIn'));
    return false;
  }
  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Bedrock: signing in to IAM Identity Center (${profile})`, cancellable: true }, async (progress, token) => {
    const abort = linkedAbort(token);
    try {
      const done = await ssoDeviceLogin(session, {
        signal: abort.signal,
        onCode: code => {
          const link = verificationLink(code);
          progress.report({ message: `confirm the code ${code.userCode} in your browser${link ? '' : ` at ${code.verificationUri}`}…` });
          if (link) void vscode.env.openExternal(link);
        },
      });
      return { ok: true as const, expiresAt: done.expiresAt };
    } catch (e) {
      return { ok: false as const, cancelled: abort.signal.aborted, error: e };
    } finally {
      abort.dispose();
    }
  });
  if (outcome.ok) {
    host.service.resetCredentials();
    host.log.info(`SSO: signed in for profile ${profile}; the session is valid until ${outcome.expiresAt.toISOString()}`);
    void vscode.window.setStatusBarMessage(`$(check) Bedrock: signed in to IAM Identity Center (${profile})`, 5000);
    return true;
  }
  if (outcome.cancelled) return false;
  const e = outcome.error;
  const message = e instanceof SsoLoginError ? e.message : 'IAM Identity Center sign-in failed.';
  host.log.error(`SSO: sign-in for profile ${profile} failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  void vscode.window.showErrorMessage(`Bedrock: ${message}`, 'Try Again', TERMINAL_BUTTON).then(c => {
    if (c === 'Try Again') void vscode.commands.executeCommand('bedrock.ssoLogin', { profile });
    else if (c === TERMINAL_BUTTON) ssoLoginInTerminal(profile);
  });
  return false;
}
