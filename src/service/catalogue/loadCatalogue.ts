import type { FoundationModelSummary, InferenceProfileSummary } from '@aws-sdk/client-bedrock';
import type { ResolvedAuth } from '../credentials/auth';
import { controlClient } from '../control/controlClient';
import { listApplicationProfiles, type ApplicationProfile } from '../control/inferenceProfiles';
import { EndpointOverrides, resolveEndpoint } from '../endpoints';
import { toBedrockError } from '../errors';
import { openaiClient } from '../drivers/mantle/openaiClient';
import { sdks } from '../sdks';
import { Catalogue, MantleModelSummary, mergeCatalogue } from './modelCatalogue';

export interface CatalogueSources {
  region: string;
  endpoints: EndpointOverrides;
  auth(family: 'runtime' | 'mantle'): Promise<ResolvedAuth>;
  signal?: AbortSignal;
}

/**
 * Loads both families' model lists at once. One family failing (no mantle in the region, no access to the control
 * plane) still gives the other's models, with the failure recorded in `problems`.
 */
export async function loadCatalogue(src: CatalogueSources): Promise<Catalogue> {
  const problems: string[] = [];
  const note = (what: string) => (e: unknown) => {
    problems.push(`${what}: ${toBedrockError(e, { region: src.region }).message}`);
    return undefined;
  };
  const [runtime, mantle, applications] = await Promise.all([
    listRuntime(src).catch(note('bedrock-runtime model list')),
    listMantle(src).catch(note('bedrock-mantle model list')),
    listApplications(src).catch(note('application inference profiles')),
  ]);
  return mergeCatalogue(src.region, runtime?.models ?? [], runtime?.profiles ?? [], mantle ?? [], problems, Date.now(), applications ?? []);
}

async function listRuntime(src: CatalogueSources): Promise<{ models: FoundationModelSummary[]; profiles: InferenceProfileSummary[] }> {
  const sdk = sdks.bedrockControl();
  const client = controlClient({ region: src.region, endpoints: src.endpoints, auth: await src.auth('runtime') });
  try {
    const opts = { abortSignal: src.signal };
    const models = (await client.send(new sdk.ListFoundationModelsCommand({}), opts)).modelSummaries ?? [];
    const profiles: InferenceProfileSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new sdk.ListInferenceProfilesCommand({ maxResults: 1000, nextToken, typeEquals: 'SYSTEM_DEFINED' }), opts);
      profiles.push(...(page.inferenceProfileSummaries ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return { models, profiles };
  } finally {
    client.destroy();
  }
}

async function listApplications(src: CatalogueSources): Promise<ApplicationProfile[]> {
  return listApplicationProfiles({ region: src.region, endpoints: src.endpoints, auth: await src.auth('runtime'), signal: src.signal });
}

async function listMantle(src: CatalogueSources): Promise<MantleModelSummary[]> {
  const client = await openaiClient('mantle', resolveEndpoint('mantle', src.region, src.endpoints), src.region, await src.auth('mantle'));
  const out: MantleModelSummary[] = [];
  for await (const m of client.models.list({ signal: src.signal })) out.push({ id: m.id, owned_by: m.owned_by });
  return out;
}
