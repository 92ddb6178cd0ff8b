import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractCode, paneFooter, ReasoningQuoter } from '../../../src/frontEndKit/panes/paneText';

describe('pane text', () => {
  test('the footer shows source, usage with cache counts, first-token and total time', () => {
    const f = paneFooter({ source: 'm · ConverseStream', usage: { inputTokens: 12, outputTokens: 340, cacheReadTokens: 5 }, firstTokenMs: 250, totalMs: 1500, stopReason: 'end_turn' });
    assert.match(f, /^\n\n---\n\*m · ConverseStream · 12 in \/ 340 out tokens \(5 cache read\) · first token 0\.25 s · total 1\.50 s\*\n$/);
  });

  test('the footer says how a stream ended early, and a max_tokens stop', () => {
    assert.match(paneFooter({ source: 's', totalMs: 10, ended: 'cancelled' }), /\*\*Cancelled\*\*/);
    assert.match(paneFooter({ source: 's', totalMs: 10, ended: 'error', errorMessage: 'Bedrock is throttling requests.' }), /Stopped by an error:\*\* Bedrock is throttling requests\./);
    assert.match(paneFooter({ source: 's', totalMs: 10, stopReason: 'max_tokens' }), /stopped: max_tokens/);
  });

  test('reasoning is quoted line by line across deltas that split lines', () => {
    const q = new ReasoningQuoter();
    const out = q.quote('first li') + q.quote('ne\nsecond') + q.end();
    assert.equal(out, '> *Reasoning*\n>\n> first line\n> second\n\n');
    assert.equal(q.end(), '', 'nothing to close twice');
  });

  test('refactor answers: the first fenced block, else the trimmed answer', () => {
    assert.equal(extractCode('Here you go:\n```ts\nconst a = 1;\n```\nDone.'), 'const a = 1;');
    assert.equal(extractCode('\n  const a = 1;\n'), 'const a = 1;');
  });
});
