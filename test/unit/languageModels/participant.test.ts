import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NEEDS, type NeedId } from '../../../src/apiAdvisor/decisionTable';
import { followupsFor } from '../../../src/participant/followups';
import { needFromText } from '../../../src/apiAdvisor/needFromText';

test('/api recognises what is being built, one need per description', () => {
  const cases: Array<[string, NeedId | undefined]> = [
    ['a real-time voice assistant', 'realtime-voice'],
    ['generate product videos', 'video'],
    ['semantic search over our docs with embeddings', 'embeddings-rerank-image'],
    ['we use the Anthropic SDK with Claude', 'claude-native'],
    ['an agentic coding tool with tool loops', 'stateful-agent'],
    ['move our OpenAI app over', 'openai-migration'],
    ['send the model its raw payload', 'raw-payload'],
    ['a support chatbot in our AWS app', 'production-chat'],
    ['something', undefined],
  ];
  for (const [text, need] of cases) assert.equal(needFromText(text), need, text);
});

test('every follow-up names a participant command, and /api offers other needs than the one answered', () => {
  for (const command of ['ask', 'explain', 'migrate', 'api'] as const) {
    const f = followupsFor({ command, need: 'video', target: 'mantle' });
    assert.ok(f.length >= 2, command);
    for (const x of f) assert.ok(['ask', 'explain', 'migrate', 'api'].includes(x.command!), JSON.stringify(x));
  }
  const api = followupsFor({ command: 'api', need: NEEDS[0].id });
  assert.ok(!api.some(f => f.prompt === NEEDS[0].label));
  assert.equal(followupsFor({ command: 'migrate', target: 'mantle' })[0].prompt, 'converse');
  assert.equal(followupsFor({ command: 'migrate', target: 'converse' })[0].prompt, 'mantle');
});
