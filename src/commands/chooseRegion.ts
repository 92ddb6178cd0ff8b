import * as vscode from 'vscode';
import { readSettings } from '../common/settings';
import { BEDROCK_REGIONS } from '../service/regions';

/** "Bedrock: Choose Region": writes `bedrock.region` (user settings), saying where mantle is offered. */
export async function chooseRegion(): Promise<string | undefined> {
  const current = readSettings().region;
  const picked = await vscode.window.showQuickPick(
    BEDROCK_REGIONS.map(r => ({
      label: `${r.id === current ? '$(check) ' : ''}${r.id}`, description: r.name, id: r.id,
      detail: r.mantle === true ? 'bedrock-runtime and bedrock-mantle' : r.mantle === false ? 'bedrock-runtime only' : 'bedrock-runtime; bedrock-mantle not confirmed',
    })),
    { title: 'Bedrock: Choose Region', placeHolder: `Current: ${current}`, matchOnDescription: true });
  if (!picked) return undefined;
  await vscode.workspace.getConfiguration('bedrock').update('region', picked.id, vscode.ConfigurationTarget.Global);
  return picked.id;
}
