/** InvokeModel body dialects the emulator speaks, one per model family. */
export type InvokeFormat = 'nova' | 'anthropic' | 'llama' | 'mistral' | 'openai-chat' | 'titan-embed' | 'cohere-embed' | 'cohere-rerank' | 'nova-canvas' | 'none';

export interface FoundationModel {
  id: string;
  name: string;
  provider: string;
  converse: boolean;
  invoke: InvokeFormat;
  streaming: boolean;
  asyncInvoke?: boolean;
  bidirectional?: boolean;
  /** Refused on-demand by base id: callers must use an inference profile, as on Bedrock. */
  profileOnly?: boolean;
  input: string[];
  output: string[];
}

const chat = (id: string, name: string, provider: string, invoke: InvokeFormat, extra: Partial<FoundationModel> = {}): FoundationModel =>
  ({ id, name, provider, converse: true, invoke, streaming: true, input: ['TEXT'], output: ['TEXT'], ...extra });

export const FOUNDATION_MODELS: FoundationModel[] = [
  chat('amazon.nova-micro-v1:0', 'Nova Micro', 'Amazon', 'nova'),
  chat('amazon.nova-lite-v1:0', 'Nova Lite', 'Amazon', 'nova', { input: ['TEXT', 'IMAGE', 'VIDEO'] }),
  chat('amazon.nova-pro-v1:0', 'Nova Pro', 'Amazon', 'nova', { input: ['TEXT', 'IMAGE', 'VIDEO'] }),
  chat('anthropic.claude-sonnet-4-5-20250929-v1:0', 'Claude Sonnet 4.5', 'Anthropic', 'anthropic', { profileOnly: true, input: ['TEXT', 'IMAGE'] }),
  chat('anthropic.claude-haiku-4-5-20251001-v1:0', 'Claude Haiku 4.5', 'Anthropic', 'anthropic', { profileOnly: true, input: ['TEXT', 'IMAGE'] }),
  chat('meta.llama3-1-8b-instruct-v1:0', 'Llama 3.1 8B Instruct', 'Meta', 'llama'),
  chat('mistral.mistral-large-2407-v1:0', 'Mistral Large (24.07)', 'Mistral AI', 'mistral'),
  chat('openai.gpt-oss-120b-1:0', 'gpt-oss-120b', 'OpenAI', 'openai-chat'),
  chat('openai.gpt-oss-20b-1:0', 'gpt-oss-20b', 'OpenAI', 'openai-chat'),
  { id: 'amazon.titan-embed-text-v2:0', name: 'Titan Text Embeddings V2', provider: 'Amazon', converse: false, invoke: 'titan-embed', streaming: false, input: ['TEXT'], output: ['EMBEDDING'] },
  { id: 'cohere.embed-english-v3', name: 'Embed English', provider: 'Cohere', converse: false, invoke: 'cohere-embed', streaming: false, input: ['TEXT'], output: ['EMBEDDING'] },
  { id: 'cohere.rerank-v3-5:0', name: 'Rerank 3.5', provider: 'Cohere', converse: false, invoke: 'cohere-rerank', streaming: false, input: ['TEXT'], output: ['TEXT'] },
  { id: 'amazon.nova-canvas-v1:0', name: 'Nova Canvas', provider: 'Amazon', converse: false, invoke: 'nova-canvas', streaming: false, input: ['TEXT', 'IMAGE'], output: ['IMAGE'] },
  { id: 'amazon.nova-reel-v1:0', name: 'Nova Reel', provider: 'Amazon', converse: false, invoke: 'none', streaming: false, asyncInvoke: true, input: ['TEXT', 'IMAGE'], output: ['VIDEO'] },
  { id: 'amazon.nova-reel-v1:1', name: 'Nova Reel', provider: 'Amazon', converse: false, invoke: 'none', streaming: false, asyncInvoke: true, input: ['TEXT', 'IMAGE'], output: ['VIDEO'] },
  { id: 'amazon.nova-sonic-v1:0', name: 'Nova Sonic', provider: 'Amazon', converse: false, invoke: 'none', streaming: true, bidirectional: true, input: ['SPEECH'], output: ['SPEECH', 'TEXT'] },
  { id: 'amazon.nova-2-sonic-v1:0', name: 'Nova 2 Sonic', provider: 'Amazon', converse: false, invoke: 'none', streaming: true, bidirectional: true, input: ['SPEECH', 'TEXT'], output: ['SPEECH', 'TEXT'] },
];

export interface InferenceProfile { id: string; name: string; modelId: string; regions: string[]; type: 'SYSTEM_DEFINED' | 'APPLICATION' }

