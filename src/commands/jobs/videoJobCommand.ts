import * as vscode from 'vscode';
import type { BedrockError } from '../../service/errors';
import { getAsyncInvoke, novaReelInput, startAsyncInvoke, type AsyncJob } from '../../service/runtime';
import { withJobProgress, type CommandDeps } from '../commandContext';
import { JOBS_VIEW_ID, type JobsTree } from './jobsTree';

export interface VideoJobArgs {
  prompt?: string;
  /** s3://bucket/prefix where Bedrock writes the video. */
  s3Uri?: string;
  model?: string;
  durationSeconds?: number;
  signal?: AbortSignal;
}

export interface VideoJobResult {
  invocationArn?: string;
  /** Settles when the Jobs view's polling sees the job complete or fail. */
  finished?: Promise<AsyncJob>;
  error?: BedrockError;
}

export const DEFAULT_VIDEO_MODEL = 'amazon.nova-reel-v1:1';
const S3_URI_KEY = 'bedrock.videoJob.s3Uri';

/** "Bedrock: Start Video Job (StartAsyncInvoke)": starts Nova Reel, then the Jobs view tracks it to the end. */
export async function startVideoJob(deps: CommandDeps, jobs: JobsTree, args: VideoJobArgs = {}): Promise<VideoJobResult | undefined> {
  const prompt = args.prompt ?? await vscode.window.showInputBox({ title: 'Bedrock: Start Video Job (1/2)', prompt: 'Describe the video', placeHolder: 'A drone shot over a misty forest at sunrise', ignoreFocusOut: true, validateInput: v => v.length > 512 ? 'Nova Reel takes at most 512 characters.' : undefined });
  if (!prompt) return undefined;
  const s3Uri = args.s3Uri ?? await vscode.window.showInputBox({
    title: 'Bedrock: Start Video Job (2/2)', prompt: 'S3 URI where Bedrock writes the video (the bucket must allow Bedrock to write)',
    value: deps.workspaceState.get<string>(S3_URI_KEY) ?? 's3://', ignoreFocusOut: true,
    validateInput: v => /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(v) ? undefined : 'An S3 URI such as s3://my-bucket/videos/',
  });
  if (!s3Uri) return undefined;
  await deps.workspaceState.update(S3_URI_KEY, s3Uri);
  const model = args.model ?? DEFAULT_VIDEO_MODEL;
  const { value, error } = await withJobProgress(deps.host, `starting a ${model} job`, args.signal, async ctx => {
    const arn = await startAsyncInvoke(ctx, model, novaReelInput(prompt, { durationSeconds: args.durationSeconds }), s3Uri);
    return getAsyncInvoke(ctx, arn);
  });
  if (!value) return { error };
  jobs.watcher.upsert(value);
  // Offered, not forced: opening the side bar would take it from whatever the user has there.
  void vscode.window.showInformationMessage(`Bedrock: video job started; the Bedrock Jobs view tracks it until it ends.`, 'Show Jobs')
    .then(c => { if (c) void vscode.commands.executeCommand(`${JOBS_VIEW_ID}.focus`); });
  return { invocationArn: value.invocationArn, finished: jobs.watcher.finished(value.invocationArn) };
}
