import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestMessages, runTurn } from '../../../src/chat/chatTurn';
import { newConversation, newMessageId, type Conversation, type StoredMessage } from '../../../src/chat/conversation';
import type { Selection } from '../../../src/chat/protocol';
import { runToolLoop, stepLimitNote, type ToolLoopDeps } from '../../../src/chat/tools/toolLoop';
import { chatCompletionsBody } from '../../../src/service/formats/chatCompletionsRequest';
import { converseInput } from '../../../src/service/formats/converseRequest';
import { messagesBody } from '../../../src/service/formats/messagesRequest';
import { responsesBody } from '../../../src/service/formats/responsesRequest';
import type { BedrockRequest, StreamEvent } from '../../../src/service/model';

const READ = { name: 'read_file', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } };

/** A model that calls read_file `calls` times, then answers with what the last tool result said. */
function scriptedModel(calls: number, seen: BedrockRequest[]) {
  return {
    async *stream(req: BedrockRequest): AsyncGenerator<StreamEvent> {
      seen.push(structuredClone(req));
      const n = seen.length;
      yield { type: 'response-id', id: `resp_${n}` };
      if (n <= calls) {
        yield { type: 'text', text: 'Let me look.' };
        yield { type: 'tool-call-start', id: `call_${n}`, name: 'read_file' };
        yield { type: 'tool-call-delta', id: `call_${n}`, argumentsDelta: '{"path":"notes.txt"}' };
        yield { type: 'tool-call-end', id: `call_${n}`, input: { path: 'notes.txt' } };
        yield { type: 'stop', reason: 'tool_use' };
        return;
      }
      const last = req.messages.at(-1)?.content.find(p => p.type === 'tool-result');
      yield { type: 'text', text: `The file says: ${last && last.type === 'tool-result' ? last.content : 'nothing'}` };
      yield { type: 'stop', reason: 'end_turn' };
    },
  };
}

interface Run { conv: Conversation; seen: BedrockRequest[]; last: StoredMessage; toolRuns: string[] }

async function ask(selection: Selection, opts: { calls?: number; maxSteps?: number; abort?: AbortController; toolResult?: (n: number) => { content: string; isError?: boolean }; conv?: Conversation } = {}): Promise<Run> {
  const conv = opts.conv ?? newConversation();
  const seen: BedrockRequest[] = [];
  const service = scriptedModel(opts.calls ?? 1, seen);
  const abort = opts.abort ?? new AbortController();
  const toolRuns: string[] = [];
  conv.messages.push({ id: newMessageId(), role: 'user', text: 'What is in notes.txt?' });
  const start = () => {
    const r: StoredMessage = { id: newMessageId(), role: 'assistant', text: '', streaming: true };
    conv.messages.push(r);
    return r;
  };
  const deps: ToolLoopDeps = {
    step: r => runTurn(conv, r, selection, 'sys', abort.signal, {
      service, post: () => undefined, save: async () => undefined, errorView: e => ({ message: e.message, retryable: false }), tools: [READ],
    }),
    nextReply: async () => start(),
    runTool: async (name, input) => {
      toolRuns.push(`${name} ${JSON.stringify(input)}`);
      return opts.toolResult?.(toolRuns.length) ?? { content: 'hello from notes' };
    },
    show: () => undefined,
    save: async () => undefined,
    maxSteps: opts.maxSteps ?? 10,
    signal: abort.signal,
  };
  const last = await runToolLoop(start(), deps);
  return { conv, seen, last, toolRuns };
}

const responses: Selection = { model: 'openai.gpt-oss-120b', apiStyle: 'responses', family: 'mantle' };

test('a tool call is run, its result sent back, and the model answers with it', async () => {
  const { conv, seen, last, toolRuns } = await ask(responses);
  assert.deepEqual(toolRuns, ['read_file {"path":"notes.txt"}']);
  assert.equal(seen.length, 2);
  assert.deepEqual(seen[0].tools, [READ]);
  assert.equal(last.text, 'The file says: hello from notes');
  const first = conv.messages[1];
  assert.equal(first.toolCalls?.[0].result, 'hello from notes');
  assert.equal(first.toolCalls?.[0].isError, undefined);
  assert.ok(typeof first.toolCalls?.[0].durationMs === 'number');
});

test('Responses: the second request chains on previous_response_id and carries only the function_call_output', async () => {
  const { seen } = await ask(responses);
  const body = responsesBody(seen[1]);
  assert.equal(body.previous_response_id, 'resp_1');
  assert.deepEqual(body.input, [{ type: 'function_call_output', call_id: 'call_1', output: 'hello from notes' }]);
});

test('Converse, Messages and Chat Completions send the call and its result in their own shapes', async () => {
  // caching off: its cache points (reasoningAndCaching.test.ts) would sit between the blocks compared here
  const converse = converseInput((await ask({ model: 'amazon.nova-lite-v1:0', apiStyle: 'converse-stream', family: 'runtime', promptCache: false })).seen[1], 'amazon.nova-lite-v1:0');
  assert.deepEqual(converse.messages?.slice(1).map(m => m.content), [
    [{ text: 'Let me look.' }, { toolUse: { toolUseId: 'call_1', name: 'read_file', input: { path: 'notes.txt' } } }],
    [{ toolResult: { toolUseId: 'call_1', content: [{ text: 'hello from notes' }], status: 'success' } }],
  ]);
  const messages = messagesBody((await ask({ model: 'anthropic.claude', apiStyle: 'messages', family: 'mantle' })).seen[1]);
  assert.deepEqual(messages.messages.slice(1), [
    { role: 'assistant', content: [{ type: 'text', text: 'Let me look.' }, { type: 'tool_use', id: 'call_1', name: 'read_file', input: { path: 'notes.txt' } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: 'hello from notes' }] },
  ]);
  const chat = chatCompletionsBody((await ask({ model: 'openai.gpt-oss-120b', apiStyle: 'chat-completions', family: 'mantle' })).seen[1]);
  assert.deepEqual(chat.messages.slice(-2), [
    { role: 'assistant', content: 'Let me look.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"notes.txt"}' } }] },
    { role: 'tool', tool_call_id: 'call_1', content: 'hello from notes' },
  ]);
});

