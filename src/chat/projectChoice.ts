import * as vscode from 'vscode';
import type { ProjectRef, Selection } from './protocol';
import { asBedrockError } from '../frontEndKit/errors/asBedrockError';
import { showBedrockError } from '../frontEndKit/errors/errorActions';
import { readSettings } from '../common/settings';
import { DEFAULT_PROJECT_ID, projectCarrier, projectNotCarriedNote, type Project } from '../service/control/projects';
import { API_STYLE_LABELS } from '../service/model';
import type { ServiceHost } from '../service/vscode/serviceHost';

export function isProjectRef(v: unknown): v is ProjectRef {
  const r = v as ProjectRef;
  return !!r && typeof r === 'object' && typeof r.id === 'string' && r.id.length > 0 && (r.name === undefined || typeof r.name === 'string');
}

/** The conversation's own project, else the `bedrock.project` setting's (empty: none, the default project). */
export function withDefaultProject(selection: Selection, settingId: string): Selection {
  return selection.project || !settingId ? selection : { ...selection, project: { id: settingId } };
}

/** The reply footer's words for the project the request was attributed to, or that it could not be sent. */
export function projectFooter(selection: Selection): string {
  const p = selection.project;
  if (!p || p.id === DEFAULT_PROJECT_ID) return '';
  const carrier = projectCarrier(selection.apiStyle, selection.family);
  return carrier ? ` · ${carrier} ${p.name ?? p.id}` : ` · project ${p.name ?? p.id} not sent`;
}

type Item = vscode.QuickPickItem & { choice?: ProjectRef | 'setting' };

/**
 * Lists the account's active projects for the conversation to use. Says up front when the conversation's API style
 * and family cannot carry one (bedrock-runtime: the default project only), so a choice is never dropped unseen.
 */
export async function pickProject(host: ServiceHost, current: Selection): Promise<ProjectRef | 'setting' | undefined> {
  let projects: Project[];
  try {
    projects = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Bedrock: listing projects…', cancellable: true }, (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return host.service.listProjects(abort.signal);
    });
  } catch (e) {
    const error = asBedrockError(e);
    if (error.kind !== 'aborted') void showBedrockError(error, host.log);
    return undefined;
  }
  const setting = readSettings().project;
  const chosen = current.project?.id;
  const carried = projectCarrier(current.apiStyle, current.family);
  const where = `${API_STYLE_LABELS[current.apiStyle]} on bedrock-${current.family}`;
  const detail = carried
    ? `Sent with ${where} as the ${carried === 'project' ? 'Project (OpenAI-Project header)' : 'Workspace (anthropic-workspace-id header)'}.`
    : projectNotCarriedNote(current.apiStyle, current.family, 'any');
  const items: Item[] = [
    { label: '$(settings-gear) Use the setting', description: setting ? `bedrock.project: ${setting}` : 'bedrock.project is empty: the default project', picked: !chosen, choice: 'setting' },
    ...projects.filter(p => p.status === 'active').map(p => ({
      label: p.id === DEFAULT_PROJECT_ID ? '$(home) Default project' : p.name, description: p.id, detail,
      picked: p.id === chosen, choice: { id: p.id, name: p.name },
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Project for this chat',
    placeHolder: carried ? `Requests are attributed to the chosen project (${where})` : `${where} cannot carry a project: bedrock-runtime serves only the default one`,
    matchOnDescription: true,
  });
  return picked?.choice;
}
