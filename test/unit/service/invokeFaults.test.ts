import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ErrorKind } from '../../../src/service/errors';
import type { ApiStyle, BedrockRequest, StreamEvent } from '../../../src/service/model';
import { startRig, textOf, type Rig } from './emulatorRouter';

/** A fresh emulator per test, so fault entries a test leaves unused (no retry on 403) cannot leak into the next. */
async function withFaults(plan: string[], run: (rig: Rig) => Promise<void>): Promise<void> {
  const rig = await startRig();
  rig.emulator.scriptFaults(plan);
  try { await run(rig); } finally { await rig.close(); }
}

const ask = (apiStyle: ApiStyle, model: string): BedrockRequest =>
  ({ model, apiStyle, messages: [{ role: 'user', content: [{ type: 'text', text: 'Tell me a long story about streams' }] }] });

function lastError(events: StreamEvent[]) {
  const e = events.at(-1);
  assert.equal(e?.type, 'error', `expected an error event, got ${JSON.stringify(e)}`);
  return (e as Extract<StreamEvent, { type: 'error' }>).error;
}

const STATUS_FAULTS: Array<[string, ErrorKind, RegExp, string]> = [
  ['throttling', 'throttled', /throttling/i, 'retry'],
  ['server-error', 'server', /internal error/i, 'retry'],
  ['server-error:503', 'unavailable', /unavailable/i, 'retry'],
  ['model-not-ready', 'model-not-ready', /not ready/i, 'retry'],
  ['expired-token', 'expired-credentials', /expired/i, 'sign-in'],
];

for (const [style, model] of [['invoke-model', 'us.amazon.nova-lite-v1:0'], ['invoke-model-stream', 'meta.llama3-1-8b-instruct-v1:0']] as const) {
  describe(`${style}: faults become one user sentence with a next step`, { concurrency: true }, () => {
    for (const [fault, kind, message, action] of STATUS_FAULTS) {
      test(`${fault} → ${kind}`, async () => {
        let error!: ReturnType<typeof lastError>;
        // enough entries for every SDK retry, so the fault is what the caller finally sees
        await withFaults([fault, fault, fault, fault], async rig => { error = lastError(await rig.run(ask(style, model))); });
        assert.equal(error.kind, kind, error.detail);
        assert.match(error.message, message);
        assert.equal(error.action?.kind, action);
      });
    }
  });
}

test('invoke-model-stream: a cut connection keeps the streamed text and offers a retry', async () => {
  await withFaults(['stream-cut:6,tokens-per-second:400'], async rig => {
    const events = await rig.run(ask('invoke-model-stream', 'us.amazon.nova-lite-v1:0'));
    assert.ok(textOf(events).length > 0, 'partial text kept');
    const error = lastError(events);
    assert.equal(error.action?.kind, 'retry', error.detail);
  });
});
