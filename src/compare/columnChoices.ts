import { choosableIds, type Catalogue, type CatalogueModel } from '../service/catalogue/modelCatalogue';
import { API_STYLE_LABELS, type ApiStyle, type EndpointFamily } from '../service/model';
import type { ColumnSpec, ColumnView } from './protocol';

/** Whether the service has a driver for a style on a family (BedrockService.supports). */
export type Supports = (style: ApiStyle, family: EndpointFamily) => boolean;

export interface ColumnChoice {
  model: CatalogueModel;
  modelId: string;
  apiStyle: ApiStyle;
  family: EndpointFamily;
  label: string;
}

/** InvokeModel takes a model-specific body; the panel sends one prompt to every column, so it offers chat styles. */
const COMPARABLE: readonly ApiStyle[] = ['converse-stream', 'converse', 'messages', 'responses', 'chat-completions', 'invoke-model-stream'];
/** The styles bedrock-mantle serves; the catalogue's style list is the union over both families. */
const MANTLE_STYLES: readonly ApiStyle[] = ['messages', 'responses', 'chat-completions'];

export function columnLabel(modelName: string, style: ApiStyle, family: EndpointFamily): string {
  return `${modelName} · ${API_STYLE_LABELS[style]} · bedrock-${family}`;
}

function servesOn(m: CatalogueModel, style: ApiStyle, family: EndpointFamily, supports: Supports): boolean {
  if (!m.families.includes(family) || !m.apiStyles.includes(style) || !supports(style, family)) return false;
  if (family === 'mantle') {
    // mantle serves Claude only through Messages and other models only through the OpenAI styles
    const claude = /^anthropic\./.test(m.mantleId ?? m.id);
    return MANTLE_STYLES.includes(style) && (style === 'messages') === claude;
  }
  return true;
}

/** Every model × API style × family the catalogue and the service agree on, in catalogue order. */
export function columnChoices(cat: Catalogue, supports: Supports): ColumnChoice[] {
  const out: ColumnChoice[] = [];
  for (const m of cat.models) {
    for (const family of m.families) {
      const modelId = choosableIds(m, family)[0];
      if (!modelId) continue;
      for (const apiStyle of COMPARABLE) {
        if (servesOn(m, apiStyle, family, supports)) out.push({ model: m, modelId, apiStyle, family, label: columnLabel(m.name, apiStyle, family) });
      }
    }
  }
  return out;
}

export function findCatalogueModel(cat: Catalogue | undefined, id: string): CatalogueModel | undefined {
  return cat?.models.find(m => m.id === id || m.mantleId === id || m.profiles.includes(id));
}

/**
 * Why a column cannot run, or undefined when it can. The service's own rule (a driver for the style on the family)
 * always applies; the catalogue's, once it is loaded and lists the model (an application profile ARN is not listed).
 */
export function columnProblem(spec: ColumnSpec, cat: Catalogue | undefined, supports: Supports): string | undefined {
  const style = API_STYLE_LABELS[spec.apiStyle];
  if (!COMPARABLE.includes(spec.apiStyle)) return `${style} takes a model-specific body; choose a chat API style.`;
  if (!supports(spec.apiStyle, spec.family)) return `${style} is not served by bedrock-${spec.family}.`;
  const m = findCatalogueModel(cat, spec.model);
  if (!cat || (!m && spec.model.startsWith('arn:'))) return undefined;
  // a catalogue that could not load fully cannot say a model is missing: the request itself will tell
  if (!m) return cat.problems.length ? undefined : `${spec.model} is not in the ${cat.region} catalogue.`;
  if (!m.families.includes(spec.family)) return `${m.name} is not served by bedrock-${spec.family}.`;
  if (!servesOn(m, spec.apiStyle, spec.family, supports)) return `${m.name} does not offer ${style} on bedrock-${spec.family}.`;
  return undefined;
}

/** The column as the panel shows it, with the catalogue's names and the reason it cannot run, if any. */
export function columnView(spec: ColumnSpec, cat: Catalogue | undefined, supports: Supports, streaming: boolean, result?: ColumnView['result'], knownName?: string): ColumnView {
  // the name last shown stands in until the catalogue has loaded, so a restored panel does not flash raw ids
  const modelName = findCatalogueModel(cat, spec.model)?.name ?? knownName ?? spec.model;
  const problem = columnProblem(spec, cat, supports);
  return {
    ...spec, modelName, apiStyleLabel: API_STYLE_LABELS[spec.apiStyle], label: columnLabel(modelName, spec.apiStyle, spec.family),
    streaming, ...(problem ? { problem } : {}), ...(result ? { result } : {}),
  };
}
