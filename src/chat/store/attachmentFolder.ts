import * as fs from 'fs';
import * as path from 'path';
import type { StoredImage } from '../conversation';
import type { ImageFormat } from '../protocol';
import { atomicWrite } from '../../webviewKit/host/atomicFile';
import { imageHash, type ImageRef } from './conversationFile';

/**
 * Pasted images as files named by the SHA-256 of their bytes (`<sha256>.<format>`), beside the conversations that
 * refer to them: a conversation file stays small however many images it has, the same image pasted twice is
 * stored once, and a save during a stream writes no image again.
 */
export class AttachmentFolder {
  constructor(readonly dir: string) {}

  private file(sha256: string, format: ImageFormat): string {
    return path.join(this.dir, `${sha256}.${format}`);
  }

  /**
   * Writes the image's file unless it is there already (then it is touched, so a collection in progress keeps it).
   * Called only for images new to a conversation's file: one that file refers to already is never collected.
   */
  async put(img: StoredImage): Promise<ImageRef> {
    const ref = { format: img.format, sha256: imageHash(img) };
    const file = this.file(ref.sha256, ref.format);
    try {
      const now = new Date();
      await fs.promises.utimes(file, now, now);
    } catch {
      await fs.promises.mkdir(this.dir, { recursive: true });
      await atomicWrite(file, Buffer.from(img.base64, 'base64'));
    }
    return ref;
  }

  /** The image a reference names, or undefined when its file is missing or unreadable. */
  read(ref: ImageRef): StoredImage | undefined {
    try {
      const base64 = fs.readFileSync(this.file(ref.sha256, ref.format)).toString('base64');
      return { format: ref.format, base64, sha256: ref.sha256 };
    } catch {
      return undefined;
    }
  }

  /**
   * Removes the attachment files no conversation refers to (`referenced` holds `<sha256>.<format>` names). Files
   * younger than `graceMs` stay: another window writes an image's file just before the conversation that refers
   * to it, and must not lose it in between.
   */
  async collect(referenced: ReadonlySet<string>, graceMs: number, now: number): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.dir);
    } catch {
      return [];
    }
    const removed: string[] = [];
    for (const name of names) {
      if (referenced.has(name)) continue;
      const file = path.join(this.dir, name);
      try {
        if (now - (await fs.promises.stat(file)).mtimeMs < graceMs) continue;
        await fs.promises.rm(file, { force: true });
        removed.push(name);
      } catch {
        // gone already (another window collected it) or not ours to remove: nothing to do
      }
    }
    return removed;
  }
}
