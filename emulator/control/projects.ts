import { randomBytes } from 'node:crypto';
import type { Call, EmulatorContext } from '../context';
import { EmulatorError, errors } from '../errors';
import type { Exchange } from '../http/exchange';
import { EMULATOR_ACCOUNT } from '../models';
import { asArray, asRecord, asString } from '../produce';

/**
 * Bedrock Projects as `@aws-sdk/client-bedrock` calls them (restJson1 on the control plane): `GET /projects`,
 * `POST /projects`, `GET|POST /projects/{projectIdentifier}`, `POST /projects/{projectIdentifier}/archive`. Every
 * account has the `default` project, which cannot be renamed or archived. Inference on bedrock-mantle names a
 * project with `OpenAI-Project` (Responses, Chat Completions) or `anthropic-workspace-id` (Messages); bedrock-runtime
 * serves only the default project.
 */
export interface ProjectRecord {
  id: string;
  arn: string;
  name: string;
  status: 'active' | 'archived';
  createdAt: string;
  archivedAt?: string;
  dataRetention: { mode: string };
  tags: { key: string; value: string }[];
}

const RETENTION_MODES = ['inherit', 'default', 'none', 'provider_data_share', 'aws_review'];
const CREATED = '2025-09-29T00:00:00Z';

export class Projects {
  private readonly byId = new Map<string, ProjectRecord>();

  constructor(private readonly region: string, existing: string[] = []) {
    for (const id of ['default', ...existing]) {
      this.byId.set(id, { id, arn: this.arnOf(id), name: id === 'default' ? 'Default' : id, status: 'active', createdAt: CREATED, dataRetention: { mode: 'inherit' }, tags: [] });
    }
  }

  arnOf(id: string): string {
    return `arn:aws:bedrock:${this.region}:${EMULATOR_ACCOUNT}:project/${id}`;
  }

  all(): ProjectRecord[] {
    return [...this.byId.values()];
  }

  find(idOrArn: string): ProjectRecord | undefined {
    return this.byId.get(idOrArn) ?? this.all().find(p => p.arn === idOrArn);
  }

  add(p: ProjectRecord): void {
    this.byId.set(p.id, p);
  }
}

/** The wire shape every project operation returns (ProjectSummary): the tags are not part of it. */
function view(p: ProjectRecord): Record<string, unknown> {
  return { id: p.id, arn: p.arn, name: p.name, status: p.status, createdAt: p.createdAt, ...(p.archivedAt ? { archivedAt: p.archivedAt } : {}), dataRetention: p.dataRetention };
}

function found(call: Call): ProjectRecord {
  const key = call.params.projectIdentifier;
  const p = call.ctx.projects.find(key);
  if (!p) throw errors.notFound(`Project ${key} does not exist.`);
  return p;
}

function validName(v: unknown): string {
  const name = asString(v).trim();
  if (!name || name.length > 64) throw errors.validation("1 validation error detected: Value at 'name' failed to satisfy constraint: Member must have length between 1 and 64");
  return name;
}

function validRetention(v: unknown): { mode: string } {
  const mode = asString(asRecord(v).mode);
  if (!RETENTION_MODES.includes(mode)) throw errors.validation(`1 validation error detected: Value '${mode}' at 'dataRetention.mode' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_MODES.join(', ')}]`);
  return { mode };
}

const bodyOf = (call: Call): Record<string, unknown> => asRecord(JSON.parse(call.ex.body.toString('utf8') || '{}'));

/** `GET /projects` (ListProjects): `statusFilter`, `maxResults` (1–100, default 20) and `nextToken` paging. */
export async function listProjects(call: Call): Promise<void> {
  const q = call.ex.query;
  const status = q.get('statusFilter');
  const list = call.ctx.projects.all().filter(p => !status || p.status === status);
  const start = Number(q.get('nextToken') ?? 0) || 0;
  const max = Math.min(100, Math.max(1, Number(q.get('maxResults') ?? 20) || 20));
  call.ex.json(200, {
    projectSummaries: list.slice(start, start + max).map(view),
    ...(start + max < list.length ? { nextToken: String(start + max) } : {}),
  });
}

