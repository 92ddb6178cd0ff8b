// Issue 17, "Conversations and state": two windows on one storage folder (every window without a workspace shares
// the global storage folder) are two ConversationStores on one folder. Neither may lose the other's messages,
// bring back a chat the other deleted, or overwrite newer data; pasted images stay out of the conversation files;
// a storage path that is a file does not stop the chat from opening.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Conversation, StoredMessage } from '../../../src/chat/conversation';
import { ConversationStore, type StoreChange } from '../../../src/chat/conversationStore';

function tempFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'chats-'));
}

/** A window's store that does not watch the folder: it learns of other windows' writes only when it writes. */
function window(dir: string): ConversationStore {
  return new ConversationStore(dir, { watch: false });
}

const user = (id: string, text: string): StoredMessage => ({ id, role: 'user', text });
const texts = (c: Conversation | undefined) => c?.messages.map(m => m.text);

/** A conversation with one message, written by `store`. */
async function started(store: ConversationStore, title = 'Shared'): Promise<Conversation> {
  const c = store.active;
  c.title = title;
  c.messages.push(user('u1', 'first'));
  await store.save(c);
  return c;
}

function nextChange(store: ConversationStore, matches: (c: StoreChange) => boolean): Promise<StoreChange> {
  return new Promise(resolve => {
    const sub = store.onDidChange(c => {
      if (!matches(c)) return;
      sub.dispose();
      resolve(c);
    });
  });
}

test('no lost message: a window that has not seen another window\'s message saves the conversation, and both messages stay', async () => {
  const dir = tempFolder();
  const a = window(dir);
  const id = (await started(a)).id;
  const b = window(dir);
  a.get(id)!.messages.push(user('u2', 'from window A'));
  await a.save(a.get(id));
  b.get(id)!.messages.push(user('u3', 'from window B'));
  await b.save(b.get(id));
  assert.deepEqual(texts(window(dir).get(id)), ['first', 'from window A', 'from window B'], 'on disk');
  assert.deepEqual(texts(b.get(id)), ['first', 'from window A', 'from window B'], 'window B took in A\'s message');
  a.get(id)!.messages.push(user('u4', 'A again'));
  await a.save(a.get(id));
  assert.deepEqual(texts(window(dir).get(id)), ['first', 'from window A', 'from window B', 'A again']);
});

test('no lost message: two windows saving the same conversation at the same moment both keep their message', async () => {
  const dir = tempFolder();
  const a = window(dir);
  const id = (await started(a)).id;
  const b = window(dir);
  a.get(id)!.messages.push(user('ua', 'A'));
  b.get(id)!.messages.push(user('ub', 'B'));
  await Promise.all([a.save(a.get(id)), b.save(b.get(id))]);
  assert.deepEqual(new Set(texts(window(dir).get(id))), new Set(['first', 'A', 'B']));
});

test('a newer write is never overwritten by a window holding an older copy: a reply that finished in one window stays finished', async () => {
  const dir = tempFolder();
  const a = window(dir);
  const conv = await started(a);
  const reply: StoredMessage = { id: 'r1', role: 'assistant', text: 'par', streaming: true };
  conv.messages.push(reply);
  await a.save(conv); // the save each second while the reply streams
  const b = window(dir); // opened mid-stream: it holds the half reply
  reply.text = 'partial, then complete';
  reply.streaming = false;
  conv.title = 'Renamed in A';
  await a.save(conv);
  const stale = b.get(conv.id)!;
  stale.selection = { model: 'm2', apiStyle: 'converse-stream', family: 'runtime' };
  await b.save(stale); // B changes only its selection, from its stale copy
  const onDisk = window(dir).get(conv.id)!;
  assert.equal(onDisk.title, 'Renamed in A');
  assert.deepEqual(onDisk.messages.map(m => [m.text, m.streaming]), [['first', undefined], ['partial, then complete', false]]);
  assert.equal(onDisk.selection?.model, 'm2', 'B\'s own change is kept too');
});

test('a reply dropped by retry in one window does not come back when a window that still shows it saves', async () => {
  const dir = tempFolder();
  const a = window(dir);
  const conv = await started(a);
  conv.messages.push({ id: 'r1', role: 'assistant', text: 'first answer' });
  await a.save(conv);
  const b = window(dir);
  conv.messages.splice(1);
  conv.messages.push({ id: 'r2', role: 'assistant', text: 'second answer' });
  await a.save(conv);
  const stale = b.get(conv.id)!;
  stale.title = 'Renamed in B';
  await b.save(stale);
  const onDisk = window(dir).get(conv.id)!;
  assert.deepEqual(texts(onDisk), ['first', 'second answer']);
  assert.equal(onDisk.title, 'Renamed in B');
});

test('deletion sticks: a window that still holds a deleted chat neither writes it back nor shows it after its next save', async () => {
  const dir = tempFolder();
  const a = window(dir);
  const id = (await started(a, 'Delete me')).id;
  const other = await a.create();
  other.title = 'Other';
  other.messages.push(user('o1', 'keep'));
  await a.save(other);
  const b = window(dir);
  await a.delete(id);
  const stale = b.get(id)!;
  stale.messages.push(user('u2', 'typed in the stale window'));
  await b.save(stale);
  assert.equal(window(dir).get(id), undefined, 'not brought back on disk');
  assert.deepEqual(window(dir).list().map(c => c.title), ['Other'], 'only the other chat is listed');
  assert.equal(b.get(id), undefined, 'the stale window dropped it');
  assert.notEqual(b.active.id, id);
});

