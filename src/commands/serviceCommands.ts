import * as vscode from 'vscode';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { chooseRegion, ChooseRegionOptions } from './chooseRegion';
import { listModels, refreshModels } from './modelCommands';
import { signIn } from './signIn';
import { signOut } from './signOut';
import { copyShortTermApiKey } from './copyShortTermKey';
import { ssoLogin, type SsoLoginArgs } from '../frontEndKit/signIn/ssoLogin';
import { CredentialStatusBar } from './statusBar';

/** Commands over the service's credentials, region and model catalogue, plus the status-bar entry. */
export function registerServiceCommands(host: ServiceHost): vscode.Disposable[] {
  return [
    new CredentialStatusBar(host),
    vscode.commands.registerCommand('bedrock.signIn', () => signIn(host)),
    vscode.commands.registerCommand('bedrock.signOut', () => signOut(host)),
    vscode.commands.registerCommand('bedrock.copyShortTermApiKey', () => copyShortTermApiKey(host)),
    vscode.commands.registerCommand('bedrock.ssoLogin', (args?: SsoLoginArgs) => ssoLogin(host, typeof args === 'object' && args ? args : {})),
    vscode.commands.registerCommand('bedrock.chooseRegion', (arg?: string | ChooseRegionOptions) => chooseRegion(arg)),
    vscode.commands.registerCommand('bedrock.listModels', () => listModels(host)),
    vscode.commands.registerCommand('bedrock.refreshModels', () => refreshModels(host)),
  ];
}
