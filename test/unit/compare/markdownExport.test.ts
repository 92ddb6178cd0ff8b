import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparisonMarkdown, metricsTable } from '../../../src/compare/markdownExport';
import type { ColumnView } from '../../../src/compare/protocol';

const base = { streaming: false } as const;
const columns: ColumnView[] = [
  { ...base, id: 'a', model: 'anthropic.claude-sonnet-4-5', apiStyle: 'messages', family: 'mantle', modelName: 'Claude Sonnet 4.5', apiStyleLabel: 'Anthropic Messages', label: 'Claude Sonnet 4.5 · Anthropic Messages · bedrock-mantle',
    result: { text: 'Hi **there**', usage: { inputTokens: 12, outputTokens: 40 }, metrics: { totalMs: 900, ttftMs: 120, tokensPerSecond: 51.3 }, stopReason: 'end_turn' } },
  { ...base, id: 'b', model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream', family: 'runtime', modelName: 'Nova | Lite', apiStyleLabel: 'ConverseStream', label: 'Nova | Lite · ConverseStream · bedrock-runtime',
    result: { text: 'partial', metrics: { totalMs: 300, ttftMs: 80 }, stopReason: 'aborted' } },
  { ...base, id: 'c', model: 'openai.gpt-oss-120b', apiStyle: 'responses', family: 'mantle', modelName: 'gpt-oss-120b', apiStyleLabel: 'OpenAI Responses', label: 'gpt-oss-120b · OpenAI Responses · bedrock-mantle',
    result: { text: '', metrics: { totalMs: 50 }, error: { message: 'Bedrock is throttling requests;\ntry again.', retryable: true } } },
  { ...base, id: 'd', model: 'x', apiStyle: 'converse', family: 'mantle', modelName: 'x', apiStyleLabel: 'Converse', label: 'x · Converse · bedrock-mantle', problem: 'Converse is not served by bedrock-mantle.' },
];

test('the metrics table has one row per column, in order, with pipes escaped and errors on one line', () => {
  assert.equal(metricsTable(columns), [
    '| Model | API style | Endpoint family | Time to first token | Tokens/s | Input tokens | Output tokens | Stop reason |',
    '|---|---|---|---:|---:|---:|---:|---|',
    '| Claude Sonnet 4.5 (`anthropic.claude-sonnet-4-5`) | Anthropic Messages | bedrock-mantle | 120 ms | 51.3 | 12 | 40 | end turn |',
    '| Nova \\| Lite (`us.amazon.nova-lite-v1:0`) | ConverseStream | bedrock-runtime | 80 ms | — | — | — | stopped |',
    '| gpt-oss-120b (`openai.gpt-oss-120b`) | OpenAI Responses | bedrock-mantle | — | — | — | — | error: Bedrock is throttling requests; try again. |',
    '| x (`x`) | Converse | bedrock-mantle | — | — | — | — | not run: Converse is not served by bedrock-mantle. |',
  ].join('\n'));
});

test('the exported document quotes the prompt, holds the table, then each reply under its column', () => {
  const md = comparisonMarkdown('Say hi\nbriefly', columns.slice(0, 2), new Date('2026-11-25T16:30:00Z'));
  assert.ok(md.startsWith('# Bedrock comparison — 2026-11-25 16:30 UTC\n\n**Prompt**\n\n> Say hi\n> briefly\n\n| Model |'), md);
  assert.ok(md.includes(metricsTable(columns.slice(0, 2))));
  assert.ok(md.includes('### 1. Claude Sonnet 4.5 · Anthropic Messages · bedrock-mantle\n\nHi **there**'));
  assert.ok(md.includes('### 2. Nova | Lite · ConverseStream · bedrock-runtime\n\npartial'));
  assert.ok(md.indexOf('## Replies') > md.indexOf('| Model |'));
});
