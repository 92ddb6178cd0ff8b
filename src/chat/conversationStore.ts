import * as vscode from 'vscode';
import { Conversation, newConversation, summary } from './conversation';
import type { ConversationSummary, Selection } from './protocol';

const KEY = 'bedrock.chat.conversations.v1';
const ACTIVE_KEY = 'bedrock.chat.active.v1';

interface Persisted {
  conversations: Conversation[];
}

/**
 * Conversations persisted in workspace storage, so a window reload restores them exactly. Writes are immediate
 * for structural changes and coalesced while a reply streams (the session calls `save()` as text arrives).
 */
export class ConversationStore {
  private conversations: Conversation[];
  private activeId: string;

  constructor(private readonly memento: vscode.Memento) {
    const stored = memento.get<Persisted>(KEY);
    this.conversations = Array.isArray(stored?.conversations) ? stored.conversations.filter(isConversation) : [];
    for (const c of this.conversations) markInterrupted(c);
    if (!this.conversations.length) this.conversations.push(newConversation());
    const active = memento.get<string>(ACTIVE_KEY);
    this.activeId = this.conversations.some(c => c.id === active) ? active! : this.conversations[0].id;
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
    await this.save();
    return c;
  }

  async switchTo(id: string): Promise<Conversation | undefined> {
    if (!this.get(id)) return undefined;
    this.activeId = id;
    await this.save();
    return this.active;
  }

  async rename(id: string, title: string): Promise<void> {
    const c = this.get(id);
    if (!c) return;
    c.title = title.trim() || c.title;
    await this.save();
  }

  async delete(id: string): Promise<void> {
    this.conversations = this.conversations.filter(c => c.id !== id);
    if (!this.conversations.length) this.conversations.push(newConversation());
    if (this.activeId === id) this.activeId = [...this.conversations].sort((a, b) => b.updatedAt - a.updatedAt)[0].id;
    await this.save();
  }

  async save(): Promise<void> {
    await this.memento.update(KEY, { conversations: this.conversations } satisfies Persisted);
    await this.memento.update(ACTIVE_KEY, this.activeId);
  }
}

function isConversation(v: unknown): v is Conversation {
  const c = v as Conversation;
  return !!c && typeof c.id === 'string' && typeof c.title === 'string' && Array.isArray(c.messages);
}

/** A reply that was streaming when the window closed ends as stopped, with what had arrived. */
function markInterrupted(c: Conversation): void {
  for (const m of c.messages) {
    if (m.streaming) {
      m.streaming = false;
      m.stopReason = 'aborted';
    }
  }
}
