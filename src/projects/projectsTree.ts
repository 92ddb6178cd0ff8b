import * as vscode from 'vscode';
import { asBedrockError } from '../frontEndKit/errors/asBedrockError';
import { showBedrockError } from '../frontEndKit/errors/errorActions';
import { Disposable } from '../common/disposable';
import { DATA_RETENTION_LABELS, DEFAULT_PROJECT_ID, type DataRetentionMode, type Project } from '../service/control/projects';
import type { ServiceHost } from '../service/vscode/serviceHost';

export const PROJECTS_VIEW_ID = 'bedrock.projectsView';

/** What a test sees of one row. */
export interface ProjectRow {
  id: string;
  label: string;
  description: string;
  status: string;
}

function description(p: Project): string {
  const retention = DATA_RETENTION_LABELS[p.dataRetention as DataRetentionMode] ?? p.dataRetention;
  return `${p.status === 'archived' ? 'archived' : 'active'} · ${retention}${p.id === DEFAULT_PROJECT_ID ? '' : ` · ${p.id}`}`;
}

/**
 * The "Projects" view: the account's Bedrock Projects in the current region with their status and data retention.
 * Listed the first time the view is shown (listing loads the SDK and calls AWS, which only a user looking at the
 * view should cause), and again after each change made from it.
 */
export class ProjectsTree extends Disposable implements vscode.TreeDataProvider<Project> {
  private readonly changed = this._register(new vscode.EventEmitter<Project | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private projects: Project[] = [];

  constructor(private readonly host: ServiceHost) {
    super();
    const view = this._register(vscode.window.createTreeView(PROJECTS_VIEW_ID, { treeDataProvider: this }));
    const firstShow = this._register(view.onDidChangeVisibility(e => {
      if (!e.visible) return;
      firstShow.dispose();
      void this.refresh(true);
    }));
    if (view.visible) {
      firstShow.dispose();
      void this.refresh(true);
    }
    // another region or account lists other projects
    this._register(host.onDidChange(() => { if (this.projects.length) void this.refresh(true); }));
  }

  getTreeItem(p: Project): vscode.TreeItem {
    const item = new vscode.TreeItem(p.id === DEFAULT_PROJECT_ID ? `${p.name} (default)` : p.name, vscode.TreeItemCollapsibleState.None);
    item.id = p.arn;
    item.description = description(p);
    item.iconPath = new vscode.ThemeIcon(p.status === 'archived' ? 'archive' : 'project');
    item.contextValue = p.id === DEFAULT_PROJECT_ID ? 'bedrockProject.default' : `bedrockProject.${p.status}`;
    item.tooltip = new vscode.MarkdownString(`**${p.name}**\n\n- id: \`${p.id}\`\n- ARN: \`${p.arn}\`\n- status: ${p.status}\n- data retention: ${p.dataRetention}\n${p.createdAt ? `- created: ${p.createdAt.toLocaleString()}\n` : ''}${p.archivedAt ? `- archived: ${p.archivedAt.toLocaleString()}\n` : ''}`);
    return item;
  }

  getChildren(element?: Project): Project[] {
    return element ? [] : this.projects;
  }

  rows(): ProjectRow[] {
    return this.projects.map(p => ({ id: p.id, label: p.name, description: description(p), status: p.status }));
  }

  /** Reloads the list; a quiet refresh (the view opening) only logs a failure. */
  async refresh(quiet = false): Promise<ProjectRow[]> {
    try {
      this.projects = (await this.host.service.listProjects()).sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
    } catch (e) {
      const error = asBedrockError(e);
      if (quiet) this.host.log.warn(`listing projects: ${error.detail}`);
      else if (error.kind !== 'aborted') void showBedrockError(error, this.host.log);
    }
    this.changed.fire(undefined);
    return this.rows();
  }
}

/** The default project first, then active ones, archived last. */
function order(p: Project): number {
  return p.id === DEFAULT_PROJECT_ID ? 0 : p.status === 'archived' ? 2 : 1;
}
