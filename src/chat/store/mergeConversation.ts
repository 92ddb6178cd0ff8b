import type { Conversation, StoredMessage } from '../conversation';
import type { Synced } from './conversationFile';

/** A conversation's copy and the fingerprints of its content (see syncedOf). */
export interface MergeSide {
  conversation: Conversation;
  synced: Synced;
}

/**
 * Merges what another window wrote (`remote`, the file as it is now) into this window's copy (`local`), against
 * `base`, what this window last read or wrote. Nothing either side added is lost:
 * - a message only one side has is kept, unless that side is the one that had it in the base and removed it
 *   (retry and edit drop the replies after a message);
 * - a message both have is taken from the side that changed it since the base; when both did (a reply streaming
 *   here that the other window saw half-way), this window's copy wins, since it is the one still writing it;
 * - title and selection: the side that changed them; messages keep the other side's order, then this side's new ones.
 * `local` is changed in place, message objects included: a streaming reply holds references to them.
 */
export function mergeInto(local: MergeSide, remote: MergeSide, base: Synced): void {
  const baseFp = new Map(base.messages);
  const localFp = new Map(local.synced.messages);
  const remoteFp = new Map(remote.synced.messages);
  const mine = local.conversation;
  const localById = new Map(mine.messages.map(m => [m.id, m]));
  const merged: StoredMessage[] = [];
  for (const theirs of remote.conversation.messages) {
    const own = localById.get(theirs.id);
    if (!own) {
      if (!baseFp.has(theirs.id)) merged.push(theirs);
      continue;
    }
    if (localFp.get(own.id) === baseFp.get(own.id) && remoteFp.get(own.id) !== localFp.get(own.id)) replaceContent(own, theirs);
    merged.push(own);
  }
  for (const own of mine.messages) {
    if (remoteFp.has(own.id)) continue;
    const removedThere = baseFp.has(own.id) && baseFp.get(own.id) === localFp.get(own.id);
    if (!removedThere) merged.push(own);
  }
  mine.messages.length = 0;
  for (const m of merged) mine.messages.push(m);

  const theirs = remote.conversation;
  if (local.synced.title === base.title) mine.title = theirs.title;
  if (local.synced.selection === base.selection) {
    if (theirs.selection) mine.selection = theirs.selection;
    else delete mine.selection;
  }
  mine.updatedAt = Math.max(mine.updatedAt, theirs.updatedAt);
  if (theirs.createdAt && theirs.createdAt < mine.createdAt) mine.createdAt = theirs.createdAt;
}

/** Makes `target` hold what `source` holds, keeping `target`'s identity. */
function replaceContent(target: StoredMessage, source: StoredMessage): void {
  const t = target as unknown as Record<string, unknown>;
  for (const key of Object.keys(t)) if (!(key in source)) delete t[key];
  Object.assign(t, source);
}
