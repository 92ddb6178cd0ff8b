import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateTokens } from '../../../src/languageModels/tokenEstimate';

// 75 words of ordinary English: published rules of thumb put this near 100 tokens.
const PROSE = 'Amazon Bedrock is a fully managed service that offers a choice of high-performing foundation models from leading AI companies through a single API, along with a broad set of capabilities you need to build generative AI applications with security, privacy, and responsible AI. You can experiment with and evaluate top models for your use case, privately customize them with your data, and build agents that execute tasks using your enterprise systems and data sources today.';

test('English prose lands near the published 100 tokens per 75 words', () => {
  assert.equal(PROSE.split(/\s+/).length, 75);
  const n = estimateTokens(PROSE);
  assert.ok(n >= 85 && n <= 130, `${n} tokens`);
});

test('empty text is free and every word costs at least one token', () => {
  assert.equal(estimateTokens(''), 0);
  assert.equal(estimateTokens('a b c d'), 4);
});

test('code costs more per character than prose (symbols are tokens of their own)', () => {
  const code = 'for (let i = 0; i < xs.length; i++) { if (xs[i] !== y) { out.push({ k: xs[i] }); } }';
  const prose = PROSE.slice(0, code.length);
  assert.ok(estimateTokens(code) > estimateTokens(prose) * 1.5, `${estimateTokens(code)} vs ${estimateTokens(prose)}`);
});

test('numbers group in threes and CJK text is about a token per character', () => {
  assert.equal(estimateTokens('123456789'), 3);
  assert.equal(estimateTokens('東京は日本の首都です'), 10);
});

test('the estimate grows linearly with repeated text', () => {
  const one = estimateTokens('Hello world. ');
  const hundred = estimateTokens('Hello world. '.repeat(100));
  assert.ok(hundred >= one * 85 && hundred <= one * 100, `${one} → ${hundred}`);
});
