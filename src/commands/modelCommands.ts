import * as vscode from 'vscode';
import { readSettings } from '../common/settings';
import type { CatalogueModel } from '../service/catalogue/modelCatalogue';
import { API_STYLE_LABELS } from '../service/model';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { loadCatalogueWithProgress } from '../frontEndKit/catalogueProgress';

export { loadCatalogueWithProgress } from '../frontEndKit/catalogueProgress';

function describe(m: CatalogueModel): string {
  const styles = m.apiStyles.map(s => API_STYLE_LABELS[s]).join(', ');
  return `${m.families.map(f => `bedrock-${f}`).join(' + ')} · ${styles}${m.needsProfile ? ' · via inference profile' : ''}`;
}

/** "Bedrock: List Models": the catalogue in a searchable quick pick; choosing one makes it the default model. */
export async function listModels(host: ServiceHost): Promise<string | undefined> {
  const cat = await loadCatalogueWithProgress(host, false);
  if (!cat) return undefined;
  const current = readSettings().defaultModel;
  const byProvider = new Map<string, CatalogueModel[]>();
  for (const m of cat.models) byProvider.set(m.provider, [...(byProvider.get(m.provider) ?? []), m]);
  const items: (vscode.QuickPickItem & { id?: string })[] = [];
  for (const [provider, models] of byProvider) {
    items.push({ label: provider, kind: vscode.QuickPickItemKind.Separator });
    for (const m of models) {
      const id = m.needsProfile ? m.profiles[0] ?? m.id : m.id;
      items.push({ label: `${id === current ? '$(check) ' : ''}${m.name}`, description: id, detail: describe(m), id });
    }
  }
  // application inference profiles are models too: their ARN is what gets sent
  if (cat.applicationProfiles.length) items.push({ label: 'Application inference profiles', kind: vscode.QuickPickItemKind.Separator });
  for (const p of cat.applicationProfiles) {
    items.push({ label: `${p.arn === current ? '$(check) ' : '$(tag) '}${p.name}`, description: p.arn, detail: `bedrock-runtime · routes to ${p.modelIds.join(', ')}`, id: p.arn });
  }
  const picked = await vscode.window.showQuickPick(items, { title: `Bedrock models in ${cat.region}`, placeHolder: 'Choose the default model', matchOnDescription: true, matchOnDetail: true });
  if (!picked?.id) return undefined;
  await vscode.workspace.getConfiguration('bedrock').update('defaultModel', picked.id, vscode.ConfigurationTarget.Global);
  return picked.id;
}

export async function refreshModels(host: ServiceHost): Promise<number | undefined> {
  const cat = await loadCatalogueWithProgress(host, true);
  if (cat) void vscode.window.setStatusBarMessage(`Bedrock: ${cat.models.length} models in ${cat.region}`, 4000);
  return cat?.models.length;
}
