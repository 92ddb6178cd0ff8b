import type { Call } from '../context';
import { errors } from '../errors';
import { APPLICATION_PROFILE_ID, EMULATOR_ACCOUNT, INFERENCE_PROFILES } from '../models';

const CREATED = '2025-09-29T00:00:00Z';

function all(region: string): Array<Record<string, unknown>> {
  const system = INFERENCE_PROFILES.filter(p => p.regions.includes(region)).map(p => ({
    inferenceProfileName: p.name,
    description: `Routes requests to ${p.name.replace(/^\w+ /, '')} in ${p.id.split('.')[0] === 'global' ? 'all commercial regions' : 'US regions'}.`,
    createdAt: CREATED,
    updatedAt: CREATED,
    inferenceProfileArn: `arn:aws:bedrock:${region}:${EMULATOR_ACCOUNT}:inference-profile/${p.id}`,
    models: p.regions.map(r => ({ modelArn: `arn:aws:bedrock:${r}::foundation-model/${p.modelId}` })),
    inferenceProfileId: p.id,
    status: 'ACTIVE',
    type: 'SYSTEM_DEFINED',
  }));
  const app = {
    inferenceProfileName: 'emulator-team-nova-lite',
    description: 'Application inference profile for cost tracking (emulator).',
    createdAt: CREATED,
    updatedAt: CREATED,
    inferenceProfileArn: `arn:aws:bedrock:${region}:${EMULATOR_ACCOUNT}:application-inference-profile/${APPLICATION_PROFILE_ID}`,
    models: [{ modelArn: `arn:aws:bedrock:${region}::foundation-model/amazon.nova-lite-v1:0` }],
    inferenceProfileId: APPLICATION_PROFILE_ID,
    status: 'ACTIVE',
    type: 'APPLICATION',
  };
  return [...system, app];
}

/** `GET /inference-profiles` (ListInferenceProfiles): `type` filter and `maxResults`/`nextToken` paging. */
export async function listInferenceProfiles(call: Call): Promise<void> {
  const q = call.ex.query;
  const type = q.get('type');
  const list = all(call.ctx.region).filter(p => !type || p.type === type);
  const start = Number(q.get('nextToken') ?? 0) || 0;
  const max = Number(q.get('maxResults') ?? 1000) || 1000;
  call.ex.json(200, {
    inferenceProfileSummaries: list.slice(start, start + max),
    ...(start + max < list.length ? { nextToken: String(start + max) } : {}),
  });
}

/** `GET /inference-profiles/{inferenceProfileIdentifier}` (id or ARN). */
export async function getInferenceProfile(call: Call): Promise<void> {
  const key = call.params.inferenceProfileIdentifier;
  const p = all(call.ctx.region).find(x => x.inferenceProfileId === key || x.inferenceProfileArn === key);
  if (!p) throw errors.notFound(`Inference profile ${key} does not exist.`);
  call.ex.json(200, p);
}
