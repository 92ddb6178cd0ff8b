import * as vscode from 'vscode';
import { Disposable } from '../../common/disposable';
import { getAsyncInvoke, listAsyncInvokes, type AsyncJob } from '../../service/runtime/asyncInvoke';
import type { ServiceHost } from '../../service/vscode/serviceHost';
import { asBedrockError, runtimeContextFor } from '../commandContext';
import { showBedrockError } from '../../frontEndKit/errors/errorActions';
import { JobWatcher } from './jobWatcher';

export const JOBS_VIEW_ID = 'bedrock.jobsView';

/** What a test (or another command) sees of one row of the tree. */
export interface JobRow {
  invocationArn: string;
  label: string;
  description: string;
  status: AsyncJob['status'];
}

const STATUS_ICON: Record<AsyncJob['status'], vscode.ThemeIcon> = {
  InProgress: new vscode.ThemeIcon('sync~spin'),
  Completed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  Failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
};

function jobLabel(job: AsyncJob): string {
  const model = job.modelArn.split('/').pop() ?? job.modelArn;
  return `${model} · ${job.invocationArn.split('/').pop() ?? job.invocationArn}`;
}

function jobDescription(job: AsyncJob): string {
  const when = (job.endTime ?? job.submitTime)?.toLocaleTimeString();
  return `${job.status === 'InProgress' ? 'In progress' : job.status}${when ? ` · ${when}` : ''}`;
}

/**
 * The "Bedrock Jobs" view: async invocations with their status. Jobs still in progress are polled (with a progress
 * bar on the view) until they finish, and the user is told when each one completes or fails.
 */
export class JobsTree extends Disposable implements vscode.TreeDataProvider<AsyncJob> {
  private readonly changed = this._register(new vscode.EventEmitter<AsyncJob | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly watcher: JobWatcher;
  private endPollingProgress: (() => void) | undefined;

  constructor(private readonly host: ServiceHost, pollIntervalMs: () => number) {
    super();
    this.watcher = new JobWatcher({
      get: async (arn, signal) => getAsyncInvoke(await runtimeContextFor(host, signal), arn),
      wait: (ms, signal) => new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        signal.addEventListener('abort', () => { clearTimeout(timer); reject(new Error('stopped')); }, { once: true });
      }),
      intervalMs: pollIntervalMs,
      onChange: (job, previous) => {
        this.changed.fire(undefined);
        if (previous?.status === 'InProgress' && job.status !== 'InProgress') this.notify(job);
      },
      onError: (e, arn) => host.log.warn(`polling ${arn}: ${asBedrockError(e).detail}`),
      onPolling: active => this.showPolling(active),
    });
    this._register({ dispose: () => this.watcher.dispose() });
    this._register({ dispose: () => this.endPollingProgress?.() });
    const view = this._register(vscode.window.createTreeView(JOBS_VIEW_ID, { treeDataProvider: this, showCollapseAll: false }));
    // Jobs started earlier (another window, the CLI, yesterday) are listed the first time the view is opened, not at
    // activation: listing loads the SDK and calls AWS, which only a user looking at the view should cause.
    const firstShow = this._register(view.onDidChangeVisibility(e => {
      if (!e.visible) return;
      firstShow.dispose();
      void this.refresh(undefined, true);
    }));
    if (view.visible) {
      firstShow.dispose();
      void this.refresh(undefined, true);
    }
  }

  getTreeItem(job: AsyncJob): vscode.TreeItem {
    const item = new vscode.TreeItem(jobLabel(job), vscode.TreeItemCollapsibleState.None);
    item.id = job.invocationArn;
    item.description = jobDescription(job);
    item.iconPath = STATUS_ICON[job.status];
    item.contextValue = `bedrockJob.${job.status}`;
    const md = new vscode.MarkdownString(`**${jobLabel(job)}**\n\n- status: ${job.status}\n- ARN: \`${job.invocationArn}\`\n${job.outputS3Uri ? `- output: \`${job.outputS3Uri}\`\n` : ''}${job.failureMessage ? `- failure: ${job.failureMessage}\n` : ''}`);
    item.tooltip = md;
    return item;
  }

  getChildren(element?: AsyncJob): AsyncJob[] {
    return element ? [] : this.watcher.all;
  }

  rows(): JobRow[] {
    return this.watcher.all.map(job => ({ invocationArn: job.invocationArn, label: jobLabel(job), description: jobDescription(job), status: job.status }));
  }

  /** Reloads every job from ListAsyncInvokes (the view's refresh button). */
  async refresh(signal?: AbortSignal, quiet = false): Promise<JobRow[]> {
    try {
      const jobs = await listAsyncInvokes(await runtimeContextFor(this.host, signal), { maxJobs: 100 });
      for (const job of jobs) this.watcher.upsert(job);
    } catch (e) {
      const error = asBedrockError(e);
      // A quiet refresh (the view opening) only logs: a sign-in prompt nobody asked for would be noise.
      if (quiet) this.host.log.warn(`listing async jobs: ${error.detail}`);
      else if (error.kind !== 'aborted') void showBedrockError(error, this.host.log);
    }
    this.changed.fire(undefined);
    return this.rows();
  }

  private notify(job: AsyncJob): void {
    const name = jobLabel(job);
    if (job.status === 'Completed') {
      void vscode.window.showInformationMessage(`Bedrock: job ${name} completed${job.outputS3Uri ? `; output in ${job.outputS3Uri}` : ''}.`, ...(job.outputS3Uri ? ['Copy S3 URI'] : []))
        .then(c => { if (c) void vscode.env.clipboard.writeText(job.outputS3Uri ?? ''); });
    } else {
      void vscode.window.showErrorMessage(`Bedrock: job ${name} failed${job.failureMessage ? `: ${job.failureMessage}` : '.'}`, 'Show Log').then(c => { if (c) this.host.log.show(true); });
    }
  }

  /** A progress bar on the view while any job is being polled. */
  private showPolling(active: boolean): void {
    if (!active) {
      this.endPollingProgress?.();
      this.endPollingProgress = undefined;
      return;
    }
    if (this.endPollingProgress) return;
    void vscode.window.withProgress({ location: { viewId: JOBS_VIEW_ID } }, () => new Promise<void>(resolve => { this.endPollingProgress = resolve; }));
  }
}
