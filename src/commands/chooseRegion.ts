import * as vscode from 'vscode';
import { readSettings } from '../common/settings';
import { BEDROCK_REGIONS } from '../service/regions';

export interface ChooseRegionOptions {
  /** From the status bar, which shows `profile · region`: offer changing the credentials in the same picker. */
  offerCredentials?: boolean;
}

/**
 * "Bedrock: Choose Region": writes `bedrock.region` (user settings), saying where mantle is offered. A region id
 * passed as the argument is set without asking (scripts, tests).
 */
export async function chooseRegion(arg?: string | ChooseRegionOptions): Promise<string | undefined> {
  if (typeof arg === 'string') {
    if (!BEDROCK_REGIONS.some(r => r.id === arg)) throw new Error(`Bedrock is not offered in a region called ${arg}.`);
    await vscode.workspace.getConfiguration('bedrock').update('region', arg, vscode.ConfigurationTarget.Global);
    return arg;
  }
  const current = readSettings().region;
  type Item = vscode.QuickPickItem & { id?: string; credentials?: boolean };
  const items: Item[] = BEDROCK_REGIONS.map(r => ({
    label: `${r.id === current ? '$(check) ' : ''}${r.id}`, description: r.name, id: r.id,
    detail: r.mantle === true ? 'bedrock-runtime and bedrock-mantle' : r.mantle === false ? 'bedrock-runtime only' : 'bedrock-runtime; bedrock-mantle not confirmed',
  }));
  if (arg?.offerCredentials) {
    items.unshift({ label: '$(account) Change credentials…', credentials: true }, { label: 'Regions', kind: vscode.QuickPickItemKind.Separator });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Bedrock: Choose Region', placeHolder: `Current: ${current}`, matchOnDescription: true });
  if (picked?.credentials) {
    await vscode.commands.executeCommand('bedrock.signIn');
    return undefined;
  }
  if (!picked?.id) return undefined;
  await vscode.workspace.getConfiguration('bedrock').update('region', picked.id, vscode.ConfigurationTarget.Global);
  return picked.id;
}
