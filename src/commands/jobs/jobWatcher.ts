/**
 * Watches async invocations (video jobs) until they finish: one polling loop for all jobs still InProgress, a change
 * callback per status transition, and a promise per job that settles when it completes or fails. No vscode import,
 * and the waiting is injected, so transitions are unit-tested without real time passing.
 */
import type { AsyncJob } from '../../service/runtime';

export interface JobWatcherDeps {
  get(invocationArn: string, signal: AbortSignal): Promise<AsyncJob>;
  /** Resolves after `ms` (rejects or resolves early once `signal` aborts). */
  wait(ms: number, signal: AbortSignal): Promise<void>;
  intervalMs(): number;
  /** A job appeared or its status changed (`previous` undefined for a new job). */
  onChange(job: AsyncJob, previous: AsyncJob | undefined): void;
  /** Polling a job failed; polling goes on (the next poll may succeed). */
  onError?(error: unknown, invocationArn: string): void;
  /** Polling started (true) or every job is finished (false). */
  onPolling?(active: boolean): void;
}

export class JobWatcher {
  private readonly jobs = new Map<string, AsyncJob>();
  private readonly waiters = new Map<string, Array<(job: AsyncJob) => void>>();
  private loop: Promise<void> | undefined;
  private readonly stop = new AbortController();

  constructor(private readonly deps: JobWatcherDeps) {}

  /** Newest first. */
  get all(): AsyncJob[] {
    return [...this.jobs.values()].sort((a, b) => (b.submitTime?.getTime() ?? 0) - (a.submitTime?.getTime() ?? 0));
  }

  get polling(): boolean {
    return this.loop !== undefined;
  }

  /** Adds or updates a job; an InProgress job starts the polling loop. */
  upsert(job: AsyncJob): void {
    const previous = this.jobs.get(job.invocationArn);
    this.jobs.set(job.invocationArn, job);
    if (!previous || previous.status !== job.status) this.deps.onChange(job, previous);
    if (job.status === 'InProgress') this.ensurePolling();
    else this.settle(job);
  }

  /** Settles when the job leaves InProgress (at once if it already has). */
  finished(invocationArn: string): Promise<AsyncJob> {
    const job = this.jobs.get(invocationArn);
    if (job && job.status !== 'InProgress') return Promise.resolve(job);
    return new Promise(resolve => this.waiters.set(invocationArn, [...(this.waiters.get(invocationArn) ?? []), resolve]));
  }

  dispose(): void {
    this.stop.abort();
  }

  private settle(job: AsyncJob): void {
    const waiting = this.waiters.get(job.invocationArn);
    this.waiters.delete(job.invocationArn);
    for (const resolve of waiting ?? []) resolve(job);
  }

  private ensurePolling(): void {
    if (this.loop || this.stop.signal.aborted) return;
    this.deps.onPolling?.(true);
    this.loop = this.run().finally(() => {
      this.loop = undefined;
      this.deps.onPolling?.(false);
      // A job added while the loop was finishing still needs watching.
      if (this.running().length && !this.stop.signal.aborted) this.ensurePolling();
    });
  }

  private running(): AsyncJob[] {
    return [...this.jobs.values()].filter(j => j.status === 'InProgress');
  }

  private async run(): Promise<void> {
    while (this.running().length && !this.stop.signal.aborted) {
      try {
        await this.deps.wait(this.deps.intervalMs(), this.stop.signal);
      } catch {
        return; // disposed while waiting
      }
      for (const job of this.running()) {
        if (this.stop.signal.aborted) return;
        try {
          this.upsert(await this.deps.get(job.invocationArn, this.stop.signal));
        } catch (e) {
          if (!this.stop.signal.aborted) this.deps.onError?.(e, job.invocationArn);
        }
      }
    }
  }
}
