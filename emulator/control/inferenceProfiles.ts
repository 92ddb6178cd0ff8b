import type { Call } from '../context';
import { EmulatorError, errors } from '../errors';
import { randomBytes } from 'node:crypto';
import { APPLICATION_PROFILE_ID, EMULATOR_ACCOUNT, INFERENCE_PROFILES, modelOfSource, type ApplicationProfile } from '../models';
import { asArray, asRecord, asString } from '../produce';

const CREATED = '2025-09-29T00:00:00Z';

function all(region: string, created: ApplicationProfile[]): Array<Record<string, unknown>> {
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
  const made = created.map(p => ({
    inferenceProfileName: p.name,
    ...(p.description ? { description: p.description } : {}),
    createdAt: p.createdAt,
    updatedAt: p.createdAt,
    inferenceProfileArn: p.arn,
    models: [{ modelArn: `arn:aws:bedrock:${region}::foundation-model/${p.modelId}` }],
    inferenceProfileId: p.id,
    status: 'ACTIVE',
    type: 'APPLICATION',
  }));
  return [...system, app, ...made];
}

/** `GET /inference-profiles` (ListInferenceProfiles): `type` filter and `maxResults`/`nextToken` paging. */
export async function listInferenceProfiles(call: Call): Promise<void> {
  const q = call.ex.query;
  const type = q.get('type');
  const list = all(call.ctx.region, call.ctx.applicationProfiles).filter(p => !type || p.type === type);
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
  const p = all(call.ctx.region, call.ctx.applicationProfiles).find(x => x.inferenceProfileId === key || x.inferenceProfileArn === key);
  if (!p) throw errors.notFound(`Inference profile ${key} does not exist.`);
  call.ex.json(200, p);
}

/** `POST /inference-profiles` (CreateInferenceProfile): an application profile copying a model or system profile. */
export async function createInferenceProfile(call: Call): Promise<void> {
  const body = asRecord(JSON.parse(call.ex.body.toString('utf8') || '{}'));
  const name = asString(body.inferenceProfileName);
  if (!/^[0-9a-zA-Z][ _.:0-9a-zA-Z-]{0,63}$/.test(name)) throw errors.validation("1 validation error detected: Value at 'inferenceProfileName' failed to satisfy constraint: Member must satisfy regular expression pattern: ([0-9a-zA-Z][ _-]?)+");
  const copyFrom = asString(asRecord(body.modelSource).copyFrom);
  const modelId = modelOfSource(copyFrom);
  if (!modelId) throw errors.validation('The provided model source is invalid. Specify the ARN of a foundation model or a system-defined inference profile.');
  const created = call.ctx.applicationProfiles;
  if (created.some(p => p.name === name) || all(call.ctx.region, []).some(p => p.inferenceProfileName === name)) {
    throw new EmulatorError(409, 'ConflictException', `An inference profile named ${name} already exists.`);
  }
  const id = randomBytes(6).toString('hex');
  const arn = `arn:aws:bedrock:${call.ctx.region}:${EMULATOR_ACCOUNT}:application-inference-profile/${id}`;
  created.push({ id, arn, name, description: asString(body.description) || undefined, modelId, copyFrom, createdAt: new Date().toISOString(), tags: asArray(body.tags) });
  call.ex.json(201, { inferenceProfileArn: arn, status: 'ACTIVE' });
}

/** `DELETE /inference-profiles/{inferenceProfileIdentifier}`: only application profiles can be deleted. */
export async function deleteInferenceProfile(call: Call): Promise<void> {
  const key = call.params.inferenceProfileIdentifier;
  const created = call.ctx.applicationProfiles;
  const i = created.findIndex(p => p.id === key || p.arn === key);
  if (i < 0) throw errors.notFound(`Inference profile ${key} does not exist.`);
  created.splice(i, 1);
  call.ex.json(200, {});
}
