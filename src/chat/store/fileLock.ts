import * as fs from 'fs';

/** A lock older than this was left by a window that crashed while holding it (a write holds it for milliseconds). */
const STALE_MS = 10_000;
const ATTEMPTS = 200;

/**
 * Runs `work` while holding the lock on `file`, a folder named `<file>.lock` beside it: creating a folder either
 * succeeds or fails at once on every file system, local or network, so two windows (two processes) never both hold
 * it. proper-lockfile does the same, but loads signal-exit, which replaces `process.emit` in the extension host
 * that every extension shares; this needs no clean-up on exit, since a lock left by a crash goes stale.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const lockDir = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.promises.mkdir(lockDir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (attempt >= ATTEMPTS) throw new Error(`${lockDir} has been held by another window for too long`, { cause: e });
      const held = await fs.promises.stat(lockDir).catch(() => undefined);
      if (held && Date.now() - held.mtimeMs > STALE_MS) await fs.promises.rm(lockDir, { recursive: true, force: true });
      else if (held) await new Promise(resolve => setTimeout(resolve, Math.min(5 + attempt * 2, 50)));
    }
  }
  try {
    return await work();
  } finally {
    await fs.promises.rm(lockDir, { recursive: true, force: true });
  }
}
