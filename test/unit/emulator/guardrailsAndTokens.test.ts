import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BedrockClient, CreateInferenceProfileCommand, DeleteInferenceProfileCommand, GetGuardrailCommand, ListGuardrailsCommand, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import {
  ApplyGuardrailCommand, BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand, CountTokensCommand, InvokeModelCommand, ValidationException, type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { runtimeClient } from './clients';

let emu: Emulator;
let runtime: BedrockRuntimeClient;
let control: BedrockClient;
before(async () => {
  emu = await startEmulator();
  runtime = runtimeClient(emu);
  control = new BedrockClient({ region: emu.region, endpoint: emu.runtimeEndpoint, credentials: { accessKeyId: emu.accessKeyId, secretAccessKey: emu.secretAccessKey }, maxAttempts: 1 });
});
after(async () => { runtime.destroy(); control.destroy(); await emu.close(); });

async function guardrail(): Promise<{ id: string; version: string }> {
  const list = await control.send(new ListGuardrailsCommand({}));
  const g = list.guardrails?.[0];
  assert.ok(g?.id && g.version);
  return { id: g.id, version: g.version };
}

test('ListGuardrails / GetGuardrail describe a guardrail; ApplyGuardrail blocks, masks or passes', async () => {
  const { id } = await guardrail();
  const versions = await control.send(new ListGuardrailsCommand({ guardrailIdentifier: id }));
  assert.deepEqual(versions.guardrails?.map(g => g.version), ['DRAFT', '1']);
  const details = await control.send(new GetGuardrailCommand({ guardrailIdentifier: id, guardrailVersion: '1' }));
  assert.equal(details.topicPolicy?.topics?.[0]?.name, 'Investment advice');
  const apply = (text: string) => runtime.send(new ApplyGuardrailCommand({ guardrailIdentifier: id, guardrailVersion: '1', source: 'INPUT', content: [{ text: { text } }] }));
  const blocked = await apply('Which stocks to buy this week?');
  assert.equal(blocked.action, 'GUARDRAIL_INTERVENED');
  assert.equal(blocked.outputs?.[0]?.text, 'Sorry, the model cannot answer this question.');
  assert.equal(blocked.assessments?.[0]?.topicPolicy?.topics?.[0]?.action, 'BLOCKED');
  const masked = await apply('Mail me at ada@example.com');
  assert.equal(masked.action, 'GUARDRAIL_INTERVENED');
  assert.equal(masked.outputs?.[0]?.text, 'Mail me at {EMAIL}');
  assert.equal(masked.assessments?.[0]?.sensitiveInformationPolicy?.piiEntities?.[0]?.type, 'EMAIL');
  const clean = await apply('How do I sort a list?');
  assert.equal(clean.action, 'NONE');
  assert.ok((clean.usage?.topicPolicyUnits ?? 0) > 0);
});

test('Converse and ConverseStream with guardrailConfig stop with guardrail_intervened and a trace', async () => {
  const { id, version } = await guardrail();
  const input = {
    modelId: 'us.amazon.nova-lite-v1:0',
    messages: [{ role: 'user' as const, content: [{ text: 'Give me a stock tip, it is top secret' }] }],
    guardrailConfig: { guardrailIdentifier: id, guardrailVersion: version, trace: 'enabled' as const },
  };
  const out = await runtime.send(new ConverseCommand(input));
  assert.equal(out.stopReason, 'guardrail_intervened');
  assert.equal(out.output?.message?.content?.[0]?.text, 'Sorry, the model cannot answer this question.');
  const assessment = out.trace?.guardrail?.inputAssessment?.[id];
  assert.equal(assessment?.wordPolicy?.customWords?.[0]?.match, 'top secret');
  const stream = await runtime.send(new ConverseStreamCommand(input));
  let stop: string | undefined;
  let trace: unknown;
  for await (const ev of stream.stream as AsyncIterable<ConverseStreamOutput>) {
    stop = ev.messageStop?.stopReason ?? stop;
    trace = ev.metadata?.trace ?? trace;
  }
  assert.equal(stop, 'guardrail_intervened');
  assert.ok(trace);
  const fine = await runtime.send(new ConverseCommand({ ...input, messages: [{ role: 'user', content: [{ text: 'Explain recursion' }] }] }));
  assert.equal(fine.stopReason, 'end_turn');
  await assert.rejects(runtime.send(new ConverseCommand({ ...input, guardrailConfig: { guardrailIdentifier: 'nope', guardrailVersion: '1' } })), ValidationException);
});

test('service tier and latency are echoed by Converse and InvokeModel', async () => {
  const out = await runtime.send(new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user', content: [{ text: 'x' }] }], serviceTier: { type: 'flex' }, performanceConfig: { latency: 'optimized' } }));
  assert.equal(out.serviceTier?.type, 'flex');
  assert.equal(out.performanceConfig?.latency, 'optimized');
  const inv = await runtime.send(new InvokeModelCommand({ modelId: 'amazon.nova-lite-v1:0', serviceTier: 'priority', body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'x' }] }] }) }));
  assert.equal(inv.serviceTier, 'priority');
  await assert.rejects(runtime.send(new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user', content: [{ text: 'x' }] }], serviceTier: { type: 'turbo' as 'flex' } })), ValidationException);
});

