import * as fs from 'fs';

/**
 * Watches a folder and calls `changed` with the name of a file that was written, renamed or removed there
 * (undefined when the platform does not say which: then the whole folder is read again).
 */
export type WatchFolder = (dir: string, changed: (fileName: string | undefined) => void) => { dispose(): void };

/**
 * `fs.watch`, not VS Code's file watcher, so the store runs (and is tested) in plain Node. It does not keep the
 * process alive. Where the folder cannot be watched (some network file systems), there is no watching, and each
 * write still reads the file first and merges what another window wrote.
 */
export const watchFolder: WatchFolder = (dir, changed) => {
  try {
    const watcher = fs.watch(dir, { persistent: false }, (_event, name) => changed(name ? String(name) : undefined));
    watcher.on('error', () => watcher.close());
    return { dispose: () => watcher.close() };
  } catch {
    return { dispose: () => undefined };
  }
};
