import * as vscode from 'vscode';
import { asBedrockError } from '../frontEndKit/errors/asBedrockError';
import { showBedrockError } from '../frontEndKit/errors/errorActions';
import { DATA_RETENTION_LABELS, DATA_RETENTION_MODES, type DataRetentionMode, type NewProject, type Project } from '../service/control/projects';
import { parseTags } from '../service/control/inferenceProfiles';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { ProjectsTree } from './projectsTree';

/** A project as a command receives it: the tree's row, or `{ id }` from another caller. */
function projectArg(v: unknown): { id: string; name?: string } | undefined {
  const p = v as Partial<Project> | undefined;
  return p && typeof p.id === 'string' && p.id ? { id: p.id, ...(typeof p.name === 'string' ? { name: p.name } : {}) } : undefined;
}

function isNewProject(v: unknown): v is NewProject {
  const p = v as NewProject | undefined;
  return !!p && typeof p.name === 'string' && p.name.trim().length > 0
    && (p.dataRetention === undefined || DATA_RETENTION_MODES.includes(p.dataRetention))
    && (p.tags === undefined || (Array.isArray(p.tags) && p.tags.every(t => typeof t?.key === 'string' && typeof t.value === 'string')));
}

/** Name, tags and data retention, asked one after the other; undefined when the user gives up. */
async function askNewProject(): Promise<NewProject | undefined> {
  const name = await vscode.window.showInputBox({ title: 'New Bedrock project (1/3): name', prompt: 'Names need not be unique.', validateInput: v => (v.trim() && v.trim().length <= 64 ? undefined : 'Give a name of 1 to 64 characters.') });
  if (name === undefined) return undefined;
  const tagText = await vscode.window.showInputBox({ title: 'New Bedrock project (2/3): tags', prompt: 'key=value pairs separated by commas, for cost allocation (optional)', placeHolder: 'team=search, env=dev', validateInput: v => parseTags(v).error });
  if (tagText === undefined) return undefined;
  const retention = await vscode.window.showQuickPick(DATA_RETENTION_MODES.map(mode => ({ label: DATA_RETENTION_LABELS[mode], description: mode, mode })), { title: 'New Bedrock project (3/3): data retention' });
  if (!retention) return undefined;
  const { tags } = parseTags(tagText);
  return { name: name.trim(), ...(tags.length ? { tags } : {}), dataRetention: retention.mode as DataRetentionMode };
}

/**
 * The Projects view and its commands: create, rename, archive, refresh; and `bedrock.chooseProject`, which sets the
 * active chat conversation's project. Each command takes its input as arguments too (tests, keybindings).
 */
/** Chooses the project of the chat's active conversation (the chat view provides it; this front end does not import it). */
export type ChooseChatProject = (choice?: unknown) => Promise<unknown>;

export function registerProjectFeatures(host: ServiceHost, chooseChatProject: ChooseChatProject): { tree: ProjectsTree; disposables: vscode.Disposable[] } {
  const tree = new ProjectsTree(host);
  const run = async <T>(what: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await what();
    } catch (e) {
      const error = asBedrockError(e);
      if (error.kind !== 'aborted') void showBedrockError(error, host.log);
      return undefined;
    }
  };
  const disposables = [
    tree,
    vscode.commands.registerCommand('bedrock.projects.refresh', () => tree.refresh()),
    vscode.commands.registerCommand('bedrock.projects.create', async (input?: unknown) => {
      const project = isNewProject(input) ? input : await askNewProject();
      if (!project) return undefined;
      const made = await run(() => host.service.createProject(project));
      if (made) {
        host.log.info(`project ${made.id} created`);
        await tree.refresh();
      }
      return made;
    }),
    vscode.commands.registerCommand('bedrock.projects.rename', async (node?: unknown, newName?: unknown) => {
      const p = projectArg(node);
      if (!p) return undefined;
      const name = typeof newName === 'string' && newName.trim() ? newName.trim()
        : await vscode.window.showInputBox({ title: 'Rename project', value: p.name ?? '', validateInput: v => (v.trim() && v.trim().length <= 64 ? undefined : 'Give a name of 1 to 64 characters.') });
      if (!name) return undefined;
      const updated = await run(() => host.service.updateProject(p.id, { name: name.trim() }));
      if (updated) await tree.refresh();
      return updated;
    }),
    // `{ confirmed: true }` as the second argument skips the question (a caller that already asked)
    vscode.commands.registerCommand('bedrock.projects.archive', async (node?: unknown, options?: { confirmed?: boolean }) => {
      const p = projectArg(node);
      if (!p) return undefined;
      if (options?.confirmed !== true) {
        const ok = await vscode.window.showWarningMessage(`Archive the project "${p.name ?? p.id}"? It will refuse new requests; this cannot be undone.`, { modal: true }, 'Archive');
        if (ok !== 'Archive') return undefined;
      }
      const archived = await run(() => host.service.archiveProject(p.id));
      if (archived) await tree.refresh();
      return archived;
    }),
    // the project belongs to the active conversation; an argument ({ id, name? } or 'setting') skips the pick
    vscode.commands.registerCommand('bedrock.chooseProject', (choice?: unknown) => chooseChatProject(choice)),
  ];
  return { tree, disposables };
}
