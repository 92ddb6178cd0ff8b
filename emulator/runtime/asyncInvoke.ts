import type { Call } from '../context';
import { errors } from '../errors';
import { asRecord, asString } from '../produce';
import { requireModel } from './modelGate';

/** `POST /async-invoke` (StartAsyncInvoke). */
export async function startAsyncInvoke(call: Call): Promise<void> {
  const body = asRecord(JSON.parse(call.ex.body.toString('utf8') || '{}'));
  const modelId = asString(body.modelId);
  if (!modelId) throw errors.validation("1 validation error detected: Value null at 'modelId' failed to satisfy constraint: Member must not be null");
  const { model } = requireModel(call, 'async', modelId);
  const s3Uri = asString(asRecord(asRecord(body.outputDataConfig).s3OutputDataConfig).s3Uri);
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(s3Uri)) throw errors.validation('Invalid S3 URI provided in outputDataConfig.s3OutputDataConfig.s3Uri.');
  const input = asRecord(body.modelInput);
  if (!input.taskType) throw errors.validation('Malformed input request: #: required key [taskType] not found, please reformat your input and try again.');
  const job = call.ctx.asyncJobs.start(model.id, input, s3Uri, call.ctx.asyncJobDurationMs, asString(body.clientRequestToken) || undefined, Array.isArray(body.tags) ? body.tags : []);
  call.ex.json(200, { invocationArn: job.invocationArn });
}

/** `GET /async-invoke/{invocationArn}` (GetAsyncInvoke). */
export async function getAsyncInvoke(call: Call): Promise<void> {
  const job = call.ctx.asyncJobs.find(call.params.invocationArn);
  if (!job) throw errors.validation(`Invocation with ARN ${call.params.invocationArn} not found.`);
  call.ex.json(200, call.ctx.asyncJobs.describe(job));
}

/** `GET /async-invoke` (ListAsyncInvokes) with its filters, sort and paging. */
export async function listAsyncInvokes(call: Call): Promise<void> {
  const q = call.ex.query;
  const jobs = call.ctx.asyncJobs;
  const after = q.get('submitTimeAfter') ? Date.parse(q.get('submitTimeAfter') as string) : -Infinity;
  const before = q.get('submitTimeBefore') ? Date.parse(q.get('submitTimeBefore') as string) : Infinity;
  const status = q.get('statusEquals');
  let list = jobs.all().filter(j => j.submitTime > after && j.submitTime < before && (!status || jobs.status(j) === status));
  list.sort((a, b) => a.submitTime - b.submitTime);
  if (q.get('sortOrder') !== 'Ascending') list = list.reverse();
  const start = Number(q.get('nextToken') ?? 0) || 0;
  const max = Number(q.get('maxResults') ?? 1000) || 1000;
  const page = list.slice(start, start + max);
  call.ex.json(200, {
    asyncInvokeSummaries: page.map(j => jobs.describe(j)),
    ...(start + max < list.length ? { nextToken: String(start + max) } : {}),
  });
}
