import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTurn } from '../../../src/chat/chatTurn';
import { newConversation, type StoredMessage } from '../../../src/chat/conversation';
import type { Selection } from '../../../src/chat/protocol';
import { projectNotCarriedNote } from '../../../src/service/control/projects';
import type { BedrockRequest, StreamEvent } from '../../../src/service/model';

async function sentWith(selection: Selection): Promise<BedrockRequest> {
  const seen: BedrockRequest[] = [];
  const conv = newConversation(selection);
  const reply: StoredMessage = { id: 'a', role: 'assistant', text: '', streaming: true };
  conv.messages.push({ id: 'u', role: 'user', text: 'hi' }, reply);
  await runTurn(conv, reply, selection, undefined, new AbortController().signal, {
    service: { async *stream(req: BedrockRequest): AsyncGenerator<StreamEvent> { seen.push(req); yield { type: 'stop', reason: 'end_turn' }; } },
    post: () => undefined, save: async () => undefined, errorView: e => ({ message: e.message, retryable: false }),
  });
  return seen[0];
}

test('the conversation\'s project goes out where the style and family carry one, and nowhere else', async () => {
  const project = { id: 'proj_team', name: 'team' };
  for (const apiStyle of ['responses', 'chat-completions', 'messages'] as const) {
    assert.equal((await sentWith({ model: 'm', apiStyle, family: 'mantle', project })).project, 'proj_team', apiStyle);
    assert.equal((await sentWith({ model: 'm', apiStyle, family: 'runtime', project })).project, undefined, `${apiStyle} on runtime`);
  }
  assert.equal((await sentWith({ model: 'm', apiStyle: 'converse-stream', family: 'runtime', project })).project, undefined);
  assert.equal((await sentWith({ model: 'm', apiStyle: 'responses', family: 'mantle', project: { id: 'default' } })).project, undefined, 'the default project needs no header');
});

test('the picker and the selection say when a project cannot be sent', () => {
  assert.match(projectNotCarriedNote('responses', 'runtime', 'proj_x') ?? '', /only the default project/);
  assert.match(projectNotCarriedNote('converse-stream', 'runtime', 'proj_x') ?? '', /only the default project/);
  assert.equal(projectNotCarriedNote('messages', 'mantle', 'proj_x'), undefined);
  assert.equal(projectNotCarriedNote('converse', 'runtime', 'default'), undefined);
});
