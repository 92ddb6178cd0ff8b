import * as vscode from 'vscode';
import { featureView } from './turnFeatures';
import { modelOfApplicationProfile, type Catalogue, type CatalogueModel } from '../service/catalogue/modelCatalogue';
import { guardrailNotAppliedNote } from '../service/guardrails/support';
import { DEFAULT_PROJECT_ID, projectCarrier, projectNotCarriedNote } from '../service/control/projects';
import { guardrailLabel } from '../frontEndKit/pickers/guardrailPicker';
import { API_STYLE_LABELS, API_STYLES, ApiStyle, EndpointFamily, SERVICE_TIER_LABELS, SERVICE_TIER_STYLES } from '../service/model';
import type { Selection, SelectionView } from './protocol';

export function findModel(cat: Catalogue | undefined, id: string): CatalogueModel | undefined {
  if (!cat) return undefined;
  return cat.models.find(m => m.id === id || m.mantleId === id || m.profiles.includes(id)) ?? modelOfApplicationProfile(cat, id);
}

/** An application inference profile's name, for a model id that is one. */
function applicationProfileName(cat: Catalogue | undefined, id: string): string | undefined {
  return cat?.applicationProfiles.find(p => p.arn === id)?.name;
}

/** Whether the catalogue says this model serves this style on this family; undefined when it cannot tell. */
export function combinationWarning(cat: Catalogue | undefined, s: Selection): string | undefined {
  const m = findModel(cat, s.model);
  if (!cat) return undefined;
  if (!m) return s.model.startsWith('arn:') ? undefined : `${s.model} is not in the ${cat.region} catalogue.`;
  if (s.model.startsWith('arn:') && s.family !== 'runtime') return 'An application inference profile works on bedrock-runtime only.';
  if (!m.families.includes(s.family)) return `${m.name} is not served by bedrock-${s.family}.`;
  if (!m.apiStyles.includes(s.apiStyle)) return `${m.name} does not list ${API_STYLE_LABELS[s.apiStyle]}.`;
  return undefined;
}

/**
 * What the chat's pills show for `s`. `projectSetting`: the `bedrock.project` setting, which applies when the
 * conversation has chosen no project of its own.
 */
export function selectionView(cat: Catalogue | undefined, s: Selection, projectSetting = ''): SelectionView {
  const m = findModel(cat, s.model);
  const warning = [combinationWarning(cat, s), s.guardrail ? guardrailNotAppliedNote(s.apiStyle, s.family) : undefined, tierWarning(s), projectNotCarriedNote(s.apiStyle, s.family, s.project?.id)].filter(Boolean).join(' ') || undefined;
  const profile = applicationProfileName(cat, s.model);
  return {
    ...s, modelName: profile ? `${profile} (${m?.name ?? 'application profile'})` : m?.name ?? s.model, apiStyleLabel: API_STYLE_LABELS[s.apiStyle],
    acceptsImages: m?.input.includes('IMAGE') ?? false, ...(warning ? { warning } : {}),
    ...(s.guardrail ? { guardrailLabel: guardrailLabel(s.guardrail) } : {}),
    serviceTierLabel: s.serviceTier ? SERVICE_TIER_LABELS[s.serviceTier] : 'Default tier',
    projectLabel: projectLabel(s, projectSetting),
    ...(s.apiStyle === 'responses' ? { serverStateLabel: s.store === false ? 'Not stored' : 'Stored on server' } : {}),
    ...featureView(s),
  };
}

function projectLabel(s: Selection, projectSetting: string): string {
  const id = s.project?.id ?? projectSetting;
  if (!id || id === DEFAULT_PROJECT_ID) return 'Default project';
  const name = s.project?.name ?? id;
  return projectCarrier(s.apiStyle, s.family) ? name : `${name} (not sent)`;
}

function tierWarning(s: Selection): string | undefined {
  if (!s.serviceTier || SERVICE_TIER_STYLES.includes(s.apiStyle)) return undefined;
  return `${API_STYLE_LABELS[s.apiStyle]} takes no service tier: the ${SERVICE_TIER_LABELS[s.serviceTier]} choice is not sent.`;
}