test('CountTokens matches the input tokens Converse and InvokeModel report; non-Claude models and profile ids refuse', async () => {
  const profileId = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
  const modelId = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
  const messages = [{ role: 'user' as const, content: [{ text: 'Count the tokens in this sentence, please.' }] }];
  const system = [{ text: 'You are exact.' }];
  const counted = await runtime.send(new CountTokensCommand({ modelId, input: { converse: { messages, system } } }));
  const used = await runtime.send(new ConverseCommand({ modelId: profileId, messages, system }));
  assert.equal(counted.inputTokens, used.usage?.inputTokens);
  const body = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, system: 'You are exact.', messages: [{ role: 'user', content: 'Count the tokens in this sentence, please.' }] });
  const countedInvoke = await runtime.send(new CountTokensCommand({ modelId, input: { invokeModel: { body: new TextEncoder().encode(body) } } }));
  const invoked = await runtime.send(new InvokeModelCommand({ modelId: profileId, body }));
  assert.equal(countedInvoke.inputTokens, Number(JSON.parse(new TextDecoder().decode(invoked.body)).usage.input_tokens));
  await assert.rejects(runtime.send(new CountTokensCommand({ modelId: 'amazon.nova-lite-v1:0', input: { converse: { messages } } })), ValidationException);
  await assert.rejects(runtime.send(new CountTokensCommand({ modelId: profileId, input: { converse: { messages } } })), /doesn't support counting tokens/);
});

test('CreateInferenceProfile makes an application profile that lists, answers and deletes', async () => {
  const created = await control.send(new CreateInferenceProfileCommand({
    inferenceProfileName: 'team-a-claude', description: 'Team A', modelSource: { copyFrom: `arn:aws:bedrock:${emu.region}:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0` }, tags: [{ key: 'team', value: 'a' }],
  }));
  const arn = created.inferenceProfileArn ?? '';
  assert.match(arn, /:application-inference-profile\/\w+$/);
  const apps = await control.send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));
  assert.ok(apps.inferenceProfileSummaries?.some(p => p.inferenceProfileArn === arn && p.inferenceProfileName === 'team-a-claude'));
  const out = await runtime.send(new ConverseCommand({ modelId: arn, messages: [{ role: 'user', content: [{ text: 'via my profile' }] }] }));
  assert.match(out.output?.message?.content?.[0]?.text ?? '', /via my profile/);
  await control.send(new DeleteInferenceProfileCommand({ inferenceProfileIdentifier: arn }));
  await assert.rejects(runtime.send(new ConverseCommand({ modelId: arn, messages: [{ role: 'user', content: [{ text: 'x' }] }] })), ValidationException);
});
