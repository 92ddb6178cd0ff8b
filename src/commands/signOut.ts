import * as vscode from 'vscode';
import type { ServiceHost } from '../service/vscode/serviceHost';

/**
 * "Bedrock: Sign Out": forgets the access keys and API key kept in SecretStorage and goes back to the default
 * credential chain (environment, SSO cache, ~/.aws files, instance role), as a fresh install would.
 */
export async function signOut(host: ServiceHost): Promise<void> {
  await host.credentials.forgetSecrets();
  host.log.info('credentials: signed out; stored keys forgotten, now using the default credential chain');
  void vscode.window.showInformationMessage('Bedrock: signed out. Stored keys are forgotten; requests now use the default AWS credential chain.', 'Sign In')
    .then(c => c && vscode.commands.executeCommand('bedrock.signIn'));
}
