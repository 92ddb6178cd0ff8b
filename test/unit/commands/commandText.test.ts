import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chatRequest, promptHeader, selectionPrompts } from '../../../src/frontEndKit/chatRequest';
import { familyFromFileName, payloadFileName } from '../../../src/commands/rawPayload/payloadNames';
import { rerankTable, splitDocuments } from '../../../src/commands/runtimeJobs/rerankText';

describe('command inputs', () => {
  test('selection prompts fence the code with a fence longer than any backtick run inside it', () => {
    const sel = { code: 'const md = "```js\\nx\\n```";', languageId: 'typescript', fileName: 'a.ts' };
    const p = selectionPrompts.ask(sel, 'Why?');
    assert.ok(p.startsWith('Why?\n\nThe code in question, from a.ts:\n\n````typescript\n'), p);
    assert.ok(p.endsWith('\n````'));
    assert.match(selectionPrompts.refactor(sel, 'inline it'), /^Refactor this code from a\.ts: inline it\n\n````typescript/);
  });

  test('a chat request carries model, style, prompt and optional system', () => {
    assert.deepEqual(chatRequest('m', 'converse', 'hi'), { model: 'm', apiStyle: 'converse', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] });
    assert.equal(chatRequest('m', 'messages', 'hi', 'be brief').system, 'be brief');
  });

  test('the pane header quotes the prompt and shortens a long one', () => {
    assert.equal(promptHeader('Prompt', 'a\nb'), '## Prompt\n\n> a\n> b\n\n');
    assert.match(promptHeader('P', 'x'.repeat(1000), 10), /^## P\n\n> x{10}…\n\n$/);
  });

  test('rerank documents: paragraphs when there are blank lines, else lines', () => {
    assert.deepEqual(splitDocuments('one\ntwo\n\nthree'), ['one\ntwo', 'three']);
    assert.deepEqual(splitDocuments('one\n two \n\n'), ['one', 'two']);
  });

  test('the rerank table is best first as given, with pipes and newlines kept out of the cells', () => {
    const t = rerankTable('q|x', 'cohere.rerank-v3-5:0', [{ index: 2, score: 0.9, document: 'a | b\nc' }, { index: 0, score: 0.1, document: 'd' }]);
    assert.equal(t, '## Rerank · cohere.rerank-v3-5:0\n\n> q\\|x\n\n| rank | score | # | document |\n|---:|---:|---:|---|\n| 1 | 0.9000 | 2 | a \\| b c |\n| 2 | 0.1000 | 0 | d |\n');
  });

  test('payload file names carry the body family for the JSON schema association', () => {
    const name = payloadFileName('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic', false);
    assert.equal(name, 'us.anthropic.claude-sonnet-4-5-20250929-v1_0.anthropic.bedrock.json');
    assert.equal(familyFromFileName(name), 'anthropic');
    assert.equal(familyFromFileName(payloadFileName('mistral.mistral-large-2407-v1:0', 'mistral-chat', true)), 'mistral-chat');
    assert.equal(familyFromFileName('x.json'), undefined);
  });
});