/** The model id to use on a family: the mantle id there, else a profile when the base id needs one. */
export function idFor(m: CatalogueModel, family: EndpointFamily): string {
  if (family === 'mantle' && m.mantleId) return m.mantleId;
  return m.needsProfile ? m.profiles[0] ?? m.id : m.id;
}

export async function pickModel(cat: Catalogue, current: Selection): Promise<Selection | undefined> {
  type Item = vscode.QuickPickItem & { model?: CatalogueModel; arn?: string };
  const items: Item[] = cat.models
    .filter(m => m.apiStyles.some(s => s !== 'invoke-model' && s !== 'invoke-model-stream'))
    .map(m => ({
      label: m.name, description: idFor(m, m.families.includes(current.family) ? current.family : m.families[0]),
      detail: `${m.provider} · ${m.families.map(f => `bedrock-${f}`).join(' + ')} · ${m.apiStyles.map(s => API_STYLE_LABELS[s]).join(', ')}`,
      picked: findModel(cat, current.model) === m, model: m,
    }));
  // Application profiles go where a model id goes: their ARN is the model, on bedrock-runtime.
  const apps: Item[] = cat.applicationProfiles.map(p => ({ label: `$(tag) ${p.name}`, description: p.arn, detail: `application inference profile · ${p.modelIds.join(', ')}`, arn: p.arn }));
  if (apps.length) items.push({ label: 'Application inference profiles', kind: vscode.QuickPickItemKind.Separator }, ...apps);
  const picked = await vscode.window.showQuickPick(items, { title: 'Chat model', placeHolder: 'Search models', matchOnDescription: true, matchOnDetail: true });
  if (!picked) return undefined;
  if (picked.arn) {
    const apiStyle = ['converse', 'converse-stream', 'invoke-model-stream'].includes(current.apiStyle) ? current.apiStyle : 'converse-stream';
    return { ...current, model: picked.arn, family: 'runtime', apiStyle };
  }
  const m = picked.model!;
  const family = m.families.includes(current.family) ? current.family : m.families[0];
  const apiStyle = m.apiStyles.includes(current.apiStyle) ? current.apiStyle : m.apiStyles.includes('converse-stream') ? 'converse-stream' : m.apiStyles[0];
  return { ...current, model: idFor(m, family), family, apiStyle };
}

export async function pickApiStyle(cat: Catalogue | undefined, current: Selection): Promise<Selection | undefined> {
  const m = findModel(cat, current.model);
  const chatStyles = API_STYLES.filter(s => s !== 'invoke-model');
  const picked = await vscode.window.showQuickPick(chatStyles.map(style => ({
    label: `${style === current.apiStyle ? '$(check) ' : ''}${API_STYLE_LABELS[style]}`,
    description: m ? (m.apiStyles.includes(style) ? `supported by ${m.name}` : `not listed for ${m.name}`) : undefined,
    style,
  })), { title: 'API style for this chat' });
  if (!picked) return undefined;
  const runtimeOnly = ['converse', 'converse-stream', 'invoke-model-stream'].includes(picked.style);
  return { ...current, apiStyle: picked.style as ApiStyle, family: runtimeOnly ? 'runtime' : current.family };
}

export async function pickFamily(cat: Catalogue | undefined, current: Selection): Promise<Selection | undefined> {
  const m = findModel(cat, current.model);
  const picked = await vscode.window.showQuickPick((['runtime', 'mantle'] as const).map(f => ({
    label: `${f === current.family ? '$(check) ' : ''}bedrock-${f}`,
    description: m ? (m.families.includes(f) ? `serves ${m.name}` : `does not serve ${m.name}`) : undefined,
    detail: f === 'mantle' ? 'OpenAI and Anthropic compatible APIs; stateful Responses, background jobs, Projects' : 'AWS-native APIs; also OpenAI Chat Completions/Responses under /openai/v1 and Anthropic Messages',
    family: f,
  })), { title: 'Endpoint family' });
  if (!picked) return undefined;
  return { ...current, family: picked.family, model: m ? idFor(m, picked.family) : current.model };
}
