import * as fs from 'fs';
import * as path from 'path';
import { atomicWrite } from '../webviewKit/host/atomicFile';
import { Conversation, newConversation, StoredImage, StoredMessage, summary } from './conversation';
import type { ConversationSummary, Selection } from './protocol';
import { AttachmentFolder } from './store/attachmentFolder';
import { withFileLock } from './store/fileLock';
import {
  CONVERSATION_SUFFIX, ConversationRecord, FileMessage, FORMAT_VERSION, imageHash, parseConversationFile, sameContent,
  serializeConversation, Synced, syncedOf, tombstoneText,
} from './store/conversationFile';
import { watchFolder, type WatchFolder } from './store/folderWatcher';
import { mergeInto, type MergeSide } from './store/mergeConversation';

export { atomicWrite };

export interface ConversationStoreOptions {
  /** How the folder is watched for other windows' writes (default fs.watch); false: not watched. */
  watch?: WatchFolder | false;
  now?: () => number;
  /** Where a failed write or a missing attachment is reported (the extension's log). */
  log?: (message: string) => void;
  /** How old an attachment file no conversation refers to must be before it is removed (default 10 minutes). */
  attachmentGraceMs?: number;
}

/** A conversation another window changed, added or deleted, now reflected in this store. */
export interface StoreChange {
  id: string;
  removed: boolean;
}

interface LiveRecord { kind: 'live'; rev: number; version: number; conversation: Conversation }
type LiveFile = Extract<ConversationRecord, { kind: 'live' }>;

const ATTACHMENT_GRACE_MS = 10 * 60_000;
/** A tombstone outlives any window that could still hold the conversation it marks; then it is removed. */
const TOMBSTONE_KEEP_MS = 30 * 24 * 3600_000;
const EMPTY_BASE: Synced = { rev: 0, version: FORMAT_VERSION, title: '', selection: 'null', updatedAt: 0, messages: [], images: [] };
const noWatch = { dispose: () => undefined };

/**
 * Conversations as one JSON file each in a storage folder, safe with several windows on the same folder (every
 * window without a workspace shares the global storage folder):
 * - each write takes the conversation's lock, reads its file and, if another window wrote since this one read it
 *   (its revision moved on), merges that in before writing (store/mergeConversation.ts), so nothing is overwritten;
 * - the folder is watched, and what another window wrote is merged into this window's copy as it happens;
 * - a deletion leaves a tombstone, so a window that still holds the conversation cannot write it back;
 * - pasted images live in content-addressed files beside it (attachments/), so a conversation file stays small and
 *   the save each second during a stream writes only that conversation's text.
 * Files rather than workspaceState: a long history is not what Memento is for, and VS Code for the web keeps
 * Memento in browser storage that may not be flushed before a reload, which lost the last reply.
 */
export class ConversationStore {
  private conversations: Conversation[] = [];
  /** What each conversation's file held when this window last read or wrote it: the base of a merge. */
  private readonly synced = new Map<string, Synced>();
  /** The file as this window left it, to tell its own writes from another window's without reading the file. */
  private readonly written = new Map<string, string>();
  private readonly deleted = new Set<string>();
  private activeId: string;
  private savedActiveId: string | undefined;
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private readonly watcher: { dispose(): void };
  private readonly attachments: AttachmentFolder;
  private readonly now: () => number;
  /** Why conversations are kept in memory only (one sentence naming the path); undefined when they are saved. */
  readonly problem: string | undefined;
  /** The file standing where the folder should be, when that is the problem. */
  readonly blockedBy: string | undefined;

  constructor(readonly dir: string, private readonly options: ConversationStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.attachments = new AttachmentFolder(path.join(dir, 'attachments'));
    ({ problem: this.problem, blockedBy: this.blockedBy } = prepareFolder(dir));
    if (!this.problem) this.loadAll();
    if (!this.conversations.length) this.conversations.push(newConversation());
    const active = this.problem ? undefined : readIndex(dir).active;
    this.savedActiveId = active;
    this.activeId = active && this.get(active) ? active : this.newest().id;
    this.watcher = this.problem || options.watch === false ? noWatch : (options.watch ?? watchFolder)(dir, name => this.changedOnDisk(name));
    if (!this.problem) this.track(this.afterLoad());
  }

