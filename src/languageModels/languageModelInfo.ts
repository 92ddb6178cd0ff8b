/**
 * The Bedrock catalogue as VS Code language models. Pure (no vscode import): the shape matches
 * `vscode.LanguageModelChatInformation` structurally, plus the Bedrock route each model is called through, which
 * VS Code hands back to the provider with every request.
 */
import type { Catalogue, CatalogueModel } from '../service/catalogue/modelCatalogue';
import { API_STYLE_LABELS, type ApiStyle, type EndpointFamily } from '../service/model';
import { limitsFor } from './modelLimits';

export interface BedrockRoute {
  /** The id sent to Bedrock: an inference profile when the base id refuses on-demand calls, the bare id on mantle. */
  model: string;
  apiStyle: ApiStyle;
  family: EndpointFamily;
}

export interface BedrockLanguageModelInfo {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly detail: string;
  readonly tooltip: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: { readonly imageInput: boolean; readonly toolCalling: boolean };
  readonly route: BedrockRoute;
}

/** Text in, text out: speech-to-speech (Nova Sonic), embedding and rerank models are not chat models. */
function chatCapable(m: CatalogueModel): boolean {
  return m.input.includes('TEXT') && m.output.includes('TEXT') && !m.output.includes('EMBEDDING') && !m.output.includes('SPEECH') && !/rerank/i.test(m.id);
}

/**
 * ConverseStream on bedrock-runtime when the model has it (one shape for every model, tools included); otherwise the
 * model's own style on bedrock-mantle: Messages for Claude, Chat Completions for the rest.
 */
export function routeFor(m: CatalogueModel): BedrockRoute | undefined {
  if (m.families.includes('runtime') && m.apiStyles.includes('converse-stream')) {
    const model = m.needsProfile ? m.profiles[0] : m.id;
    if (model) return { model, apiStyle: 'converse-stream', family: 'runtime' };
  }
  if (m.families.includes('mantle') && m.mantleId) {
    if (m.apiStyles.includes('messages') && /^anthropic\./.test(m.mantleId)) return { model: m.mantleId, apiStyle: 'messages', family: 'mantle' };
    if (m.apiStyles.includes('chat-completions')) return { model: m.mantleId, apiStyle: 'chat-completions', family: 'mantle' };
  }
  return undefined;
}

/** `anthropic.claude-sonnet-4-5-20250929-v1:0` → `claude-sonnet-4-5`: what `selectChatModels({ family })` matches. */
export function modelFamily(m: CatalogueModel): string {
  const bare = (m.mantleId ?? m.id).replace(/^[a-z]+\./, '');
  return bare.replace(/(-v\d+|-\d+)?:\d+$/, '').replace(/-\d{8}$/, '');
}

export function languageModelsFrom(cat: Catalogue): BedrockLanguageModelInfo[] {
  const out: BedrockLanguageModelInfo[] = [];
  for (const m of cat.models) {
    if (!chatCapable(m)) continue;
    const route = routeFor(m);
    if (!route) continue;
    const limits = limitsFor(route.model);
    const families = m.families.map(f => `bedrock-${f}`).join(' and ');
    out.push({
      id: route.model,
      name: m.name,
      family: modelFamily(m),
      version: m.id,
      detail: `${API_STYLE_LABELS[route.apiStyle]} · bedrock-${route.family} · ${cat.region}`,
      tooltip: `${m.provider} ${m.name} (${route.model}) through ${API_STYLE_LABELS[route.apiStyle]} on bedrock-${route.family}. Served by ${families} in ${cat.region}.`,
      maxInputTokens: limits.maxInputTokens,
      maxOutputTokens: limits.maxOutputTokens,
      capabilities: { imageInput: m.input.includes('IMAGE'), toolCalling: true },
      route,
    });
  }
  return out;
}
