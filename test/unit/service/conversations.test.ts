import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiStyle, BedrockRequest, ChatMessage, EndpointFamily, StreamEvent, ToolSpec } from '../../../src/service/model';
import { startRig, textOf, type Rig } from './emulatorRouter';

let rig: Rig;
before(async () => { rig = await startRig(); });
after(() => rig.close());

const user = (text: string): ChatMessage => ({ role: 'user', content: [{ type: 'text', text }] });
const WEATHER: ToolSpec = {
  name: 'get_weather', description: 'Current weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

const TOOL_STYLES: Array<[ApiStyle, EndpointFamily, string]> = [
  ['converse-stream', 'runtime', 'us.amazon.nova-lite-v1:0'],
  ['converse', 'runtime', 'us.amazon.nova-lite-v1:0'],
  ['chat-completions', 'mantle', 'openai.gpt-oss-120b'],
  ['responses', 'mantle', 'openai.gpt-oss-120b'],
  ['messages', 'mantle', 'anthropic.claude-sonnet-4-5'],
  ['messages', 'runtime', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
];

describe('tool round trips: the model calls a tool, the result goes back, the model answers', () => {
  for (const [style, family, model] of TOOL_STYLES) {
    test(`${style} on ${family}`, async () => {
      const base: BedrockRequest = { model, apiStyle: style, family, tools: [WEATHER], messages: [user('What is the weather in Paris?')] };
      const first = await rig.run(base);
      const start = first.find((e): e is Extract<StreamEvent, { type: 'tool-call-start' }> => e.type === 'tool-call-start');
      const end = first.find((e): e is Extract<StreamEvent, { type: 'tool-call-end' }> => e.type === 'tool-call-end');
      assert.ok(start && end, `no tool call in ${JSON.stringify(first.map(e => e.type))}`);
      assert.equal(start.name, 'get_weather');
      assert.equal(end.id, start.id);
      assert.equal(typeof (end.input as { city?: unknown }).city, 'string');
      const stop = first.at(-1);
      assert.ok(stop?.type === 'stop' && stop.reason === 'tool_use', JSON.stringify(stop));

      const responseId = first.find(e => e.type === 'response-id');
      const second = await rig.run({
        ...base,
        ...(responseId?.type === 'response-id' ? { previousResponseId: responseId.id } : {}),
        messages: [...base.messages,
          { role: 'assistant', content: [{ type: 'text', text: textOf(first) }, { type: 'tool-call', id: start.id, name: start.name, input: end.input }] },
          { role: 'user', content: [{ type: 'tool-result', id: start.id, content: '{"temperature_c": 18, "sky": "clear"}' }] }],
      });
      const final = second.at(-1);
      assert.ok(final?.type === 'stop' && final.reason === 'end_turn', JSON.stringify(final));
      assert.match(textOf(second), /temperature_c|18/, 'the answer uses the tool result');
    });
  }
});

test('a two-turn stateful Responses chain: the second turn sends only the new message and the server remembers', async () => {
  const first = await rig.run({ model: 'openai.gpt-oss-120b', apiStyle: 'responses', family: 'mantle', messages: [user('My name is Ada and I like Rust.')] });
  const id = first.find(e => e.type === 'response-id');
  assert.ok(id?.type === 'response-id' && id.id.startsWith('resp_'));
  const firstUsage = first.find(e => e.type === 'usage');
  const second = await rig.run({
    model: 'openai.gpt-oss-120b', apiStyle: 'responses', family: 'mantle', previousResponseId: id.id,
    messages: [user('My name is Ada and I like Rust.'), { role: 'assistant', content: [{ type: 'text', text: textOf(first) }] }, user('What is my name?')],
  });
  const sent = rig.emulator.requests.at(-1)!.body as { input: Array<{ role: string }>; previous_response_id: string; store: boolean };
  assert.equal(sent.previous_response_id, id.id);
  assert.equal(sent.input.length, 1, 'only the new turn is sent');
  assert.equal(sent.store, true);
  const secondUsage = second.find(e => e.type === 'usage');
  assert.ok(firstUsage?.type === 'usage' && secondUsage?.type === 'usage');
  assert.ok(secondUsage.usage.inputTokens > firstUsage.usage.inputTokens, 'the reconstructed history counts as input');
});

describe('extended thinking streams as reasoning, separate from the answer', () => {
  for (const [style, family, model] of [['messages', 'mantle', 'anthropic.claude-sonnet-4-5'], ['converse-stream', 'runtime', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0']] as const) {
    test(`${style} on ${family}`, async () => {
      const events = await rig.run({ model, apiStyle: style, family, reasoning: { budgetTokens: 1024 }, messages: [user('Is 97 prime?')] });
      const reasoning = events.filter(e => e.type === 'reasoning').map(e => (e as { text: string }).text).join('');
      assert.ok(reasoning.length > 0, `no reasoning in ${JSON.stringify(events.map(e => e.type))}`);
      assert.ok(textOf(events).length > 0);
      assert.ok(!textOf(events).includes(reasoning), 'reasoning is not mixed into the answer');
      const firstText = events.findIndex(e => e.type === 'text');
      assert.ok(events.findIndex(e => e.type === 'reasoning') < firstText, 'thinking comes before the answer');
    });
  }
});