test('a tool that fails sends an error result, which the model sees as one', async () => {
  const { conv, seen } = await ask({ model: 'amazon.nova-lite-v1:0', apiStyle: 'converse', family: 'runtime' }, { toolResult: () => ({ content: 'notes.txt does not exist.', isError: true }) });
  assert.equal(conv.messages[1].toolCalls?.[0].isError, true);
  const input = converseInput(seen[1], 'amazon.nova-lite-v1:0');
  assert.deepEqual(input.messages?.at(-1)?.content, [{ toolResult: { toolUseId: 'call_1', content: [{ text: 'notes.txt does not exist.' }], status: 'error' } }]);
});

test('the step limit stops the loop with a one-line note, and the unrun calls are answered', async () => {
  const { conv, seen, last, toolRuns } = await ask(responses, { calls: 100, maxSteps: 3 });
  assert.equal(toolRuns.length, 3);
  assert.equal(seen.length, 4);
  assert.equal(last.note, stepLimitNote(3));
  assert.match(last.toolCalls?.[0].result ?? '', /limit of 3 tool rounds/);
  assert.equal(conv.messages.filter(m => m.role === 'assistant').length, 4);
  // a later question still builds a valid request: every call has its result
  const later = requestMessages([...conv.messages, { id: 'u2', role: 'user', text: 'go on' }]);
  assert.deepEqual(later.at(-1)?.content.map(p => p.type), ['tool-result', 'text']);
});

test('Stop while a tool runs: the rest are not run, the loop asks nothing more, and every call has a result', async () => {
  const abort = new AbortController();
  let runs = 0;
  const conv = newConversation();
  const seen: BedrockRequest[] = [];
  const service = {
    async *stream(req: BedrockRequest): AsyncGenerator<StreamEvent> {
      seen.push(req);
      for (const id of ['a', 'b']) {
        yield { type: 'tool-call-start', id, name: 'read_file' };
        yield { type: 'tool-call-end', id, input: { path: id } };
      }
      yield { type: 'stop', reason: 'tool_use' };
    },
  };
  conv.messages.push({ id: 'u', role: 'user', text: 'q' });
  const first: StoredMessage = { id: 'r', role: 'assistant', text: '', streaming: true };
  conv.messages.push(first);
  const last = await runToolLoop(first, {
    step: r => runTurn(conv, r, responses, undefined, abort.signal, { service, post: () => undefined, save: async () => undefined, errorView: e => ({ message: e.message, retryable: false }) }),
    nextReply: async () => assert.fail('no further request after Stop'),
    runTool: async () => { runs++; abort.abort(); return { content: 'partial' }; },
    show: () => undefined, save: async () => undefined, maxSteps: 10, signal: abort.signal,
  });
  assert.equal(runs, 1);
  assert.equal(seen.length, 1);
  assert.equal(last, first);
  assert.deepEqual(first.toolCalls?.map(c => [c.result, c.isError]), [['partial', undefined], ['Not run: the user stopped the reply.', true]]);
});

test('tool turns survive a save and reload: the rebuilt request is the same', async () => {
  const { conv } = await ask(responses);
  const reloaded = JSON.parse(JSON.stringify(conv.messages)) as StoredMessage[];
  assert.deepEqual(requestMessages(reloaded), requestMessages(conv.messages));
  assert.deepEqual(requestMessages(reloaded).map(m => [m.role, m.content.map(p => p.type).join('+')]), [
    ['user', 'text'], ['assistant', 'text+tool-call'], ['user', 'tool-result'], ['assistant', 'text'],
  ]);
});

test('a call whose stream failed before it had a result is left out of later requests', () => {
  const messages: StoredMessage[] = [
    { id: 'u', role: 'user', text: 'q' },
    { id: 'a', role: 'assistant', text: 'half', toolCalls: [{ id: 'c', name: 'read_file', arguments: '{"pa' }], error: { message: 'broke', retryable: true } },
  ];
  assert.deepEqual(requestMessages(messages), [{ role: 'user', content: [{ type: 'text', text: 'q' }] }, { role: 'assistant', content: [{ type: 'text', text: 'half' }] }]);
});

test('calls in a reply cut at its token limit are not run', async () => {
  const conv = newConversation();
  const service = {
    async *stream(): AsyncGenerator<StreamEvent> {
      yield { type: 'tool-call-start', id: 'c', name: 'propose_edit' };
      yield { type: 'tool-call-delta', id: 'c', argumentsDelta: '{"path":"a.txt","content":"half' };
      yield { type: 'stop', reason: 'max_tokens' };
    },
  };
  conv.messages.push({ id: 'u', role: 'user', text: 'q' });
  const first: StoredMessage = { id: 'r', role: 'assistant', text: '', streaming: true };
  conv.messages.push(first);
  const abort = new AbortController();
  await runToolLoop(first, {
    step: r => runTurn(conv, r, responses, undefined, abort.signal, { service, post: () => undefined, save: async () => undefined, errorView: e => ({ message: e.message, retryable: false }) }),
    nextReply: async () => assert.fail('no further request'),
    runTool: async () => assert.fail('a cut call is not run'),
    show: () => undefined, save: async () => undefined, maxSteps: 10, signal: abort.signal,
  });
  assert.match(first.toolCalls?.[0].result ?? '', /token limit/);
});
