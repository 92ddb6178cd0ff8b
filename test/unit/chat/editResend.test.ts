// Issue 17: editing and resending a message sent the model other text than the chat showed when the edit held `$`
// sequences, because the edit went through String.replace with the user's text as the replacement pattern.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editedUserMessage, type StoredMessage } from '../../../src/chat/conversation';

const context = '\n\nSelected code src/a.ts lines 1-2:\n```ts\nconst price = 1;\n```';

test('edit and resend sends exactly the edited text, `$` sequences included, followed by the same attached context', () => {
  const old: StoredMessage = { id: 'u1', role: 'user', text: 'what does this cost?', sentText: 'what does this cost?' + context };
  for (const text of ['costs $$5 or $& or $` or $\' — keep them', '$1 and $<name> and $$$$', '$\'$`$&']) {
    const edited = editedUserMessage(old, text);
    assert.equal(edited.text, text);
    assert.equal(edited.sentText, text + context, `the model gets what the chat shows for ${JSON.stringify(text)}`);
    assert.notEqual(edited.id, old.id, 'an edit is a new message');
  }
});

test('edit and resend of a message without context, or with only an image, sends just the edited text', () => {
  assert.equal(editedUserMessage({ id: 'u', role: 'user', text: 'old $&' }, 'new $& $$').sentText, 'new $& $$');
  const image: StoredMessage = { id: 'u', role: 'user', text: '', sentText: '', images: [{ format: 'png', base64: 'AA==' }] };
  const edited = editedUserMessage(image, "look: $'");
  assert.equal(edited.sentText, "look: $'");
  assert.deepEqual(edited.images, image.images, 'the image goes again');
});
