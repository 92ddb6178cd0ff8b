import type { AsyncInvokeSummary, GetAsyncInvokeResponse } from '@aws-sdk/client-bedrock-runtime';
import { sdks } from '../sdks';
import { asRequestError, runtimeCall, runtimeClientFor, type RuntimeContext } from './context';

export type AsyncJobStatus = 'InProgress' | 'Completed' | 'Failed';

/** One StartAsyncInvoke job as GetAsyncInvoke / ListAsyncInvokes describe it. */
export interface AsyncJob {
  invocationArn: string;
  modelArn: string;
  status: AsyncJobStatus;
  failureMessage?: string;
  submitTime?: Date;
  lastModifiedTime?: Date;
  endTime?: Date;
  /** Where the output lands: the job's own folder under the S3 URI given at start (Nova Reel: `output.mp4`). */
  outputS3Uri?: string;
}

export interface StartAsyncOptions {
  /** Idempotency token: starting twice with the same token returns the same job. */
  clientRequestToken?: string;
  tags?: Record<string, string>;
  kmsKeyId?: string;
}

/** StartAsyncInvoke (video and other long jobs); resolves to the invocation ARN. */
export async function startAsyncInvoke(ctx: RuntimeContext, modelId: string, modelInput: unknown, s3Uri: string, opts: StartAsyncOptions = {}): Promise<string> {
  const sdk = sdks.bedrockRuntime();
  return runtimeCall(ctx, modelId, async () => {
    const client = await runtimeClientFor(ctx);
    const out = await client.send(new sdk.StartAsyncInvokeCommand({
      modelId,
      modelInput: modelInput as never,
      outputDataConfig: { s3OutputDataConfig: { s3Uri, ...(opts.kmsKeyId ? { kmsKeyId: opts.kmsKeyId } : {}) } },
      ...(opts.clientRequestToken ? { clientRequestToken: opts.clientRequestToken } : {}),
      ...(opts.tags ? { tags: Object.entries(opts.tags).map(([key, value]) => ({ key, value })) } : {}),
    }), { abortSignal: ctx.signal });
    return out.invocationArn ?? '';
  });
}

export async function getAsyncInvoke(ctx: RuntimeContext, invocationArn: string): Promise<AsyncJob> {
  const sdk = sdks.bedrockRuntime();
  return runtimeCall(ctx, undefined, async () => {
    const client = await runtimeClientFor(ctx);
    return toJob(await client.send(new sdk.GetAsyncInvokeCommand({ invocationArn }), { abortSignal: ctx.signal }));
  });
}

/** Every job (all pages), newest first; `statusEquals` filters on the server. */
export async function listAsyncInvokes(ctx: RuntimeContext, opts: { statusEquals?: AsyncJobStatus; maxJobs?: number } = {}): Promise<AsyncJob[]> {
  const sdk = sdks.bedrockRuntime();
  const max = opts.maxJobs ?? 1000;
  return runtimeCall(ctx, undefined, async () => {
    const client = await runtimeClientFor(ctx);
    const jobs: AsyncJob[] = [];
    let nextToken: string | undefined;
    do {
      const out = await client.send(new sdk.ListAsyncInvokesCommand({
        sortBy: 'SubmissionTime', sortOrder: 'Descending', maxResults: Math.min(100, max - jobs.length),
        ...(opts.statusEquals ? { statusEquals: opts.statusEquals } : {}), ...(nextToken ? { nextToken } : {}),
      }), { abortSignal: ctx.signal });
      jobs.push(...(out.asyncInvokeSummaries ?? []).map(toJob));
      nextToken = out.nextToken;
    } while (nextToken && jobs.length < max);
    return jobs;
  });
}

/**
 * Polls GetAsyncInvoke until the job leaves InProgress (or the signal aborts), reporting each status seen.
 * The interval is the only waiting done; a job tree can also poll by calling getAsyncInvoke itself.
 */
export async function waitForAsyncInvoke(ctx: RuntimeContext, invocationArn: string, opts: { intervalMs?: number; onStatus?: (job: AsyncJob) => void } = {}): Promise<AsyncJob> {
  for (;;) {
    const job = await getAsyncInvoke(ctx, invocationArn);
    opts.onStatus?.(job);
    if (job.status !== 'InProgress') return job;
    await delay(opts.intervalMs ?? 15_000, ctx.signal).catch(e => { throw asRequestError(e, ctx); });
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(abortError()); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortError(): Error {
  return Object.assign(new Error('The request was aborted'), { name: 'AbortError' });
}

function toJob(o: GetAsyncInvokeResponse | AsyncInvokeSummary): AsyncJob {
  return {
    invocationArn: o.invocationArn ?? '',
    modelArn: o.modelArn ?? '',
    status: (o.status ?? 'InProgress') as AsyncJobStatus,
    ...(o.failureMessage ? { failureMessage: o.failureMessage } : {}),
    ...(o.submitTime ? { submitTime: o.submitTime } : {}),
    ...(o.lastModifiedTime ? { lastModifiedTime: o.lastModifiedTime } : {}),
    ...(o.endTime ? { endTime: o.endTime } : {}),
    ...(o.outputDataConfig?.s3OutputDataConfig?.s3Uri ? { outputS3Uri: o.outputDataConfig.s3OutputDataConfig.s3Uri } : {}),
  };
}
