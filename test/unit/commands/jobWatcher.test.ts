import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { JobWatcher } from '../../../src/commands/jobs/jobWatcher';
import type { AsyncJob, AsyncJobStatus } from '../../../src/service/runtime';

const job = (id: string, status: AsyncJobStatus, extra: Partial<AsyncJob> = {}): AsyncJob =>
  ({ invocationArn: `arn:aws:bedrock:us-east-1:1:async-invoke/${id}`, modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-reel-v1:1', status, submitTime: new Date(Number(id.replace(/\D/g, '')) || 0), ...extra });

/** A fake GetAsyncInvoke: each job walks through a scripted list of statuses, one per poll. */
function harness(scripts: Record<string, Array<AsyncJobStatus | Error>>) {
  const transitions: string[] = [];
  const errors: string[] = [];
  const polls: string[] = [];
  let polling: boolean[] = [];
  const watcher = new JobWatcher({
    get: async arn => {
      const id = arn.split('/').pop()!;
      polls.push(id);
      const next = scripts[id].shift() ?? 'InProgress';
      if (next instanceof Error) throw next;
      return job(id, next, next === 'Failed' ? { failureMessage: 'S3 access denied' } : {});
    },
    wait: () => new Promise(r => setImmediate(r)), // a macrotask per wait, as a timer would be
    intervalMs: () => 1000,
    onChange: (j, prev) => transitions.push(`${j.invocationArn.split('/').pop()}: ${prev?.status ?? 'new'} → ${j.status}`),
    onError: e => errors.push(String(e)),
    onPolling: a => { polling = [...polling, a]; },
  });
  return { watcher, transitions, errors, polls, polling: () => polling };
}

describe('JobWatcher', () => {
  test('polls each job until it completes or fails, reporting every transition once', async () => {
    const h = harness({ a1: ['InProgress', 'InProgress', 'Completed'], b2: ['Failed'] });
    h.watcher.upsert(job('a1', 'InProgress'));
    h.watcher.upsert(job('b2', 'InProgress'));
    const [a, b] = await Promise.all([h.watcher.finished(job('a1', 'InProgress').invocationArn), h.watcher.finished(job('b2', 'InProgress').invocationArn)]);
    assert.equal(a.status, 'Completed');
    assert.equal(b.status, 'Failed');
    assert.equal(b.failureMessage, 'S3 access denied');
    assert.deepEqual(h.transitions, ['a1: new → InProgress', 'b2: new → InProgress', 'b2: InProgress → Failed', 'a1: InProgress → Completed']);
    await new Promise(r => setImmediate(r));
    assert.deepEqual(h.polling(), [true, false], 'one polling period, ended when nothing runs');
    assert.deepEqual(h.watcher.all.map(j => j.status), ['Failed', 'Completed'], 'newest first');
  });

  test('a failed poll is reported and polling goes on', async () => {
    const h = harness({ c3: [new Error('throttled'), 'Completed'] });
    h.watcher.upsert(job('c3', 'InProgress'));
    assert.equal((await h.watcher.finished(job('c3', 'InProgress').invocationArn)).status, 'Completed');
    assert.deepEqual(h.errors, ['Error: throttled']);
    assert.deepEqual(h.polls, ['c3', 'c3']);
  });

  test('a finished job is not polled, and finished() resolves at once', async () => {
    const h = harness({});
    h.watcher.upsert(job('d4', 'Completed'));
    assert.equal((await h.watcher.finished(job('d4', 'Completed').invocationArn)).status, 'Completed');
    assert.deepEqual(h.polls, []);
    assert.equal(h.watcher.polling, false);
  });

  test('dispose stops polling', async () => {
    const h = harness({ e5: [] });
    h.watcher.upsert(job('e5', 'InProgress'));
    await new Promise(r => setImmediate(r));
    h.watcher.dispose();
    const before = h.polls.length;
    await new Promise(r => setImmediate(r));
    assert.ok(h.polls.length <= before + 1, 'at most the poll under way finishes');
    assert.ok(before > 0);
  });
});
