import type { InferenceProfileSummary } from '@aws-sdk/client-bedrock';
import { sdks } from '../sdks';
import { withControlClient, type ControlContext } from './controlClient';

/** An application inference profile: an ARN that stands for a model (or system profile) with the account's tags. */
export interface ApplicationProfile {
  arn: string;
  id: string;
  name: string;
  description?: string;
  status: string;
  /** Foundation model ids it routes to (from the model ARNs). */
  modelIds: string[];
}

export function applicationProfileOf(p: InferenceProfileSummary): ApplicationProfile | undefined {
  if (!p.inferenceProfileArn || !p.inferenceProfileId) return undefined;
  return {
    arn: p.inferenceProfileArn, id: p.inferenceProfileId, name: p.inferenceProfileName ?? p.inferenceProfileId,
    ...(p.description ? { description: p.description } : {}), status: p.status ?? 'ACTIVE',
    modelIds: [...new Set((p.models ?? []).map(m => m.modelArn?.split('/').pop() ?? '').filter(Boolean))],
  };
}

/** ListInferenceProfiles with `typeEquals: APPLICATION`, every page. */
export function listApplicationProfiles(ctx: ControlContext): Promise<ApplicationProfile[]> {
  return withControlClient(ctx, 'ListInferenceProfiles', async (client, opts) => {
    const sdk = sdks.bedrockControl();
    const out: ApplicationProfile[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new sdk.ListInferenceProfilesCommand({ maxResults: 1000, nextToken, typeEquals: 'APPLICATION' }), opts);
      for (const p of page.inferenceProfileSummaries ?? []) {
        const a = applicationProfileOf(p);
        if (a) out.push(a);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return out;
  });
}

export interface NewApplicationProfile {
  name: string;
  /** ARN of a foundation model or of a system-defined inference profile (what the profile copies). */
  copyFrom: string;
  description?: string;
  tags?: { key: string; value: string }[];
}

/** CreateInferenceProfile; resolves to the new profile's ARN. */
export function createApplicationProfile(ctx: ControlContext, p: NewApplicationProfile): Promise<string> {
  return withControlClient(ctx, 'CreateInferenceProfile', async (client, opts) => {
    const sdk = sdks.bedrockControl();
    const out = await client.send(new sdk.CreateInferenceProfileCommand({
      inferenceProfileName: p.name, modelSource: { copyFrom: p.copyFrom },
      ...(p.description ? { description: p.description } : {}),
      ...(p.tags?.length ? { tags: p.tags } : {}),
    }), opts);
    if (!out.inferenceProfileArn) throw new Error('CreateInferenceProfile returned no ARN');
    return out.inferenceProfileArn;
  });
}

export function deleteApplicationProfile(ctx: ControlContext, arnOrId: string): Promise<void> {
  return withControlClient(ctx, 'DeleteInferenceProfile', async (client, opts) => {
    const sdk = sdks.bedrockControl();
    await client.send(new sdk.DeleteInferenceProfileCommand({ inferenceProfileIdentifier: arnOrId }), opts);
  });
}

/**
 * A foundation model's ARN, what a profile copies from when it routes to one model in one region. (A system
 * profile's ARN carries the account, so it is taken from ListInferenceProfiles instead of built.)
 */
export function foundationModelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

/** "team=search, env=prod" → tags; an entry without `=` is refused so a typo is not silently dropped. */
export function parseTags(text: string): { tags: { key: string; value: string }[]; error?: string } {
  const tags: { key: string; value: string }[] = [];
  for (const part of text.split(',').map(s => s.trim()).filter(Boolean)) {
    const i = part.indexOf('=');
    if (i <= 0) return { tags, error: `"${part}" is not key=value.` };
    tags.push({ key: part.slice(0, i).trim(), value: part.slice(i + 1).trim() });
  }
  return { tags };
}
