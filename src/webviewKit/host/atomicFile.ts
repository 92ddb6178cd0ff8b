import { randomBytes } from 'crypto';
import * as fs from 'fs';

/**
 * Writes a state file (a webview's, a conversation, an attachment) so that a reader (this window, another window, a
 * crash) sees the old content or the new, never half of it: into a temp file beside it, then renamed over it. The
 * temp name is unique per write, so two windows (two processes) writing the same file never share one.
 */
export async function atomicWrite(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.promises.writeFile(tmp, data);
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}
