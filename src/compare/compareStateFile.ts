import * as fs from 'fs';
import * as path from 'path';
import { atomicWrite } from '../webviewKit/host/atomicFile';
import { isCompareState, type CompareState } from './protocol';

/**
 * The last comparison (prompt, columns, results) as one JSON file in the workspace's storage folder. The page's
 * webview state alone is not enough: VS Code for the web keeps it in browser storage that may not be flushed
 * before a reload (the chat store found the same). Writes are atomic and coalesced: only the newest state is
 * written once the one in progress finishes.
 */
export class CompareStateFile {
  private pending: CompareState | undefined;
  private writing: Promise<void> | undefined;

  constructor(private readonly file: string) {}

  static in(dir: string): CompareStateFile {
    return new CompareStateFile(path.join(dir, 'compare.json'));
  }

  /** The saved state, if there is one that matches the protocol; a damaged file is ignored (and kept). */
  read(): CompareState | undefined {
    try {
      const state = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      return isCompareState(state) ? state : undefined;
    } catch {
      return undefined;
    }
  }

  save(state: CompareState): Promise<void> {
    this.pending = state;
    this.writing ??= this.drain().finally(() => { this.writing = undefined; });
    return this.writing;
  }

  private async drain(): Promise<void> {
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
    while (this.pending) {
      const text = JSON.stringify(this.pending);
      this.pending = undefined;
      await atomicWrite(this.file, text);
    }
  }
}
