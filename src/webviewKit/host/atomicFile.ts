import * as fs from 'fs';

/** Writes a webview's state file whole or not at all: a crash mid-write leaves the previous file, never half of one. */
export async function atomicWrite(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(tmp, text);
  await fs.promises.rename(tmp, file);
}
