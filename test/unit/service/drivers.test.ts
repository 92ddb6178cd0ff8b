import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiStyle, BedrockRequest, EndpointFamily, StreamEvent } from '../../../src/service/model';
import { startRig, textOf, type Rig } from './emulatorRouter';

const SCRIPTED = 'Here is the answer.\n\n```ts\nconst answer = 42;\n```\n\nThat is **all**.';

const MATRIX: Array<{ style: ApiStyle; family: EndpointFamily; model: string }> = [
  { style: 'converse', family: 'runtime', model: 'us.amazon.nova-lite-v1:0' },
  { style: 'converse-stream', family: 'runtime', model: 'us.amazon.nova-lite-v1:0' },
  { style: 'chat-completions', family: 'mantle', model: 'openai.gpt-oss-120b' },
  { style: 'chat-completions', family: 'runtime', model: 'openai.gpt-oss-120b-1:0' },
  { style: 'responses', family: 'mantle', model: 'openai.gpt-oss-120b' },
  { style: 'responses', family: 'runtime', model: 'openai.gpt-oss-120b-1:0' },
  { style: 'messages', family: 'mantle', model: 'anthropic.claude-sonnet-4-5' },
  { style: 'messages', family: 'runtime', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' },
];

const request = (style: ApiStyle, family: EndpointFamily, model: string, text = 'Say it'): BedrockRequest =>
  ({ model, apiStyle: style, family, messages: [{ role: 'user', content: [{ type: 'text', text }] }] });

/**
 * The shape every driver must produce: text, usage, then stop (and for Responses a leading response-id and the
 * service tier it always reports; tiers are covered in tokenCount.test.ts).
 */
function normalised(events: StreamEvent[]): string[] {
  const kinds = events.map(e => e.type).filter(t => t !== 'response-id' && t !== 'service-tier');
  return [...new Set(kinds)];
}

for (const auth of ['sigv4', 'bearer'] as const) {
  describe(`every chat driver against the emulator (${auth})`, () => {
    let rig: Rig;
    before(async () => { rig = await startRig({ auth }); });
    after(() => rig.close());

    for (const { style, family, model } of MATRIX) {
      test(`${style} on ${family} yields the scripted reply as text, usage, stop`, async () => {
        rig.emulator.scriptReplies([SCRIPTED]);
        const events = await rig.run(request(style, family, model));
        const error = events.find(e => e.type === 'error');
        assert.equal(error, undefined, JSON.stringify(error));
        assert.equal(textOf(events), SCRIPTED);
        assert.deepEqual(normalised(events), ['text', 'usage', 'stop']);
        const stop = events.at(-1);
        assert.equal(stop?.type === 'stop' && stop.reason, 'end_turn');
        const usage = events.find(e => e.type === 'usage');
        assert.ok(usage?.type === 'usage' && usage.usage.inputTokens > 0 && usage.usage.outputTokens > 0);
        const seen = rig.emulator.requests.at(-1)!;
        assert.equal(seen.family, family, 'the request went to the chosen endpoint family');
        assert.equal(seen.auth, auth, 'the emulator verified the credentials the chosen way');
      });
    }
  });
}

describe('OpenAI and Anthropic styles without streaming give the same events', () => {
  let rig: Rig;
  before(async () => { rig = await startRig({ emulator: { projects: ['proj_team42', 'wrkspc_team42'] } }); });
  after(() => rig.close());
  for (const { style, family, model } of MATRIX.filter(m => ['chat-completions', 'responses', 'messages'].includes(m.style))) {
    test(`${style} on ${family} with stream: false`, async () => {
      rig.emulator.scriptReplies([SCRIPTED]);
      const events = await rig.run({ ...request(style, family, model), stream: false });
      assert.equal(textOf(events), SCRIPTED, JSON.stringify(events.at(-1)));
      assert.deepEqual(normalised(events), ['text', 'usage', 'stop']);
      const body = rig.emulator.requests.at(-1)!.body as { stream?: boolean };
      assert.notEqual(body.stream, true, 'the request did not ask for a stream');
    });
  }

  test('a Project (OpenAI styles) and a Workspace (Messages) reach mantle in their headers', async () => {
    await rig.run({ ...request('responses', 'mantle', 'openai.gpt-oss-120b'), project: 'proj_team42' });
    assert.equal(rig.emulator.requests.at(-1)!.headers['openai-project'], 'proj_team42');
    await rig.run({ ...request('messages', 'mantle', 'anthropic.claude-sonnet-4-5'), project: 'wrkspc_team42' });
    assert.equal(rig.emulator.requests.at(-1)!.headers['anthropic-workspace-id'], 'wrkspc_team42');
  });
});