const US = ['us-east-1', 'us-east-2', 'us-west-2'];
export const INFERENCE_PROFILES: InferenceProfile[] = [
  { id: 'us.amazon.nova-micro-v1:0', name: 'US Nova Micro', modelId: 'amazon.nova-micro-v1:0', regions: US, type: 'SYSTEM_DEFINED' },
  { id: 'us.amazon.nova-lite-v1:0', name: 'US Nova Lite', modelId: 'amazon.nova-lite-v1:0', regions: US, type: 'SYSTEM_DEFINED' },
  { id: 'us.amazon.nova-pro-v1:0', name: 'US Nova Pro', modelId: 'amazon.nova-pro-v1:0', regions: US, type: 'SYSTEM_DEFINED' },
  { id: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', name: 'US Claude Sonnet 4.5', modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0', regions: US, type: 'SYSTEM_DEFINED' },
  { id: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', name: 'Global Claude Sonnet 4.5', modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0', regions: US, type: 'SYSTEM_DEFINED' },
  { id: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', name: 'US Claude Haiku 4.5', modelId: 'anthropic.claude-haiku-4-5-20251001-v1:0', regions: US, type: 'SYSTEM_DEFINED' },
  { id: 'us.meta.llama3-1-8b-instruct-v1:0', name: 'US Meta Llama 3.1 8B Instruct', modelId: 'meta.llama3-1-8b-instruct-v1:0', regions: US, type: 'SYSTEM_DEFINED' },
];

/** One application inference profile, so drivers can test ARNs that hide the model name. */
export const APPLICATION_PROFILE_ID = 'emulator0app1';
export const EMULATOR_ACCOUNT = '123456789012';

export interface ResolvedModel { requestedId: string; model: FoundationModel; viaProfile: boolean }

/**
 * Resolves what a caller put in the model slot — base id, profile id, foundation-model ARN,
 * inference-profile ARN or application-profile ARN — the way Bedrock does.
 * Returns undefined for ids Bedrock would call invalid.
 */
/** An application inference profile created at run time (CreateInferenceProfile). */
export interface ApplicationProfile { id: string; arn: string; name: string; description?: string; modelId: string; copyFrom: string; createdAt: string; tags: unknown[] }

export function resolveRuntimeModel(requested: string, region: string, created: ApplicationProfile[] = []): ResolvedModel | 'on-demand-unsupported' | undefined {
  let id = requested;
  const arn = /^arn:aws:bedrock:([a-z0-9-]+):(\d*):(foundation-model|inference-profile|application-inference-profile)\/(.+)$/.exec(requested);
  if (arn) {
    if (arn[1] !== region) return undefined;
    if (arn[3] === 'application-inference-profile') {
      if (arn[4] === APPLICATION_PROFILE_ID) return { requestedId: requested, model: byId('amazon.nova-lite-v1:0'), viaProfile: true };
      const made = created.find(p => p.id === arn[4]);
      return made ? { requestedId: requested, model: byId(made.modelId), viaProfile: true } : undefined;
    }
    id = arn[4];
  }
  const profile = INFERENCE_PROFILES.find(p => p.id === id);
  if (profile) return { requestedId: requested, model: byId(profile.modelId), viaProfile: true };
  const model = FOUNDATION_MODELS.find(m => m.id === id);
  if (!model) return undefined;
  if (model.profileOnly) return 'on-demand-unsupported';
  return { requestedId: requested, model, viaProfile: false };
}

function byId(id: string): FoundationModel {
  const m = FOUNDATION_MODELS.find(x => x.id === id);
  if (!m) throw new Error(`catalogue: no model ${id}`);
  return m;
}

/** Mantle ids are bare (no geography prefix, no version suffix). */
export interface MantleModel { id: string; ownedBy: string; created: number; style: 'openai' | 'anthropic' }
export const MANTLE_MODELS: MantleModel[] = [
  { id: 'openai.gpt-oss-120b', ownedBy: 'openai', created: 1754352000, style: 'openai' },
  { id: 'openai.gpt-oss-20b', ownedBy: 'openai', created: 1754352000, style: 'openai' },
  { id: 'anthropic.claude-sonnet-4-5', ownedBy: 'anthropic', created: 1759104000, style: 'anthropic' },
  { id: 'anthropic.claude-haiku-4-5', ownedBy: 'anthropic', created: 1760486400, style: 'anthropic' },
  { id: 'mistral.mistral-large-3', ownedBy: 'mistral', created: 1764547200, style: 'openai' },
];

/**
 * Model ids accepted by the OpenAI- and Anthropic-compatible routes. Mantle takes bare ids;
 * the runtime `/openai/v1` and `/anthropic` routes take runtime ids and profiles, so both
 * are accepted there.
 */
export function resolveCompatModel(id: string, family: 'runtime' | 'mantle', region: string, created: ApplicationProfile[] = []): { id: string; style: 'openai' | 'anthropic' } | undefined {
  const m = MANTLE_MODELS.find(x => x.id === id);
  if (m) return { id: m.id, style: m.style };
  if (family === 'runtime') {
    const r = resolveRuntimeModel(id, region, created);
    if (r && r !== 'on-demand-unsupported' && r.model.converse) return { id, style: r.model.invoke === 'anthropic' ? 'anthropic' : 'openai' };
  }
  return undefined;
}

/** Which model a foundation-model or system-profile ARN / id points at (CreateInferenceProfile's copyFrom). */
export function modelOfSource(copyFrom: string): string | undefined {
  const id = copyFrom.replace(/^arn:aws:bedrock:[a-z0-9-]*:\d*:(foundation-model|inference-profile)\//, '');
  return INFERENCE_PROFILES.find(p => p.id === id)?.modelId ?? FOUNDATION_MODELS.find(m => m.id === id)?.id;
}
