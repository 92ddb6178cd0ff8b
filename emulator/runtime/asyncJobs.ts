import { randomBytes } from 'node:crypto';

export interface AsyncJob {
  id: string;
  invocationArn: string;
  modelArn: string;
  clientRequestToken?: string;
  s3Uri: string;
  submitTime: number;
  durationMs: number;
  tags: unknown[];
  modelInput: unknown;
}

export type AsyncStatus = 'InProgress' | 'Completed' | 'Failed';

/**
 * Async invocations. Progress is derived from the clock on every read (InProgress until the
 * configured duration has passed, then Completed), so there are no timers to clean up.
 */
export class AsyncJobs {
  private readonly jobs: AsyncJob[] = [];

  constructor(private readonly region: string, private readonly account: string) {}

  start(modelId: string, modelInput: unknown, s3Uri: string, durationMs: number, clientRequestToken?: string, tags: unknown[] = []): AsyncJob {
    if (clientRequestToken) {
      const same = this.jobs.find(j => j.clientRequestToken === clientRequestToken);
      if (same) return same; // idempotent, as Bedrock is for a repeated token
    }
    const id = randomBytes(6).toString('hex');
    const job: AsyncJob = {
      id,
      invocationArn: `arn:aws:bedrock:${this.region}:${this.account}:async-invoke/${id}`,
      modelArn: `arn:aws:bedrock:${this.region}::foundation-model/${modelId}`,
      clientRequestToken, s3Uri: `${s3Uri.replace(/\/+$/, '')}/${id}`, submitTime: Date.now(), durationMs, tags, modelInput,
    };
    this.jobs.push(job);
    return job;
  }

  find(arnOrId: string): AsyncJob | undefined {
    return this.jobs.find(j => j.invocationArn === arnOrId || j.id === arnOrId);
  }

  all(): AsyncJob[] { return [...this.jobs]; }

  status(job: AsyncJob, now = Date.now()): AsyncStatus {
    return now - job.submitTime >= job.durationMs ? 'Completed' : 'InProgress';
  }

  /** The GetAsyncInvoke / ListAsyncInvokes summary shape. */
  describe(job: AsyncJob, now = Date.now()): Record<string, unknown> {
    const status = this.status(job, now);
    const end = job.submitTime + job.durationMs;
    return {
      invocationArn: job.invocationArn,
      modelArn: job.modelArn,
      ...(job.clientRequestToken ? { clientRequestToken: job.clientRequestToken } : {}),
      status,
      submitTime: new Date(job.submitTime).toISOString(),
      lastModifiedTime: new Date(status === 'Completed' ? end : now).toISOString(),
      ...(status === 'Completed' ? { endTime: new Date(end).toISOString() } : {}),
      outputDataConfig: { s3OutputDataConfig: { s3Uri: job.s3Uri } },
    };
  }
}
