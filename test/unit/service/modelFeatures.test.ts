// The one table of reasoning controls and prompt caching, and the wire field each control lands in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reasoningControl, reasoningFor, supportsPromptCaching } from '../../../src/service/catalogue/modelFeatures';
import { converseInput } from '../../../src/service/formats/converseRequest';
import { messagesBody } from '../../../src/service/formats/messagesRequest';
import type { BedrockRequest } from '../../../src/service/model';

test('reasoning controls: Claude a thinking budget, gpt-oss and Nova 2 an effort, others none; profiles count as their model', () => {
  assert.equal(reasoningControl('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'converse-stream')?.kind, 'budget');
  assert.equal(reasoningControl('anthropic.claude-sonnet-4-5', 'messages')?.kind, 'budget');
  assert.equal(reasoningControl('anthropic.claude-sonnet-4-20250514-v1:0', 'converse')?.kind, 'budget');
  assert.equal(reasoningControl('global.anthropic.claude-opus-4-1-20250805-v1:0', 'converse')?.kind, 'budget');
  // Claude 4.7 and later refuse a fixed thinking budget (adaptive thinking only): none offered
  assert.equal(reasoningControl('anthropic.claude-opus-4-7-v1', 'converse'), undefined);
  assert.equal(reasoningControl('openai.gpt-oss-120b', 'responses')?.kind, 'effort');
  assert.equal(reasoningControl('openai.gpt-oss-20b-1:0', 'converse')?.kind, 'effort');
  assert.equal(reasoningControl('us.amazon.nova-2-lite-v1:0', 'converse-stream')?.kind, 'effort');
  for (const [model, style] of [['amazon.nova-lite-v1:0', 'converse'], ['meta.llama3-1-8b-instruct-v1:0', 'converse'], ['anthropic.claude-3-haiku-20240307-v1:0', 'converse'], ['arn:aws:bedrock:us-east-1:1:application-inference-profile/x', 'converse']] as const) {
    assert.equal(reasoningControl(model, style), undefined, model);
  }
  // a budget chosen for Claude is not sent to a model that takes an effort
  assert.equal(reasoningFor('openai.gpt-oss-120b', 'responses', { budgetTokens: 4096 }), undefined);
});

test('prompt caching: Claude on Converse and Messages, Nova on Converse; never on the OpenAI styles', () => {
  assert.ok(supportsPromptCaching('us.anthropic.claude-haiku-4-5-20251001-v1:0', 'converse'));
  assert.ok(supportsPromptCaching('anthropic.claude-sonnet-4-5', 'messages'));
  assert.ok(supportsPromptCaching('us.amazon.nova-pro-v1:0', 'converse-stream'));
  assert.ok(!supportsPromptCaching('openai.gpt-oss-120b', 'responses'));
  assert.ok(!supportsPromptCaching('openai.gpt-oss-120b', 'chat-completions'));
  assert.ok(!supportsPromptCaching('meta.llama3-1-8b-instruct-v1:0', 'converse'));
});

const req = (model: string, reasoning: BedrockRequest['reasoning']): BedrockRequest => ({ model, apiStyle: 'converse', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], reasoning, system: 'Be brief.', cacheSystemPrompt: true });

test('each control lands in its model\'s wire field under Converse, and the system prompt gets its cache point', () => {
  const nova = converseInput(req('us.amazon.nova-2-lite-v1:0', { effort: 'high' }), 'us.amazon.nova-2-lite-v1:0');
  assert.deepEqual(nova.additionalModelRequestFields, { reasoningConfig: { type: 'enabled', maxReasoningEffort: 'high' } });
  assert.deepEqual(nova.system, [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }]);
  const gpt = converseInput(req('openai.gpt-oss-120b-1:0', { effort: 'low' }), 'openai.gpt-oss-120b-1:0');
  assert.deepEqual(gpt.additionalModelRequestFields, { reasoning_effort: 'low' });
  const claude = converseInput(req('us.anthropic.claude-sonnet-4-5-20250929-v1:0', { budgetTokens: 16384 }), 'us.anthropic.claude-sonnet-4-5-20250929-v1:0');
  assert.deepEqual(claude.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 16384 } });
  assert.ok((claude.inferenceConfig?.maxTokens ?? 0) > 16384, 'max tokens above the thinking budget');
  const messages = messagesBody({ ...req('anthropic.claude-sonnet-4-5', { budgetTokens: 1024 }), apiStyle: 'messages' });
  assert.deepEqual(messages.system, [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }]);
  assert.deepEqual(messages.thinking, { type: 'enabled', budget_tokens: 1024 });
});
