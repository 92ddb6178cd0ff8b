import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { withFileLock } from '../../../../src/chat/store/fileLock';

test('one holder at a time: a second writer waits until the first has finished, then the lock is gone', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lock-')), 'c.chat.json');
  const order: string[] = [];
  let release!: () => void;
  const held = new Promise<void>(resolve => (release = resolve));
  let entered!: () => void;
  const firstIn = new Promise<void>(resolve => (entered = resolve));
  const first = withFileLock(file, async () => { order.push('first in'); entered(); await held; order.push('first out'); });
  await firstIn;
  assert.ok(fs.statSync(`${file}.lock`).isDirectory(), 'held as a folder beside the file');
  const second = withFileLock(file, async () => { order.push('second in'); });
  release();
  await Promise.all([first, second]);
  assert.deepEqual(order, ['first in', 'first out', 'second in']);
  assert.ok(!fs.existsSync(`${file}.lock`));
});

test('a lock left behind by a window that crashed is taken over once it is stale', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lock-')), 'c.chat.json');
  fs.mkdirSync(`${file}.lock`);
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(`${file}.lock`, old, old);
  assert.equal(await withFileLock(file, async () => 'written'), 'written');
});
