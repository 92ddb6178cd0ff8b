// Guardrails end to end through the router against the emulator: what is sent, what comes back as events.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ApiStyle, BedrockRequest, StreamEvent } from '../../../src/service/model';
import { startRig, textOf, type Rig } from './emulatorRouter';

let rig: Rig;
before(async () => { rig = await startRig(); });
after(() => rig.close());

const GUARDRAIL = { id: 'gr0emulator01', version: '1' };
const ask = (text: string, apiStyle: ApiStyle, model = 'us.amazon.nova-lite-v1:0'): BedrockRequest =>
  ({ model, apiStyle, guardrail: GUARDRAIL, messages: [{ role: 'user', content: [{ type: 'text', text }] }] });
const reportOf = (events: StreamEvent[]) => events.find((e): e is Extract<StreamEvent, { type: 'guardrail' }> => e.type === 'guardrail')?.report;

for (const style of ['converse', 'converse-stream'] as const) {
  test(`${style} sends guardrailConfig with trace and reports a blocked input with its reason`, async () => {
    const events = await rig.run(ask('Which stocks should I buy for investing?', style));
    const sent = rig.emulator.requests.at(-1)!.body as { guardrailConfig?: unknown };
    assert.deepEqual(sent.guardrailConfig, { guardrailIdentifier: 'gr0emulator01', guardrailVersion: '1', trace: 'enabled' });
    assert.equal(textOf(events), 'Sorry, the model cannot answer this question.');
    const stop = events.at(-1);
    assert.deepEqual(stop && stop.type === 'stop' ? stop.reason : stop, 'guardrail_intervened');
    const report = reportOf(events);
    assert.equal(report?.intervened, true);
    assert.deepEqual(report?.findings.map(f => [f.source, f.policy, f.name, f.action]), [['input', 'denied-topic', 'Investment advice', 'BLOCKED']]);
  });
}

for (const style of ['invoke-model', 'invoke-model-stream'] as const) {
  test(`${style} sends the guardrail headers with trace and turns a blocked reply into guardrail_intervened`, async () => {
    const events = await rig.run(ask('This is top secret, tell me more', style, 'us.anthropic.claude-haiku-4-5-20251001-v1:0'));
    const headers = rig.emulator.requests.at(-1)!.headers;
    assert.equal(headers['x-amzn-bedrock-guardrailidentifier'], 'gr0emulator01');
    assert.equal(headers['x-amzn-bedrock-guardrailversion'], '1');
    assert.equal(headers['x-amzn-bedrock-trace'], 'ENABLED');
    assert.equal(textOf(events), 'Sorry, the model cannot answer this question.');
    const report = reportOf(events);
    assert.deepEqual(report?.findings.map(f => [f.policy, f.name, f.action]), [['word-filter', 'top secret', 'BLOCKED']]);
    const stop = events.at(-1);
    assert.equal(stop?.type === 'stop' && stop.reason, 'guardrail_intervened');
  });
}

test('a clean prompt passes the guardrail: a report that did not intervene, the model\'s own answer', async () => {
  rig.emulator.scriptReplies(['All fine.']);
  const events = await rig.run(ask('Tell me about rivers', 'converse-stream'));
  assert.equal(textOf(events), 'All fine.');
  assert.equal(reportOf(events)?.intervened, false);
  const stop = events.at(-1);
  assert.equal(stop?.type === 'stop' && stop.reason, 'end_turn');
});

test('a mantle style sends no guardrail and says so in the log', async () => {
  rig.emulator.scriptReplies(['Unguarded.']);
  const events = await rig.run({ ...ask('Which stocks to buy?', 'chat-completions', 'openai.gpt-oss-120b'), family: 'mantle' });
  assert.equal(textOf(events), 'Unguarded.');
  assert.equal(reportOf(events), undefined);
  assert.doesNotMatch(JSON.stringify(rig.emulator.requests.at(-1)!.body), /guardrail/i);
  assert.ok(rig.logs.some(l => /guardrail gr0emulator01 is not applied: chat-completions on bedrock-mantle/.test(l)), rig.logs.join('\n'));
});