/** `POST /projects` (CreateProject): name, optional tags and data retention (`inherit` when omitted). */
export async function createProject(call: Call): Promise<void> {
  const body = bodyOf(call);
  const id = `proj_${randomBytes(10).toString('hex')}`;
  const tags = asArray(body.tags).map(t => ({ key: asString(asRecord(t).key), value: asString(asRecord(t).value) }));
  if (tags.some(t => !t.key)) throw errors.validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: every tag must have a key");
  const p: ProjectRecord = {
    id, arn: call.ctx.projects.arnOf(id), name: validName(body.name), status: 'active', createdAt: new Date().toISOString(),
    dataRetention: body.dataRetention === undefined ? { mode: 'inherit' } : validRetention(body.dataRetention), tags,
  };
  call.ctx.projects.add(p);
  call.ex.json(200, view(p));
}

/** `GET /projects/{projectIdentifier}` (id or ARN). */
export async function getProject(call: Call): Promise<void> {
  call.ex.json(200, view(found(call)));
}

/** `POST /projects/{projectIdentifier}` (UpdateProject): exactly one of a new name or a new data retention. */
export async function updateProject(call: Call): Promise<void> {
  const p = found(call);
  const body = bodyOf(call);
  if ((body.name === undefined) === (body.dataRetention === undefined)) throw errors.validation('Specify exactly one of name or dataRetention.');
  if (p.status === 'archived') throw conflict(`Project ${p.id} is archived and cannot be changed.`);
  if (body.name !== undefined) {
    if (p.id === 'default') throw errors.validation('The default project cannot be renamed.');
    p.name = validName(body.name);
  } else {
    p.dataRetention = validRetention(body.dataRetention);
  }
  call.ex.json(200, view(p));
}

/** `POST /projects/{projectIdentifier}/archive` (ArchiveProject). */
export async function archiveProject(call: Call): Promise<void> {
  const p = found(call);
  if (p.id === 'default') throw errors.validation('The default project cannot be archived.');
  if (p.status === 'archived') throw conflict(`Project ${p.id} is already archived.`);
  p.status = 'archived';
  p.archivedAt = new Date().toISOString();
  call.ex.json(200, view(p));
}

function conflict(message: string): EmulatorError {
  return new EmulatorError(409, 'ConflictException', message, { type: 'invalid_request_error', code: 'conflict' });
}

/** The project header each inference API reads: a Project on the OpenAI routes, a Workspace on Messages. */
const PROJECT_HEADER: Record<string, string> = {
  'responses.create': 'openai-project', 'chat.completions': 'openai-project', messages: 'anthropic-workspace-id',
};

/**
 * Checks the project an inference request names, as mantle does: an unknown one is not found, an archived one
 * refuses new requests, and bedrock-runtime serves only the default project. Returns the project the request is
 * attributed to (the default one when none is named), which the recorder keeps.
 */
export function projectOfRequest(route: string, ex: Exchange, ctx: EmulatorContext): string | undefined {
  const header = PROJECT_HEADER[route];
  if (!header) return undefined;
  const named = ex.headers[header]?.trim();
  if (!named) return 'default';
  const p = ctx.projects.find(named);
  const what = header === 'anthropic-workspace-id' ? 'Workspace' : 'Project';
  if (!p) throw new EmulatorError(404, 'ResourceNotFoundException', `${what} ${named} not found.`, { type: 'invalid_request_error', code: 'project_not_found' }, 'not_found_error');
  if (ex.family === 'runtime' && p.id !== 'default') throw errors.validation(`bedrock-runtime serves only the default project; ${what.toLowerCase()} ${p.id} needs the bedrock-mantle endpoint.`);
  if (p.status === 'archived') throw new EmulatorError(403, 'AccessDeniedException', `${what} ${p.id} is archived and accepts no new requests.`, { type: 'permission_error', code: 'project_archived' }, 'permission_error');
  return p.id;
}
