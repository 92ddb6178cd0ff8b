import type { ProjectSummary } from '@aws-sdk/client-bedrock';
import type { ApiStyle, EndpointFamily } from '../model';
import { sdks } from '../sdks';
import { withControlClient, type ControlContext } from './controlClient';

/**
 * Bedrock Projects (the control plane's CreateProject, ListProjects, GetProject, UpdateProject, ArchiveProject): an
 * isolation and cost-attribution boundary. Responses and Chat Completions on bedrock-mantle name one with the
 * `OpenAI-Project` header; Messages on bedrock-mantle calls the same resource a Workspace (`anthropic-workspace-id`).
 * bedrock-runtime serves only the account's default project.
 */
export type DataRetentionMode = 'inherit' | 'default' | 'none' | 'provider_data_share' | 'aws_review';
export const DATA_RETENTION_MODES: readonly DataRetentionMode[] = ['inherit', 'default', 'none', 'provider_data_share'];
export const DATA_RETENTION_LABELS: Record<DataRetentionMode, string> = {
  inherit: 'Inherit (account setting or model default)',
  default: 'Default retention',
  none: 'No retention',
  provider_data_share: 'Share with the model provider',
  aws_review: 'AWS review',
};

/** The account's default project's id: every account has it, it cannot be archived, and runtime serves only it. */
export const DEFAULT_PROJECT_ID = 'default';

export interface Project {
  id: string;
  arn: string;
  name: string;
  status: 'active' | 'archived' | string;
  createdAt?: Date;
  archivedAt?: Date;
  dataRetention: DataRetentionMode | string;
}

export interface NewProject {
  name: string;
  tags?: { key: string; value: string }[];
  /** Omitted: Bedrock sets `inherit`. */
  dataRetention?: DataRetentionMode;
}

export function projectOf(p: ProjectSummary): Project | undefined {
  if (!p.id || !p.arn) return undefined;
  return {
    id: p.id, arn: p.arn, name: p.name ?? p.id, status: p.status ?? 'active',
    ...(p.createdAt ? { createdAt: p.createdAt } : {}), ...(p.archivedAt ? { archivedAt: p.archivedAt } : {}),
    dataRetention: p.dataRetention?.mode ?? 'inherit',
  };
}

function required(p: ProjectSummary, what: string): Project {
  const project = projectOf(p);
  if (!project) throw new Error(`${what} returned no project id`);
  return project;
}

/** ListProjects, every page (archived ones included, so the view can show their status). */
export function listProjects(ctx: ControlContext): Promise<Project[]> {
  return withControlClient(ctx, 'ListProjects', async (client, opts) => {
    const sdk = sdks.bedrockControl();
    const out: Project[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new sdk.ListProjectsCommand({ maxResults: 100, nextToken }), opts);
      for (const p of page.projectSummaries ?? []) {
        const project = projectOf(p);
        if (project) out.push(project);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return out;
  });
}

export function getProject(ctx: ControlContext, idOrArn: string): Promise<Project> {
  return withControlClient(ctx, 'GetProject', async (client, opts) => {
    const sdk = sdks.bedrockControl();
    return required(await client.send(new sdk.GetProjectCommand({ projectIdentifier: idOrArn }), opts), 'GetProject');
  });
}

export function createProject(ctx: ControlContext, p: NewProject): Promise<Project> {
  return withControlClient(ctx, 'CreateProject', async (client, opts) => {
    const sdk = sdks.bedrockControl();
    return required(await client.send(new sdk.CreateProjectCommand({
      name: p.name,
      ...(p.tags?.length ? { tags: p.tags } : {}),
      ...(p.dataRetention ? { dataRetention: { mode: p.dataRetention } } : {}),
    }), opts), 'CreateProject');
  });
}

/** UpdateProject takes exactly one change: a new name or a new data-retention mode. */
export function updateProject(ctx: ControlContext, idOrArn: string, change: { name: string } | { dataRetention: DataRetentionMode }): Promise<Project> {
  return withControlClient(ctx, 'UpdateProject', async (client, opts) => {
    const sdk = sdks.bedrockControl();
    return required(await client.send(new sdk.UpdateProjectCommand({
      projectIdentifier: idOrArn,
      ...('name' in change ? { name: change.name } : { dataRetention: { mode: change.dataRetention } }),
    }), opts), 'UpdateProject');
  });
}

/** ArchiveProject: the project then refuses new inference; its stored data stays readable until it expires. */
export function archiveProject(ctx: ControlContext, idOrArn: string): Promise<Project> {
  return withControlClient(ctx, 'ArchiveProject', async (client, opts) => {
    const sdk = sdks.bedrockControl();
    return required(await client.send(new sdk.ArchiveProjectCommand({ projectIdentifier: idOrArn }), opts), 'ArchiveProject');
  });
}

/**
 * How a request names its project, by API style and family: Responses and Chat Completions on bedrock-mantle send
 * it as the Project (`OpenAI-Project`), Messages on bedrock-mantle as the Workspace (`anthropic-workspace-id`).
 * Nothing else can carry one: bedrock-runtime serves only the account's default project, and Converse and
 * InvokeModel have no project at all.
 */
export function projectCarrier(style: ApiStyle, family: EndpointFamily): 'project' | 'workspace' | undefined {
  if (family !== 'mantle') return undefined;
  if (style === 'responses' || style === 'chat-completions') return 'project';
  if (style === 'messages') return 'workspace';
  return undefined;
}

/** What to tell the user when the chosen project cannot be sent with this style and family; undefined when it can. */
export function projectNotCarriedNote(style: ApiStyle, family: EndpointFamily, projectId: string | undefined): string | undefined {
  if (!projectId || projectId === DEFAULT_PROJECT_ID || projectCarrier(style, family)) return undefined;
  return family === 'runtime'
    ? 'bedrock-runtime serves only the default project: the chosen project is not sent (use bedrock-mantle with Responses, Chat Completions or Messages).'
    : 'Only Responses, Chat Completions (as the Project) and Messages (as the Workspace) carry a project: the chosen project is not sent.';
}
