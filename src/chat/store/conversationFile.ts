import { createHash } from 'crypto';
import type { Conversation, StoredImage, StoredMessage } from '../conversation';
import { IMAGE_FORMATS, type ImageFormat } from '../protocol';

/** Conversation files are named `<id>.chat.json`; anything else in the folder (index, locks, temp files) is not one. */
export const CONVERSATION_SUFFIX = '.chat.json';

/**
 * The on-disk format. Version 2 adds a revision (one more on every write, so a window can tell that another one
 * wrote since it read), keeps images as references to their attachment files, and marks a deleted conversation
 * with a tombstone instead of removing its file, so a window that still holds it cannot bring it back. Version 1
 * files (no `version`, images inline as base64) are still read.
 */
export const FORMAT_VERSION = 2;

/** An image as a conversation file refers to it: its attachment file is `attachments/<sha256>.<format>`. */
export interface ImageRef {
  format: ImageFormat;
  sha256: string;
}

/** A message as read from a file: images either as references (version 2) or inline (version 1). */
export type FileMessage = Omit<StoredMessage, 'images'> & { images?: (ImageRef | StoredImage)[] };

export type ConversationRecord =
  | { kind: 'live'; rev: number; version: number; conversation: Omit<Conversation, 'messages'> & { messages: FileMessage[] } }
  | { kind: 'deleted'; rev: number; id: string; deletedAt: number };

/** What a window last read from or wrote to a conversation's file: the base a later change is merged against. */
export interface Synced {
  rev: number;
  version: number;
  title: string;
  /** The selection as JSON, compared as text. */
  selection: string;
  updatedAt: number;
  /** Each message's id and a fingerprint of its content, in order. */
  messages: [string, string][];
  /** The attachment files (`<sha256>.<format>`) the file refers to. */
  images: string[];
}

export function sha256(base64: string): string {
  return createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');
}

/** The image's content hash, computed once per image and kept on it. */
export function imageHash(img: StoredImage): string {
  return (img.sha256 ??= sha256(img.base64));
}

function isImageRef(v: unknown): v is ImageRef {
  const r = v as ImageRef;
  return !!r && typeof r.sha256 === 'string' && /^[0-9a-f]{64}$/.test(r.sha256) && (IMAGE_FORMATS as readonly string[]).includes(r.format);
}

function isInlineImage(v: unknown): v is StoredImage {
  const r = v as StoredImage;
  return !!r && typeof r.base64 === 'string' && (IMAGE_FORMATS as readonly string[]).includes(r.format);
}

/** Parses a conversation file of either version; undefined for anything that is not one (skipped, kept on disk). */
export function parseConversationFile(text: string): ConversationRecord | undefined {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object' || typeof v.id !== 'string') return undefined;
  const rev = typeof v.rev === 'number' && Number.isFinite(v.rev) ? v.rev : 0;
  if (v.deleted === true) return { kind: 'deleted', rev, id: v.id, deletedAt: typeof v.deletedAt === 'number' ? v.deletedAt : 0 };
  if (typeof v.title !== 'string' || !Array.isArray(v.messages)) return undefined;
  const messages = (v.messages as unknown[]).filter((m): m is FileMessage => !!m && typeof (m as FileMessage).id === 'string' && typeof (m as FileMessage).text === 'string')
    .map(m => (m.images ? { ...m, images: m.images.filter(i => isImageRef(i) || isInlineImage(i)) } : m));
  const { version: _v, rev: _r, ...conversation } = v;
  return {
    kind: 'live', rev, version: typeof v.version === 'number' ? v.version : 1,
    conversation: {
      ...(conversation as unknown as Conversation), messages,
      createdAt: typeof v.createdAt === 'number' ? v.createdAt : 0, updatedAt: typeof v.updatedAt === 'number' ? v.updatedAt : 0,
    },
  };
}

/** One message as it is written: images by reference. The same text is its fingerprint's input. */
export function serializeMessage(m: StoredMessage | FileMessage): string {
  if (!m.images?.length) return JSON.stringify(m);
  return JSON.stringify({ ...m, images: m.images.map(i => ('base64' in i ? { format: i.format, sha256: imageHash(i) } : { format: i.format, sha256: i.sha256 })) });
}

function fingerprint(serialized: string): string {
  return createHash('sha1').update(serialized).digest('base64');
}

/**
 * A conversation's file text at revision `rev`, and what it holds as a merge base. Messages are serialised one by
 * one, so each gets a fingerprint without a second pass.
 */
export function serializeConversation(c: Conversation | ConversationRecordLive, rev: number): { text: string; synced: Synced } {
  const { messages, ...meta } = c;
  const parts = messages.map(serializeMessage);
  const head = JSON.stringify({ version: FORMAT_VERSION, rev, ...meta });
  const text = `${head.slice(0, -1)},"messages":[${parts.join(',')}]}`;
  return { text, synced: syncedOf(c, rev, FORMAT_VERSION, parts) };
}

type ConversationRecordLive = Extract<ConversationRecord, { kind: 'live' }>['conversation'];

/** The merge base for a conversation as held (in memory or read from a file) at revision `rev`. */
export function syncedOf(c: Conversation | ConversationRecordLive, rev: number, version: number, serialized = c.messages.map(serializeMessage)): Synced {
  return {
    rev, version, title: c.title, selection: JSON.stringify(c.selection ?? null), updatedAt: c.updatedAt,
    messages: c.messages.map((m, i) => [m.id, fingerprint(serialized[i])]),
    images: c.messages.flatMap(m => (m.images ?? []).map(i => `${'base64' in i ? imageHash(i) : i.sha256}.${i.format}`)),
  };
}

/** Whether two bases describe the same content (revisions aside). */
export function sameContent(a: Synced, b: Synced): boolean {
  return a.title === b.title && a.selection === b.selection && a.updatedAt === b.updatedAt && a.messages.length === b.messages.length
    && a.messages.every(([id, fp], i) => b.messages[i][0] === id && b.messages[i][1] === fp);
}

export function tombstoneText(id: string, rev: number, deletedAt: number): string {
  return JSON.stringify({ version: FORMAT_VERSION, rev, id, deleted: true, deletedAt });
}
