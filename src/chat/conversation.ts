import { randomUUID } from 'crypto';
import type { ConversationSummary, ConversationView, ImageFormat, MessageView, Selection } from './protocol';

/** A pasted image as the chat holds it: the bytes (base64) and, once known, their SHA-256 (its attachment file's name). */
export interface StoredImage {
  format: ImageFormat;
  base64: string;
  sha256?: string;
}

/**
 * A stored chat message. Attached text is kept as the text that was sent and images as their bytes, so retries
 * resend them; on disk the images live in content-addressed files beside the conversation (see store/).
 */
export interface StoredMessage extends MessageView {
  /** What was sent to the model for a user message: its text plus the attached context. */
  sentText?: string;
  images?: StoredImage[];
  /** Responses API id of this assistant reply, the link for `previous_response_id`. */
  responseId?: string;
  /** A reply run in the background: what it needs to be watched again after a reload (its id is `responseId`). */
  backgroundJob?: { model: string; project?: string };
}

export interface Conversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  selection?: Selection;
  messages: StoredMessage[];
}

export function newConversation(selection?: Selection): Conversation {
  const now = Date.now();
  return { id: randomUUID(), title: 'New chat', createdAt: now, updatedAt: now, messages: [], ...(selection ? { selection } : {}) };
}

export function newMessageId(): string {
  return randomUUID();
}

/** A title from the first user message: its first line, trimmed to a tab-friendly length. */
export function titleFrom(text: string): string {
  const line = text.split('\n').map(l => l.trim()).find(Boolean) ?? 'New chat';
  return line.length > 48 ? line.slice(0, 47) + '…' : line;
}

/**
 * The user message `old` with its typed text replaced by `text`, keeping the context it was sent with (the attached
 * code follows the typed text, see composeWithContext). Sliced, not `String.replace`d: a replacement string reads
 * `$&`, `$$`, `` $` `` and `$'` in the user's text as patterns, and the model would get other text than the chat shows.
 */
export function editedUserMessage(old: StoredMessage, text: string): StoredMessage {
  const sent = old.sentText ?? old.text;
  const context = sent.startsWith(old.text) ? sent.slice(old.text.length) : '';
  return { ...old, id: newMessageId(), text, sentText: text + context };
}

export function summary(c: Conversation): ConversationSummary {
  return { id: c.id, title: c.title, updatedAt: c.updatedAt };
}

/** What the webview gets of a message: never the raw attachment payloads or chain ids, only what is displayed. */
export function messageView({ sentText: _s, images: _i, responseId: _r, backgroundJob: _b, ...view }: StoredMessage): MessageView {
  return view;
}

export function toView(c: Conversation): ConversationView {
  return { id: c.id, title: c.title, messages: c.messages.map(messageView) };
}

/**
 * The `previous_response_id` to chain on: the last assistant reply's id, but only when every reply after the
 * user's last edit point is still in the server-side chain (an edited or errored turn breaks it).
 */
export function chainId(messages: StoredMessage[]): string | undefined {
  const last = [...messages].reverse().find(m => m.role === 'assistant');
  return last && !last.error ? last.responseId : undefined;
}

/** Drops the `previous_response_id` links of these messages: the server refused them, so later turns must not chain on them. */
export function forgetChain(messages: StoredMessage[]): void {
  for (const m of messages) delete m.responseId;
}

/** Whether Responses turns are stored on the server and chained (`store`); a conversation can turn it off. */
export function keepsStateOnServer(selection: Selection): boolean {
  return selection.store !== false;
}