test('watching the folder: another window\'s new message and its deletion reach this window without a restart', { timeout: 20_000 }, async () => {
  const dir = tempFolder();
  const a = new ConversationStore(dir);
  const id = (await started(a)).id;
  const b = new ConversationStore(dir);
  try {
    const changed = nextChange(b, c => c.id === id && !c.removed && b.get(id)!.messages.length === 2);
    a.get(id)!.messages.push(user('u2', 'live from A'));
    await a.save(a.get(id));
    await changed;
    assert.deepEqual(texts(b.get(id)), ['first', 'live from A']);
    const removed = nextChange(b, c => c.id === id && c.removed);
    await a.delete(id);
    await removed;
    assert.equal(b.get(id), undefined);
    assert.ok(b.list().every(c => c.id !== id));
  } finally {
    a.dispose();
    b.dispose();
  }
});

test('pasted images live in content-addressed attachment files, stored once, out of the conversation file, and are collected with their last chat', async () => {
  const dir = tempFolder();
  const bytes = Buffer.alloc(300_000, 7);
  const base64 = bytes.toString('base64');
  const sha = createHash('sha256').update(bytes).digest('hex');
  const a = new ConversationStore(dir, { watch: false, attachmentGraceMs: 0 });
  const conv = a.active;
  conv.messages.push({ ...user('u1', 'look'), images: [{ format: 'png', base64 }] }, { ...user('u2', 'again'), images: [{ format: 'png', base64 }] });
  await a.save(conv);
  const file = path.join(dir, `${conv.id}.chat.json`);
  const json = fs.readFileSync(file, 'utf8');
  assert.ok(!json.includes(base64.slice(0, 1000)), 'no image bytes in the conversation file');
  assert.ok(json.length < 2000, `the conversation file is ${json.length} bytes`);
  assert.deepEqual(fs.readdirSync(path.join(dir, 'attachments')), [`${sha}.png`], 'one file for the image pasted twice');
  assert.ok(fs.readFileSync(path.join(dir, 'attachments', `${sha}.png`)).equals(bytes));

  const attachment = fs.statSync(path.join(dir, 'attachments', `${sha}.png`));
  conv.messages.push({ id: 'r', role: 'assistant', text: 'a streaming reply', streaming: true });
  await a.save(conv);
  assert.equal(fs.statSync(path.join(dir, 'attachments', `${sha}.png`)).ino, attachment.ino, 'a later save does not write the image again');

  const reopened = window(dir).get(conv.id)!;
  assert.deepEqual(reopened.messages[0].images?.map(i => i.base64), [base64], 'the image comes back for retries');

  const keep = await a.create();
  keep.messages.push(user('k', 'no image'));
  await a.save(keep);
  await a.delete(conv.id);
  await a.whenIdle();
  assert.deepEqual(fs.readdirSync(path.join(dir, 'attachments')), [], 'collected once no chat refers to it');
});

test('chats saved in the earlier format load, and their inline images move out to attachment files', async () => {
  const dir = tempFolder();
  const base64 = Buffer.from('an old pasted image').toString('base64');
  const old = {
    id: 'old-1', title: 'From before', createdAt: 1, updatedAt: 2,
    messages: [{ id: 'u', role: 'user', text: 'what is this?', sentText: 'what is this?', images: [{ format: 'jpeg', base64 }] }, { id: 'r', role: 'assistant', text: 'cut', streaming: true }],
  };
  fs.writeFileSync(path.join(dir, 'old-1.chat.json'), JSON.stringify(old));
  fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ active: 'old-1' }));
  const store = window(dir);
  assert.equal(store.active.title, 'From before');
  assert.deepEqual(store.active.messages.map(m => [m.text, m.streaming, m.stopReason]), [['what is this?', undefined, undefined], ['cut', false, 'aborted']]);
  assert.equal(store.active.messages[0].images?.[0].base64, base64);
  await store.whenIdle();
  assert.ok(!fs.readFileSync(path.join(dir, 'old-1.chat.json'), 'utf8').includes(base64), 'rewritten without the inline image');
  assert.equal(window(dir).get('old-1')?.messages[0].images?.[0].base64, base64);
});

test('a storage path that is a file: the chat opens with its conversations in memory, and says why in one sentence naming the path', async () => {
  const parent = tempFolder();
  const blocked = path.join(parent, 'chats');
  fs.writeFileSync(blocked, 'not a folder');
  const store = new ConversationStore(blocked);
  assert.match(store.problem ?? '', new RegExp(`${blocked.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a file`));
  assert.ok(store.problem?.endsWith('.') && !/[.!?]\s/.test(store.problem), 'one sentence');
  const c = await store.create();
  c.messages.push(user('u', 'still works'));
  await store.save(c);
  assert.deepEqual(texts(store.active), ['still works']);
  assert.equal(fs.readFileSync(blocked, 'utf8'), 'not a folder', 'the file is left alone');
  assert.ok(new ConversationStore(path.join(blocked, 'below')).problem?.includes(`${blocked} is a file`), 'a file higher up is named too');
});