  get active(): Conversation {
    return this.get(this.activeId) ?? this.conversations[0];
  }

  list(): ConversationSummary[] {
    return [...this.conversations].sort((a, b) => b.updatedAt - a.updatedAt).map(summary);
  }

  get(id: string): Conversation | undefined {
    return this.conversations.find(c => c.id === id);
  }

  /** Called when another window's change to a conversation has been merged in (or it was added or deleted there). */
  onDidChange(listener: (change: StoreChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
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

  /** Deletes a conversation in every window: its file becomes a tombstone, and images only it had are collected. */
  async delete(id: string): Promise<void> {
    this.forget(id, false);
    if (!this.problem) {
      await this.queue(id, () => this.locked(id, async () => {
        const disk = await this.readFile(id);
        await atomicWrite(this.file(id), tombstoneText(id, (disk?.rev ?? 0) + 1, this.now()));
        this.written.delete(id);
      })).catch(e => this.report(`deleting conversation ${id} failed`, e));
      this.track(this.collectGarbage());
    }
    await this.saveIndex();
  }

  /**
   * Writes a conversation (the active one by default), merging what another window wrote to it since; nothing
   * is written when nothing changed. A failure is reported to the log, not thrown: the chat goes on in memory.
   */
  async save(c: Conversation = this.active): Promise<void> {
    if (!this.problem) await this.queue(c.id, () => this.write(c)).catch(e => this.report(`saving conversation "${c.title}" failed`, e));
    await this.saveIndex();
  }

  /** Removes attachment files no conversation refers to any more (on disk, in any window, or here). */
  async collectGarbage(graceMs = this.options.attachmentGraceMs ?? ATTACHMENT_GRACE_MS): Promise<string[]> {
    if (this.problem) return [];
    const referenced = new Set<string>();
    for (const c of this.conversations) for (const m of c.messages) for (const i of m.images ?? []) referenced.add(`${imageHash(i)}.${i.format}`);
    for (const name of await fs.promises.readdir(this.dir).catch(() => [] as string[])) {
      if (!name.endsWith(CONVERSATION_SUFFIX)) continue;
      const text = await fs.promises.readFile(path.join(this.dir, name), 'utf8').catch(() => undefined);
      const record = text === undefined ? undefined : parseConversationFile(text);
      if (record?.kind !== 'live') continue;
      for (const m of record.conversation.messages) for (const i of m.images ?? []) if (!('base64' in i)) referenced.add(`${i.sha256}.${i.format}`);
    }
    await this.removeLeftoverTempFiles(graceMs);
    return this.attachments.collect(referenced, graceMs, this.now());
  }

  /** A window that crashed mid-write leaves its temp file behind; an old one is no one's write in progress. */
  private async removeLeftoverTempFiles(graceMs: number): Promise<void> {
    for (const name of await fs.promises.readdir(this.dir).catch(() => [] as string[])) {
      if (!name.endsWith('.tmp')) continue;
      const file = path.join(this.dir, name);
      const stat = await fs.promises.stat(file).catch(() => undefined);
      if (stat && this.now() - stat.mtimeMs >= graceMs) await fs.promises.rm(file, { force: true });
    }
  }

  /** Settles once every write, reload and collection started so far has finished (tests, and disposal). */
  async whenIdle(): Promise<void> {
    while (this.queues.size || this.background.size) await Promise.allSettled([...this.queues.values(), ...this.background]);
  }

  dispose(): void {
    this.watcher.dispose();
    this.listeners.clear();
  }

  // --- reading ---

  private loadAll(): void {
    for (const name of fs.readdirSync(this.dir)) {
      if (!name.endsWith(CONVERSATION_SUFFIX)) continue;
      let record: ConversationRecord | undefined;
      try {
        record = parseConversationFile(fs.readFileSync(path.join(this.dir, name), 'utf8'));
      } catch {
        // unreadable: skipped (and kept on disk), never allowed to break the chat
      }
      if (record?.kind === 'deleted') {
        this.deleted.add(record.id);
        if (this.now() - record.deletedAt > TOMBSTONE_KEEP_MS) fs.rmSync(path.join(this.dir, name), { force: true });
      } else if (record) {
        const live = this.resolve(record);
        markInterrupted(live.conversation);
        this.conversations.push(live.conversation);
        this.synced.set(live.conversation.id, syncedOf(live.conversation, live.rev, live.version));
      }
    }
  }

  /** Moves the images of files in the first format out into attachment files, then collects unreferenced ones. */
  private async afterLoad(): Promise<void> {
    for (const c of [...this.conversations]) {
      const base = this.synced.get(c.id);
      if (base && base.version < FORMAT_VERSION && base.images.length) await this.save(c);
    }
    await this.collectGarbage();
  }

  /** A file record with its images read from their attachment files (an image whose file is gone is left out). */
  private resolve(record: LiveFile, known = new Map<string, StoredImage>()): LiveRecord {
    const messages = record.conversation.messages.map((m: FileMessage): StoredMessage => {
      if (!m.images) return m as StoredMessage;
      const images = m.images.flatMap((i): StoredImage[] => {
        if ('base64' in i) return [i];
        const found = known.get(`${i.sha256}.${i.format}`) ?? this.attachments.read(i);
        if (!found) this.report(`an image of conversation "${record.conversation.title}" is missing`, new Error(`${i.sha256}.${i.format} not found`));
        return found ? [found] : [];
      });
      return { ...m, images };
    });
    return { kind: 'live', rev: record.rev, version: record.version, conversation: { ...record.conversation, messages } };
  }

  private async readFile(id: string): Promise<ConversationRecord | undefined> {
    try {
      return parseConversationFile(await fs.promises.readFile(this.file(id), 'utf8'));
    } catch {
      return undefined;
    }
  }

  /** Whether the file is still exactly as this window wrote it (inode, size and time), without reading it. */
  private async unchangedSinceWritten(id: string): Promise<boolean> {
    const mark = this.written.get(id);
    return mark !== undefined && mark === (await fileMark(this.file(id)));
  }

  private changedOnDisk(name: string | undefined): void {
    if (name === undefined) {
      // the platform did not say which file: look at them all
      for (const f of fs.readdirSync(this.dir)) if (f.endsWith(CONVERSATION_SUFFIX)) this.changedOnDisk(f);
      return;
    }
    if (!name.endsWith(CONVERSATION_SUFFIX)) return;
    const id = name.slice(0, -CONVERSATION_SUFFIX.length);
    this.queue(id, () => this.reload(id)).catch(e => this.report(`reading conversation ${id} failed`, e));
  }

  /** Takes in what another window wrote to a conversation's file. */
  private async reload(id: string): Promise<void> {
    if (await this.unchangedSinceWritten(id)) return;
    const record = await this.readFile(id);
    if (!record || (record.kind === 'deleted' ? record.id : record.conversation.id) !== id) return;
    if (record.kind === 'deleted') {
      if (!this.deleted.has(id)) this.forget(id, true);
      return;
    }
    if (this.deleted.has(id)) return;
    const base = this.synced.get(id);
    if (base && record.rev <= base.rev) return;
    this.takeIn(record);
    this.emit({ id, removed: false });
  }

  /** Merges a newer file into this window's copy (or adds it); the file becomes the base. */
  private takeIn(record: LiveFile): void {
    const id = record.conversation.id;
    const local = this.get(id);
    const remote = this.resolve(record, local ? imagesOf(local) : undefined);
    const remoteSide: MergeSide = { conversation: remote.conversation, synced: syncedOf(remote.conversation, remote.rev, remote.version) };
    if (local) {
      const base = this.synced.get(id) ?? EMPTY_BASE;
      mergeInto({ conversation: local, synced: syncedOf(local, base.rev, base.version) }, remoteSide, base);
    } else {
      this.conversations.push(remote.conversation);
    }
    this.synced.set(id, remoteSide.synced);
  }

  // --- writing ---

  private async write(c: Conversation): Promise<void> {
    if (this.deleted.has(c.id) || !this.get(c.id)) return;
    await this.locked(c.id, async () => {
      let base = this.synced.get(c.id);
      if (!(await this.unchangedSinceWritten(c.id))) {
        const disk = await this.readFile(c.id);
        if (disk?.kind === 'deleted') {
          this.forget(c.id, true);
          return;
        }
        if (disk && disk.conversation.id === c.id && disk.rev !== base?.rev) {
          // another window wrote since: merge it in first
          this.takeIn(disk);
          this.emit({ id: c.id, removed: false });
          base = this.synced.get(c.id);
        }
      }
      const rev = (base?.rev ?? 0) + 1;
      const { text, synced } = serializeConversation(c, rev);
      if (base && base.version >= FORMAT_VERSION && sameContent(synced, base)) return;
      const onDisk = new Set(base && base.version >= FORMAT_VERSION ? base.images : []);
      for (const m of c.messages) for (const i of m.images ?? []) if (!onDisk.has(`${imageHash(i)}.${i.format}`)) await this.attachments.put(i);
      const file = this.file(c.id);
      await atomicWrite(file, text);
      this.synced.set(c.id, synced);
      this.written.set(c.id, await fileMark(file));
    });
  }

  /** Holds the conversation's lock while `work` runs: one writer at a time across windows. */
  private locked<T>(id: string, work: () => Promise<T>): Promise<T> {
    return withFileLock(this.file(id), work);
  }

  private async saveIndex(): Promise<void> {
    if (this.problem || this.activeId === this.savedActiveId) return;
    const active = this.activeId;
    await this.queue('index.json', () => atomicWrite(path.join(this.dir, 'index.json'), JSON.stringify({ active })))
      .then(() => { this.savedActiveId = active; }, e => this.report('saving the active conversation failed', e));
  }

  // --- bookkeeping ---

  /** Drops a conversation from this window (deleted here or in another one); another becomes active if need be. */
  private forget(id: string, notify: boolean): void {
    this.conversations = this.conversations.filter(c => c.id !== id);
    this.synced.delete(id);
    this.written.delete(id);
    this.deleted.add(id);
    if (!this.conversations.length) this.conversations.push(newConversation());
    if (this.activeId === id) this.activeId = this.newest().id;
    if (notify) this.emit({ id, removed: true });
  }

  /** Runs the work after earlier work on the same file, in this window. */
  private queue<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(key) ?? Promise.resolve()).then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }

