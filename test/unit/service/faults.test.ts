import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ErrorKind } from '../../../src/service/errors';
import type { ApiStyle, BedrockRequest, EndpointFamily, StreamEvent } from '../../../src/service/model';
import { startRig, textOf, type Rig } from './emulatorRouter';

/** A fresh emulator per test: scripted fault entries a test leaves unused (e.g. no retry on 403) must not leak. */
async function withFaults(plan: string[], run: (rig: Rig) => Promise<void>): Promise<void> {
  const rig = await startRig();
  rig.emulator.scriptFaults(plan);
  try { await run(rig); } finally { await rig.close(); }
}

const ask = (apiStyle: ApiStyle, family: EndpointFamily, model: string): BedrockRequest =>
  ({ model, apiStyle, family, messages: [{ role: 'user', content: [{ type: 'text', text: 'Tell me a long story about streams' }] }] });

const STYLES: Array<[ApiStyle, EndpointFamily, string]> = [
  ['converse-stream', 'runtime', 'us.amazon.nova-lite-v1:0'],
  ['chat-completions', 'mantle', 'openai.gpt-oss-120b'],
  ['responses', 'mantle', 'openai.gpt-oss-120b'],
  ['messages', 'mantle', 'anthropic.claude-sonnet-4-5'],
];

function lastError(events: StreamEvent[]) {
  const e = events.at(-1);
  assert.equal(e?.type, 'error', `expected an error event, got ${JSON.stringify(e)}`);
  return (e as Extract<StreamEvent, { type: 'error' }>).error;
}

const STATUS_FAULTS: Array<[string, ErrorKind, RegExp, string | undefined]> = [
  ['throttling', 'throttled', /throttling/i, 'retry'],
  ['server-error', 'server', /internal error/i, 'retry'],
  ['model-not-ready', 'model-not-ready', /not ready/i, 'retry'],
  ['expired-token', 'expired-credentials', /expired/i, 'sign-in'],
];

for (const [style, family, model] of STYLES) {
  describe(`${style} on ${family}: faults become one user sentence with a next step`, { concurrency: true }, () => {
    for (const [fault, kind, message, action] of STATUS_FAULTS) {
      test(`${fault} → ${kind}`, async () => {
        // enough entries for every SDK retry, so the fault is what the caller finally sees
        let error!: ReturnType<typeof lastError>;
        await withFaults([fault, fault, fault, fault], async rig => { error = lastError(await rig.run(ask(style, family, model))); });
        assert.equal(error.kind, kind, error.detail);
        assert.match(error.message, message);
        assert.equal(error.action?.kind, action);
        assert.doesNotMatch(error.message, /[{}]/, 'no raw JSON in the user sentence');
      });
    }

    test('a throttle that clears on retry is invisible to the user', async () => {
      await withFaults(['throttling'], async rig => {
        const events = await rig.run(ask(style, family, model));
        assert.equal(events.at(-1)?.type, 'stop', JSON.stringify(events.at(-1)));
        assert.ok(textOf(events).length > 0);
      });
    });

    test('a stream cut after some events keeps the text already streamed and ends in a retryable error', async () => {
      // paced like a real stream: undici drops body chunks not yet read when the socket dies, so an instant burst
      // followed by a cut would lose text no real network would have lost
      await withFaults(['stream-cut:6,tokens-per-second:400'], async rig => {
        const events = await rig.run(ask(style, family, model));
        const error = lastError(events);
        assert.ok(textOf(events).length > 0, 'partial text is kept');
        assert.equal(error.retryable, true, error.detail);
        assert.equal(error.action?.kind, 'retry');
      });
    });
  });
}

test('an in-stream model error on ConverseStream keeps partial text and says the stream broke off', async () => {
  await withFaults(['model-stream-error:6'], async rig => {
    const events = await rig.run(ask('converse-stream', 'runtime', 'us.amazon.nova-lite-v1:0'));
    const error = lastError(events);
    assert.ok(textOf(events).length > 0);
    assert.equal(error.kind, 'stream-error', error.detail);
  });
});

test('a corrupt event-stream frame (bad CRC) is caught as a broken stream, partial text kept', async () => {
  await withFaults(['bad-crc:6'], async rig => {
    const events = await rig.run(ask('converse-stream', 'runtime', 'us.amazon.nova-lite-v1:0'));
    const error = lastError(events);
    assert.ok(textOf(events).length > 0);
    assert.equal(error.kind, 'stream-error', error.detail);
  });
});
