import * as vscode from 'vscode';
import { readSettings } from '../../common/settings';
import { modelOfApplicationProfile, type CatalogueModel } from '../../service/catalogue/modelCatalogue';
import { API_STYLE_LABELS, API_STYLES, type ApiStyle } from '../../service/model';
import type { ServiceHost } from '../../service/vscode/serviceHost';
import { loadCatalogueWithProgress } from '../catalogueProgress';

export interface ModelChoice {
  model: string;
  apiStyle: ApiStyle;
}

const LAST_CHOICE_KEY = 'bedrock.invokeModel.lastChoice';

/** The model and API style used last in this workspace, else the settings' defaults. */
export function rememberedChoice(state: vscode.Memento): ModelChoice {
  const last = state.get<ModelChoice>(LAST_CHOICE_KEY);
  if (last && typeof last.model === 'string' && API_STYLES.includes(last.apiStyle)) return last;
  const s = readSettings();
  return { model: s.defaultModel, apiStyle: s.defaultApiStyle };
}

export function rememberChoice(state: vscode.Memento, choice: ModelChoice): Thenable<void> {
  return state.update(LAST_CHOICE_KEY, choice);
}

/** Styles that answer a chat prompt with text (all of them do, for a text-out model). */
function chatCapable(m: CatalogueModel): boolean {
  return m.output.includes('TEXT') && !m.output.includes('EMBEDDING') && !/rerank/i.test(m.id) && m.apiStyles.some(s => s !== 'invoke-model' && s !== 'invoke-model-stream');
}

/** The id to send: models that refuse on-demand calls by base id go through their first inference profile. */
export function invocableId(m: CatalogueModel): string {
  return m.needsProfile ? m.profiles[0] ?? m.id : m.id;
}

/**
 * Two quick picks, model then API style, starting from the last choice. The catalogue says which styles each model
 * has, so the second pick never offers a combination Bedrock would refuse.
 */
export async function pickModelAndStyle(host: ServiceHost, state: vscode.Memento): Promise<ModelChoice | undefined> {
  const last = rememberedChoice(state);
  const cat = await loadCatalogueWithProgress(host, false);
  if (!cat) return undefined;
  const models = cat.models.filter(chatCapable);
  type ModelItem = vscode.QuickPickItem & { model?: CatalogueModel };
  const items: ModelItem[] = models.map(m => ({
    label: m.name, description: invocableId(m), detail: `${m.provider} · ${m.apiStyles.map(s => API_STYLE_LABELS[s]).join(', ')}`, model: m,
  }));
  // The remembered id may be any of the model's ids (base id or one of its inference profiles): keep it as it was.
  const lastIndex = items.findIndex(i => i.model && (i.model.id === last.model || i.model.mantleId === last.model || i.model.profiles.includes(last.model)));
  if (lastIndex > 0) items.unshift(...items.splice(lastIndex, 1));
  if (lastIndex >= 0) items[0] = { ...items[0], label: `$(history) ${items[0].label}`, description: last.model };
  // An application profile's ARN is the model id; it serves the runtime styles of the model it routes to.
  const runtimeStyles = ['converse', 'converse-stream', 'invoke-model', 'invoke-model-stream'];
  const apps = cat.applicationProfiles.flatMap((p): ModelItem[] => {
    const m = modelOfApplicationProfile(cat, p.arn);
    return m ? [{ label: `$(tag) ${p.name}`, description: p.arn, detail: `application inference profile · ${m.name}`, model: { ...m, apiStyles: m.apiStyles.filter(s => runtimeStyles.includes(s)) } }] : [];
  });
  if (apps.length) items.push({ label: 'Application inference profiles', kind: vscode.QuickPickItemKind.Separator }, ...apps);
  const picked = await vscode.window.showQuickPick(items, { title: 'Bedrock: Invoke Model (1/2) — model', placeHolder: 'Choose a model', matchOnDescription: true, matchOnDetail: true });
  if (!picked?.model) return undefined;
  const model = picked.description ?? invocableId(picked.model);
  const styles = [...picked.model.apiStyles].sort((a, b) => Number(b === last.apiStyle) - Number(a === last.apiStyle));
  const style = await vscode.window.showQuickPick(styles.map(s => ({ label: API_STYLE_LABELS[s], description: s === last.apiStyle ? 'last used' : undefined, style: s })), { title: `Bedrock: Invoke Model (2/2) — API style for ${model}`, placeHolder: 'Choose how to call it' });
  if (!style) return undefined;
  const choice = { model, apiStyle: style.style };
  await rememberChoice(state, choice);
  return choice;
}
