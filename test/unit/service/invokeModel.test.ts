import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { InvokeModelDriver } from '../../../src/service/drivers/runtime/invokeModelDriver';
import type { ApiStyle, BedrockRequest, StreamEvent } from '../../../src/service/model';
import { sigv4, startRig, textOf, type Rig } from './emulatorRouter';

const SCRIPTED = 'Rivers bend.\n\n```ts\nconst flow = "south";\n```\n\nThey **always** reach the sea.';

const MODELS: Array<{ model: string; body: (b: Record<string, unknown>) => void }> = [
  { model: 'amazon.nova-lite-v1:0', body: b => { assert.equal(b.schemaVersion, 'messages-v1'); assert.deepEqual(b.system, [{ text: 'Be brief.' }]); } },
  { model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', body: b => { assert.equal(b.anthropic_version, 'bedrock-2023-05-31'); assert.equal(b.model, undefined); assert.equal(b.stream, undefined); } },
  { model: 'meta.llama3-1-8b-instruct-v1:0', body: b => { assert.match(String(b.prompt), /^<\|begin_of_text\|><\|start_header_id\|>system<\|end_header_id\|>\n\nBe brief\.<\|eot_id\|>/); assert.match(String(b.prompt), /<\|start_header_id\|>assistant<\|end_header_id\|>\n\n$/); } },
  { model: 'mistral.mistral-large-2407-v1:0', body: b => { assert.deepEqual((b.messages as unknown[])[0], { role: 'system', content: 'Be brief.' }); } },
];

const ask = (model: string, apiStyle: ApiStyle): BedrockRequest =>
  ({ model, apiStyle, system: 'Be brief.', params: { maxTokens: 500 }, messages: [{ role: 'user', content: [{ type: 'text', text: 'Tell me about rivers' }] }] });

function noError(events: StreamEvent[]): void {
  const error = events.find(e => e.type === 'error');
  assert.equal(error, undefined, JSON.stringify(error));
}

describe('InvokeModel and InvokeModelWithResponseStream with native bodies', () => {
  let rig: Rig;
  before(async () => { rig = await startRig(); });
  after(() => rig.close());

  for (const { model, body } of MODELS) {
    test(`${model}: invoke, invoke stream and ConverseStream give the same text, usage and stop`, async () => {
      const texts: string[] = [];
      for (const style of ['converse-stream', 'invoke-model', 'invoke-model-stream'] as const) {
        rig.emulator.scriptReplies([SCRIPTED]);
        const events = await rig.run(ask(model, style));
        noError(events);
        texts.push(textOf(events));
        const kinds = [...new Set(events.map(e => e.type))];
        assert.deepEqual(kinds, ['text', 'usage', 'stop'], `${style}: ${kinds.join(',')}`);
        const usage = events.find(e => e.type === 'usage');
        assert.ok(usage?.type === 'usage' && usage.usage.inputTokens > 0 && usage.usage.outputTokens > 0, `${style} usage`);
        const stop = events.at(-1);
        assert.equal(stop?.type === 'stop' && stop.reason, 'end_turn', `${style} stop`);
        const seen = rig.emulator.requests.at(-1)!;
        if (style !== 'converse-stream') {
          assert.equal(seen.route, style === 'invoke-model' ? 'invoke' : 'invoke-with-response-stream');
          body(seen.body as Record<string, unknown>);
        }
      }
      assert.deepEqual(texts, [SCRIPTED, SCRIPTED, SCRIPTED]);
    });
  }

  test('a paced stream arrives in several text deltas, not one burst', async () => {
    rig.emulator.scriptReplies([SCRIPTED]);
    rig.emulator.scriptFaults([{ fault: 'tokens-per-second:400', path: '/invoke-with-response-stream' }]);
    const events = await rig.run(ask('meta.llama3-1-8b-instruct-v1:0', 'invoke-model-stream'));
    assert.ok(events.filter(e => e.type === 'text').length > 3);
  });

  test('gpt-oss: InvokeModel sends stream:false, splits reasoning from the answer', async () => {
    rig.emulator.scriptReplies([{ text: 'Forty-two.', reasoning: 'The user wants a number.' }]);
    const events = await rig.run({ ...ask('openai.gpt-oss-120b-1:0', 'invoke-model'), reasoning: { effort: 'low' } });
    noError(events);
    assert.equal((rig.emulator.requests.at(-1)!.body as Record<string, unknown>).stream, false);
    assert.equal(textOf(events), 'Forty-two.');
    assert.equal(events.filter(e => e.type === 'reasoning').map(e => (e.type === 'reasoning' ? e.text : '')).join(''), 'The user wants a number.');
  });

  test('Claude extended thinking arrives as reasoning events, streamed and not', async () => {
    for (const style of ['invoke-model', 'invoke-model-stream'] as const) {
      rig.emulator.scriptReplies([{ text: 'Paris.', reasoning: 'The capital of France is Paris.' }]);
      const events = await rig.run({ ...ask('us.anthropic.claude-sonnet-4-5-20250929-v1:0', style), reasoning: { budgetTokens: 1024 } });
      noError(events);
      const body = rig.emulator.requests.at(-1)!.body as { thinking?: { type: string; budget_tokens: number } };
      assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 1024 });
      assert.equal(events.filter(e => e.type === 'reasoning').map(e => (e.type === 'reasoning' ? e.text : '')).join(''), 'The capital of France is Paris.', style);
      assert.equal(textOf(events), 'Paris.');
      assert.ok(events.findIndex(e => e.type === 'reasoning') < events.findIndex(e => e.type === 'text'), 'thinking comes first');
    }
  });

  test('tool calls come back as tool-call events on Nova and Claude (stream and not)', async () => {
    const tools = [{ name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];
    for (const model of ['us.amazon.nova-lite-v1:0', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0']) {
      for (const style of ['invoke-model', 'invoke-model-stream'] as const) {
        rig.emulator.scriptReplies([{ text: '', toolCalls: [{ name: 'get_weather', input: { city: 'Oslo' } }] }]);
        const events = await rig.run({ ...ask(model, style), tools });
        noError(events);
        const start = events.find(e => e.type === 'tool-call-start');
        const end = events.find(e => e.type === 'tool-call-end');
        assert.equal(start?.type === 'tool-call-start' && start.name, 'get_weather', `${model} ${style}`);
        assert.deepEqual(end?.type === 'tool-call-end' && end.input, { city: 'Oslo' }, `${model} ${style}`);
        const stop = events.at(-1);
        assert.equal(stop?.type === 'stop' && stop.reason, 'tool_use', `${model} ${style}`);
      }
    }
  });

  test('an in-stream model error or a corrupt frame keeps the text already streamed and ends in stream-error', async () => {
    for (const fault of ['model-stream-error:6', 'bad-crc:6']) {
      rig.emulator.scriptReplies([SCRIPTED]);
      rig.emulator.scriptFaults([{ fault, path: 'invoke-with-response-stream' }]);
      const events = await rig.run(ask('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'invoke-model-stream'));
      const text = textOf(events);
      assert.ok(text.length > 0 && SCRIPTED.startsWith(text) && text !== SCRIPTED, `${fault}: partial text kept (${JSON.stringify(text)})`);
      const last = events.at(-1);
      assert.equal(last?.type === 'error' && last.error.kind, 'stream-error', `${fault}: ${JSON.stringify(last)}`);
    }
  });

  test('a throttled InvokeModel is retried by the SDK and then succeeds', async () => {
    rig.emulator.scriptReplies([SCRIPTED]);
    rig.emulator.scriptFaults([{ fault: 'throttling', path: '/invoke' }]);
    const before = rig.emulator.requests.length;
    const events = await rig.run(ask('amazon.nova-lite-v1:0', 'invoke-model'));
    noError(events);
    assert.equal(textOf(events), SCRIPTED);
    assert.equal(rig.emulator.requests.length - before, 2, 'one throttled attempt, one retry');
  });

  test('aborting a paced stream stops it promptly with an aborted stop', async () => {
    rig.emulator.scriptFaults([{ fault: 'long:5000,tokens-per-second:200', path: 'invoke-with-response-stream' }]);
    const ac = new AbortController();
    const started = Date.now();
    const events: StreamEvent[] = [];
    for await (const e of rig.router.stream(ask('meta.llama3-1-8b-instruct-v1:0', 'invoke-model-stream'), ac.signal)) {
      events.push(e);
      if (events.filter(x => x.type === 'text').length === 3) ac.abort();
    }
    assert.deepEqual(events.at(-1), { type: 'stop', reason: 'aborted' });
    assert.equal(events.filter(e => e.type === 'text').length, 3);
    assert.ok(Date.now() - started < 2000, 'well before the 25 s the whole reply would take');
  });

  test('an unknown model id ends in the invalid-model error', async () => {
    for (const style of ['invoke-model', 'invoke-model-stream'] as const) {
      const events = await rig.run(ask('meta.llama9-nonexistent-v1:0', style));
      const last = events.at(-1);
      assert.equal(last?.type, 'error');
      assert.equal(last?.type === 'error' && last.error.kind, 'invalid-model');
    }
  });

  test('a model whose body dialect is unknown, or is not a chat model, is refused before sending', async () => {
    const before = rig.emulator.requests.length;
    for (const [model, pattern] of [['acme.unknown-v1:0', /Cannot tell which model family/], ['amazon.titan-embed-text-v2:0', /not a chat model/]] as const) {
      const events = await rig.run(ask(model, 'invoke-model'));
      const last = events.at(-1);
      assert.equal(last?.type === 'error' && last.error.kind, 'validation', model);
      assert.match(last?.type === 'error' ? last.error.message : '', pattern);
    }
    assert.equal(rig.emulator.requests.length, before);
  });

  test('an application inference profile ARN needs its family from the resolver', async () => {
    const arn = `arn:aws:bedrock:${rig.emulator.region}:123456789012:application-inference-profile/emulator0app1`;
    const ctx = { region: rig.emulator.region, family: 'runtime' as const, endpoint: rig.emulator.runtimeEndpoint, auth: sigv4(rig.emulator), signal: new AbortController().signal, log: () => undefined };
    const collect = async (d: InvokeModelDriver) => { const out: StreamEvent[] = []; for await (const e of d.stream(ask(arn, 'invoke-model'), ctx)) out.push(e); return out; };
    await assert.rejects(collect(new InvokeModelDriver('invoke-model')), /Cannot tell which model family/);
    rig.emulator.scriptReplies([SCRIPTED]);
    const events = await collect(new InvokeModelDriver('invoke-model', id => (id === arn ? 'nova' : undefined)));
    assert.equal(textOf(events), SCRIPTED);
  });
});