  private track(p: Promise<unknown>): void {
    const settled = p.catch(e => this.report('tidying the chat folder failed', e));
    this.background.add(settled);
    void settled.then(() => this.background.delete(settled));
  }

  private emit(change: StoreChange): void {
    for (const l of [...this.listeners]) l(change);
  }

  private report(what: string, e: unknown): void {
    this.options.log?.(`chat store: ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }

  private newest(): Conversation {
    return [...this.conversations].sort((a, b) => b.updatedAt - a.updatedAt)[0];
  }

  private file(id: string): string {
    return path.join(this.dir, `${id.replace(/[^\w-]/g, '')}${CONVERSATION_SUFFIX}`);
  }
}

/** Creates the folder; if it cannot be (a file is in the way), says so in one sentence naming the path. */
function prepareFolder(dir: string): { problem?: string; blockedBy?: string } {
  try {
    fs.mkdirSync(dir, { recursive: true });
    return {};
  } catch (e) {
    const blockedBy = fileInTheWay(dir);
    if (blockedBy) return { blockedBy, problem: `Chats cannot be saved because ${blockedBy} is a file, not a folder: this window keeps them in memory until it closes.` };
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return { problem: `Chats cannot be saved because the folder ${dir} cannot be created (${code}): this window keeps them in memory until it closes.` };
  }
}

/** The path itself or the nearest folder above it that exists, if that is a file. */
function fileInTheWay(dir: string): string | undefined {
  for (let p = dir; ; p = path.dirname(p)) {
    try {
      return fs.statSync(p).isFile() ? p : undefined;
    } catch {
      if (path.dirname(p) === p) return undefined;
    }
  }
}

function readIndex(dir: string): { active?: string } {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as { active?: unknown };
    return typeof v.active === 'string' ? { active: v.active } : {};
  } catch {
    return {};
  }
}

async function fileMark(file: string): Promise<string> {
  try {
    const s = await fs.promises.stat(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function imagesOf(c: Conversation): Map<string, StoredImage> {
  const images = new Map<string, StoredImage>();
  for (const m of c.messages) for (const i of m.images ?? []) images.set(`${imageHash(i)}.${i.format}`, i);
  return images;
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
