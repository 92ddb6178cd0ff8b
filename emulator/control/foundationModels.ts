import type { Call } from '../context';
import { errors } from '../errors';
import { FOUNDATION_MODELS, INFERENCE_PROFILES, type FoundationModel } from '../models';

function summary(m: FoundationModel, region: string): Record<string, unknown> {
  const profiled = INFERENCE_PROFILES.some(p => p.modelId === m.id);
  return {
    modelArn: `arn:aws:bedrock:${region}::foundation-model/${m.id}`,
    modelId: m.id,
    modelName: m.name,
    providerName: m.provider,
    inputModalities: m.input,
    outputModalities: m.output,
    responseStreamingSupported: m.streaming,
    customizationsSupported: [],
    inferenceTypesSupported: m.profileOnly ? ['INFERENCE_PROFILE'] : profiled ? ['ON_DEMAND', 'INFERENCE_PROFILE'] : ['ON_DEMAND'],
    modelLifecycle: { status: 'ACTIVE' },
  };
}

/** `GET /foundation-models` (control plane ListFoundationModels) with its `by…` filters. */
export async function listFoundationModels(call: Call): Promise<void> {
  const q = call.ex.query;
  const provider = q.get('byProvider')?.toLowerCase();
  const output = q.get('byOutputModality');
  const inference = q.get('byInferenceType');
  const list = FOUNDATION_MODELS.map(m => summary(m, call.ctx.region)).filter(s =>
    (!provider || String(s.providerName).toLowerCase() === provider || String(s.modelId).startsWith(`${provider}.`))
    && (!output || (s.outputModalities as string[]).includes(output))
    && (!inference || (s.inferenceTypesSupported as string[]).includes(inference)));
  call.ex.json(200, { modelSummaries: list });
}

/** `GET /foundation-models/{modelIdentifier}` */
export async function getFoundationModel(call: Call): Promise<void> {
  const id = call.params.modelIdentifier.replace(/^arn:aws:bedrock:[^:]*::foundation-model\//, '');
  const m = FOUNDATION_MODELS.find(x => x.id === id);
  if (!m) throw errors.notFound('The specified model identifier does not exist.');
  call.ex.json(200, { modelDetails: summary(m, call.ctx.region) });
}
