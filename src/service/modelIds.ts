/**
 * Model-id rules that differ between the families: runtime wants versioned ids or inference-profile ids (newer
 * models refuse on-demand use without a profile); mantle takes bare ids; application inference profiles are ARNs
 * and go everywhere a model id goes.
 */
import type { EndpointFamily } from './endpoints';

/** A cross-region inference profile as ListInferenceProfiles reports it (prefix list is never hard-coded). */
export interface InferenceProfileRef {
  id: string;
  /** Foundation model ids the profile routes to. */
  modelIds: string[];
  /** Its ARN (what an application profile copies from). */
  arn?: string;
}

export function isArn(model: string): boolean {
  return model.startsWith('arn:');
}

/** The geographic prefix of a profile id (`us.`, `eu.`, `global.`, `apac.`, …), if the id has one. */
export function profilePrefix(model: string, knownProfiles: readonly InferenceProfileRef[] = []): string | undefined {
  if (isArn(model)) return undefined;
  const known = knownProfiles.find(p => p.id === model);
  if (known) return model.slice(0, model.indexOf('.') + 1);
  const m = /^([a-z]{2,8})\.(?=[a-z0-9-]+\.[a-z0-9])/.exec(model);
  // a vendor id (`amazon.nova…`) has the same shape; a prefix is only a prefix when a vendor id follows it
  return m && !VENDORS.has(m[1]) ? m[0] : undefined;
}

const VENDORS = new Set(['amazon', 'anthropic', 'meta', 'mistral', 'cohere', 'ai21', 'stability', 'openai', 'deepseek', 'qwen', 'writer', 'twelvelabs', 'luma', 'google', 'minimax', 'moonshot', 'nvidia', 'zai']);

export function stripProfilePrefix(model: string): string {
  const p = profilePrefix(model);
  return p ? model.slice(p.length) : model;
}

/** Which prefixes suit a region, most local first. */
export function preferredPrefixes(region: string): string[] {
  const geo = region.startsWith('us-gov') ? 'us-gov' : region.split('-')[0];
  const local = ({ us: ['us'], eu: ['eu'], ap: ['apac', 'ap', 'jp', 'au'], ca: ['ca', 'us'], sa: ['sa', 'us'], me: ['me'], af: ['af'], il: ['il'], mx: ['mx', 'us'] } as Record<string, string[]>)[geo] ?? [geo];
  return [...local, 'global'];
}

export interface ModelIdResolution {
  id: string;
  /** Why the id changed, for the log; undefined when it was used as given. */
  note?: string;
}

/**
 * @param needsProfile whether the catalogue says the bare model cannot be invoked on demand in this region.
 */
export function resolveModelId(model: string, family: EndpointFamily, region: string, profiles: readonly InferenceProfileRef[], needsProfile: boolean): ModelIdResolution {
  if (isArn(model)) return { id: model };
  if (family === 'mantle') {
    const bare = stripProfilePrefix(model);
    return bare === model ? { id: model } : { id: bare, note: `mantle takes bare model ids: ${model} → ${bare}` };
  }
  if (profilePrefix(model, profiles) || !needsProfile) return { id: model };
  for (const prefix of preferredPrefixes(region)) {
    const p = profiles.find(x => x.id === `${prefix}.${model}` || (x.id.startsWith(`${prefix}.`) && x.modelIds.includes(model)));
    if (p) return { id: p.id, note: `${model} needs an inference profile in ${region}: using ${p.id}` };
  }
  return { id: model, note: `${model} needs an inference profile in ${region}, and none was found` };
}
