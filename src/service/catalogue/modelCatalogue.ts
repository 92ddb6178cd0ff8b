import type { FoundationModelSummary, InferenceProfileSummary } from '@aws-sdk/client-bedrock';
import type { EndpointFamily } from '../endpoints';
import type { ApiStyle } from '../model';
import type { ApplicationProfile } from '../control/inferenceProfiles';
import type { InferenceProfileRef } from '../modelIds';

/** One model as the extension offers it: which families and API styles serve it, what it takes and gives. */
export interface CatalogueModel {
  /** The id to send on runtime (base id), or the mantle id for mantle-only models. */
  id: string;
  /** The bare id mantle knows it by, when mantle serves it. */
  mantleId?: string;
  name: string;
  provider: string;
  families: EndpointFamily[];
  apiStyles: ApiStyle[];
  input: string[];
  output: string[];
  streaming: boolean;
  /** The base id cannot be invoked on demand: runtime calls go through an inference profile. */
  needsProfile: boolean;
  /** System-defined inference profiles routing to this model (ids, e.g. us.…, global.…). */
  profiles: string[];
  /** Speech to speech (Nova Sonic): served only by InvokeModelWithBidirectionalStream, so `apiStyles` is empty. */
  bidirectional?: boolean;
}

export interface Catalogue {
  region: string;
  fetchedAt: number;
  models: CatalogueModel[];
  profiles: InferenceProfileRef[];
  /** The account's application inference profiles (ARNs usable as a model id on runtime). */
  applicationProfiles: ApplicationProfile[];
  /** What could not be loaded (e.g. mantle unreachable), shown to the user instead of failing the whole list. */
  problems: string[];
}

export interface MantleModelSummary {
  id: string;
  owned_by?: string;
}

/** `openai.gpt-oss-120b-1:0` → `openai.gpt-oss-120b`; `anthropic.claude-sonnet-4-5-20250929-v1:0` → `anthropic.claude-sonnet-4-5`. */
export function mantleIdFor(runtimeId: string): string {
  return runtimeId.replace(/(-v\d+|-\d+)?:\d+$/, '').replace(/-\d{8}$/, '');
}

/** Nova Sonic and Nova 2 Sonic: speech in and out over InvokeModelWithBidirectionalStream, nothing else. */
export function isSpeechToSpeech(m: Pick<FoundationModelSummary, 'modelId' | 'inputModalities' | 'outputModalities'>): boolean {
  // The SDK's ModelModality type has no SPEECH, but ListFoundationModels reports it for Sonic.
  const has = (list: readonly string[] | undefined) => (list ?? []).includes('SPEECH');
  return (has(m.inputModalities) && has(m.outputModalities)) || /(^|\.)amazon\.nova(-\d+)?-sonic-/.test(m.modelId ?? '');
}

function runtimeStyles(m: FoundationModelSummary): ApiStyle[] {
  // Bedrock lists Sonic with TEXT output and streaming, but Converse and InvokeModel refuse it.
  if (isSpeechToSpeech(m)) return [];
  const out = m.outputModalities ?? [];
  const styles: ApiStyle[] = [];
  const chat = out.includes('TEXT') && !out.includes('EMBEDDING') && !/rerank/.test(m.modelId ?? '');
  if (chat) styles.push('converse', 'converse-stream');
  styles.push('invoke-model');
  if (m.responseStreamingSupported) styles.push('invoke-model-stream');
  if (chat && /^openai\./.test(m.modelId ?? '')) styles.push('chat-completions', 'responses');
  if (chat && /^anthropic\./.test(m.modelId ?? '')) styles.push('messages');
  return styles;
}

function mantleStyles(id: string): ApiStyle[] {
  return /^anthropic\./.test(id) ? ['messages'] : ['chat-completions', 'responses'];
}

/**
 * Merges ListFoundationModels + ListInferenceProfiles (runtime) with mantle's `/v1/models` into one list: a model
 * served by both families appears once, with both families and the union of its API styles.
 */
export function mergeCatalogue(region: string, runtimeModels: FoundationModelSummary[], profiles: InferenceProfileSummary[], mantleModels: MantleModelSummary[], problems: string[] = [], now = Date.now(), applicationProfiles: ApplicationProfile[] = []): Catalogue {
  const refs: InferenceProfileRef[] = profiles
    .filter(p => p.inferenceProfileId && (p.status ?? 'ACTIVE') === 'ACTIVE')
    .map(p => ({ id: p.inferenceProfileId!, modelIds: (p.models ?? []).map(x => x.modelArn?.split('/').pop() ?? '').filter(Boolean), ...(p.inferenceProfileArn ? { arn: p.inferenceProfileArn } : {}) }));
  const byMantle = new Map(mantleModels.map(m => [m.id, m]));
  const models: CatalogueModel[] = [];
  for (const m of runtimeModels) {
    if (!m.modelId || (m.modelLifecycle?.status && m.modelLifecycle.status !== 'ACTIVE')) continue;
    const types = m.inferenceTypesSupported ?? [];
    const mantleId = mantleIdFor(m.modelId);
    const onMantle = byMantle.has(mantleId);
    if (onMantle) byMantle.delete(mantleId);
    models.push({
      id: m.modelId,
      ...(onMantle ? { mantleId } : {}),
      name: m.modelName ?? m.modelId,
      provider: m.providerName ?? m.modelId.split('.')[0],
      families: onMantle ? ['runtime', 'mantle'] : ['runtime'],
      apiStyles: [...new Set([...runtimeStyles(m), ...(onMantle ? mantleStyles(mantleId) : [])])],
      input: m.inputModalities ?? [],
      output: m.outputModalities ?? [],
      streaming: m.responseStreamingSupported ?? false,
      needsProfile: types.length > 0 && !types.includes('ON_DEMAND'),
      profiles: refs.filter(r => r.modelIds.includes(m.modelId!)).map(r => r.id),
      ...(isSpeechToSpeech(m) ? { bidirectional: true } : {}),
    });
  }
  for (const m of byMantle.values()) {
    models.push({
      id: m.id, mantleId: m.id, name: m.id, provider: m.owned_by ?? m.id.split('.')[0], families: ['mantle'],
      apiStyles: mantleStyles(m.id), input: ['TEXT'], output: ['TEXT'], streaming: true, needsProfile: false, profiles: [],
    });
  }
  models.sort((a, b) => a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name));
  return { region, fetchedAt: now, models, profiles: refs, applicationProfiles: applicationProfiles.filter(p => p.status === 'ACTIVE'), problems };
}

/** Which model ids can be chosen on a family: profile ids on runtime when the base id needs one. */
export function choosableIds(m: CatalogueModel, family: EndpointFamily): string[] {
  if (family === 'mantle') return m.mantleId ? [m.mantleId] : [];
  return m.needsProfile ? m.profiles : [m.id, ...m.profiles];
}

/** The catalogue model an application inference profile routes to (its ARN hides the model). */
export function modelOfApplicationProfile(cat: Catalogue | undefined, arn: string): CatalogueModel | undefined {
  const p = cat?.applicationProfiles.find(x => x.arn === arn || x.id === arn);
  return p ? cat!.models.find(m => p.modelIds.includes(m.id)) : undefined;
}
