import * as fs from 'fs';
import * as path from 'path';
import { atomicWrite } from '../webviewKit/host/atomicFile';
import { Conversation, newConversation, summary } from './conversation';
import type { ConversationSummary, Selection } from './protocol';

interface Index {
  active?: string;
}

/**
 * Conversations persisted as one JSON file each in the workspace's storage folder, written atomically (temp file +
 * rename) and in order. Files rather than workspaceState: a long history is not what Memento is for, and VS Code
 * for the web keeps Memento in browser storage that may not be flushed before a reload, which lost the last reply.
 */
export class ConversationStore {
  private conversations: Conversation[] = [];
  private activeId: string;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    for (const f of fs.readdirSync(dir)) {
      if (!f.endsWith('.chat.json')) continue;
      try {
        const c = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown;
        if (isConversation(c)) this.conversations.push(markInterrupted(c));
      } catch {
        // a damaged file is skipped (and kept on disk), never allowed to break the chat
      }
    }
    if (!this.conversations.length) this.conversations.push(newConversation());
    const active = this.readIndex().active;
    this.activeId = this.conversations.some(c => c.id === active) ? active! : this.newest().id;
  }

  get active(): Conversation {
    return this.conversations.find(c => c.id === this.activeId) ?? this.conversations[0];
  }

  list(): ConversationSummary[] {
    return [...this.conversations].sort((a, b) => b.updatedAt - a.updatedAt).map(summary);
  }

  get(id: string): Conversation | undefined {
    return this.conversations.find(c => c.id === id);
  }

  async create(selection?: Selection): Promise<Conversation> {
    // an untouched empty chat is reused rather than piling up
    const empty = this.conversations.find(c => !c.messages.length);
    const c = empty ?? newConversation(selection);
    if (!empty) this.conversations.push(c);
    if (selection) c.selection = selection;
    this.activeId = c.id;
    await this.save(c);
    return c;
  }

  async switchTo(id: string): Promise<Conversation | undefined> {
    if (!this.get(id)) return undefined;
    this.activeId = id;
    await this.saveIndex();
    return this.active;
  }

  async rename(id: string, title: string): Promise<void> {
    const c = this.get(id);
    if (!c) return;
    c.title = title.trim() || c.title;
    await this.save(c);
  }

  async delete(id: string): Promise<void> {
    this.conversations = this.conversations.filter(c => c.id !== id);
    await this.enqueue(() => fs.promises.rm(this.file(id), { force: true }));
    if (!this.conversations.length) this.conversations.push(newConversation());
    if (this.activeId === id) this.activeId = this.newest().id;
    await this.saveIndex();
  }

  /** Writes a conversation (the active one by default) and which one is active. */
  async save(c: Conversation = this.active): Promise<void> {
    const text = JSON.stringify(c);
    await this.enqueue(() => atomicWrite(this.file(c.id), text));
    await this.saveIndex();
  }

  private saveIndex(): Promise<void> {
    const text = JSON.stringify({ active: this.activeId } satisfies Index);
    return this.enqueue(() => atomicWrite(path.join(this.dir, 'index.json'), text));
  }

  private enqueue<T>(write: () => Promise<T>): Promise<T> {
    const next = this.writes.then(write, write);
    this.writes = next.catch(() => undefined);
    return next;
  }

  private readIndex(): Index {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.dir, 'index.json'), 'utf8')) as Index;
    } catch {
      return {};
    }
  }

  private newest(): Conversation {
    return [...this.conversations].sort((a, b) => b.updatedAt - a.updatedAt)[0];
  }

  private file(id: string): string {
    return path.join(this.dir, `${id.replace(/[^\w-]/g, '')}.chat.json`);
  }
}

function isConversation(v: unknown): v is Conversation {
  const c = v as Conversation;
  return !!c && typeof c.id === 'string' && typeof c.title === 'string' && Array.isArray(c.messages);
}

/** A reply that was streaming when the window closed ends as stopped, with what had arrived. */
function markInterrupted(c: Conversation): Conversation {
  for (const m of c.messages) {
    if (m.streaming) {
      m.streaming = false;
      m.stopReason = 'aborted';
    }
  }
  return c;
}
