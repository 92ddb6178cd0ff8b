import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultReplyGenerator, namedTool, sampleInput } from '../../../emulator/replyGenerator';

const tools = [
  { name: 'find_files', schema: { type: 'object', properties: { pattern: { type: 'string' } } } },
  { name: 'read_file', schema: { type: 'object', properties: { path: { type: 'string' } } } },
  { name: 'propose_edit', schema: { type: 'object', properties: { path: { type: 'string' }, content: { type: 'string' } } } },
];

test('the emulator calls the tool the prompt names, else the first offered', () => {
  assert.equal(namedTool(tools, 'Use read_file to show me notes.txt').name, 'read_file');
  assert.equal(namedTool(tools, 'What is in notes.txt?').name, 'find_files');
  assert.equal(namedTool(tools, 'xread_files').name, 'find_files', 'a name inside a longer word does not count');
});

test('arguments come from the prompt: the path it mentions and a quoted text', () => {
  assert.deepEqual(sampleInput(tools[1].schema, 'Use read_file to show me docs/notes.txt please'), { path: 'docs/notes.txt' });
  assert.deepEqual(sampleInput(tools[2].schema, 'Use propose_edit on notes.txt with "Hello, edited"'), { path: 'notes.txt', content: 'Hello, edited' });
});

test('the default model calls the named tool until a tool result came, then quotes it', async () => {
  const base = { modelId: 'm', system: '', reasoning: false, tools, turns: [{ role: 'user' as const, text: 'Use read_file on notes.txt' }], lastUserText: 'Use read_file on notes.txt' };
  const call = await defaultReplyGenerator({ ...base, afterToolResult: false } as never);
  assert.deepEqual(typeof call === 'string' ? undefined : call.toolCalls, [{ name: 'read_file', input: { path: 'notes.txt' } }]);
  const answer = await defaultReplyGenerator({ ...base, afterToolResult: true, turns: [...base.turns, { role: 'tool' as const, text: 'hello from notes' }] } as never);
  assert.match(typeof answer === 'string' ? answer : answer.text, /The tool returned: hello from notes/);
});
