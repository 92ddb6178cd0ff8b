import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { StreamEvent } from '../../../src/service/model';
import { startRig, textOf, type Rig } from './emulatorRouter';

let rig: Rig;
before(async () => { rig = await startRig(); });
after(() => rig.close());

const ask = (text: string, apiStyle: 'converse' | 'converse-stream', model = 'us.amazon.nova-lite-v1:0') =>
  ({ model, apiStyle, messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text }] }] });

test('ConverseStream streams text deltas, then usage, then stop', async () => {
  // paced, so tokens arrive in separate network reads (a burst in one read is joined into one delta)
  rig.emulator.scriptFaults([{ fault: 'tokens-per-second:400', path: '/converse-stream' }]);
  const events = await rig.run(ask('Write a haiku about rivers', 'converse-stream'));
  const texts = events.filter(e => e.type === 'text');
  assert.ok(texts.length > 1, 'the reply arrives in several deltas');
  assert.match(textOf(events), /haiku about rivers/i);
  const tail = events.slice(-2).map(e => e.type);
  assert.deepEqual(tail, ['usage', 'stop']);
  const usage = events.find((e): e is Extract<StreamEvent, { type: 'usage' }> => e.type === 'usage');
  assert.ok(usage && usage.usage.inputTokens > 0 && usage.usage.outputTokens > 0);
  const req = rig.emulator.requests.at(-1);
  assert.equal(req?.path, '/model/us.amazon.nova-lite-v1%3A0/converse-stream');
});

test('Converse (non-streaming) yields the same text as ConverseStream for the same prompt', async () => {
  const a = await rig.run(ask('Explain closures in JavaScript', 'converse'));
  const b = await rig.run(ask('Explain closures in JavaScript', 'converse-stream'));
  assert.equal(textOf(a), textOf(b));
  assert.deepEqual(a.at(-1), { type: 'stop', reason: 'end_turn', raw: 'end_turn' });
});

test('an unknown model id ends in an error event that names the model, not a throw', async () => {
  const events = await rig.run(ask('hi', 'converse-stream', 'acme.nonexistent-v9:0'));
  const err = events.at(-1);
  assert.equal(err?.type, 'error');
  if (err?.type === 'error') {
    assert.equal(err.error.kind, 'invalid-model');
    assert.match(err.error.message, /acme\.nonexistent-v9:0/);
    assert.deepEqual(err.error.action, { kind: 'choose-model' });
  }
});

test('Converse is refused on bedrock-mantle before any request is sent', async () => {
  const before = rig.emulator.requests.length;
  const events = await rig.run({ ...ask('hi', 'converse'), family: 'mantle' });
  assert.equal(events.length, 1);
  assert.equal(events[0].type, 'error');
  assert.equal(rig.emulator.requests.length, before);
});
