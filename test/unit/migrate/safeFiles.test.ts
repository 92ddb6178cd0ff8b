import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { main } from '../../../src/migrate/cli';
import { collectSourceFiles, decodeSource, encodeSource, writeSourceAtomically } from '../../../src/migrate/safeFiles';

// Files kept safe (issue 19): the CLI never follows a symlink out of its roots nor writes through
// one, skips loops, FIFOs and oversized files with a reason, keeps encoding, BOM and line endings.

const chat = 'from openai import OpenAI\nclient = OpenAI()\nr = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])\n';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-migrate-safe-'));
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(args, { out: s => { out += s; return true; }, err: s => { err += s; return true; } });
  return { code, out, err };
}

test('a symlink to a file outside the given folder is reported and its target is neither read nor written', async () => {
  const outside = tmp();
  const root = tmp();
  fs.writeFileSync(path.join(outside, 'secret.py'), chat);
  fs.symlinkSync(path.join(outside, 'secret.py'), path.join(root, 'link.py'));
  const r = await run(['--write', root]);
  assert.equal(fs.readFileSync(path.join(outside, 'secret.py'), 'utf8'), chat, 'the file outside the root was changed');
  assert.match(r.err, /link\.py: skipped: symbolic link to .*secret\.py, outside the folders given/);
});

test('a symlink to a file inside the folder is not written through; the real file is migrated once', async () => {
  const root = tmp();
  fs.writeFileSync(path.join(root, 'real.py'), chat);
  fs.symlinkSync(path.join(root, 'real.py'), path.join(root, 'alias.py'));
  const r = await run(['--write', root]);
  assert.ok(fs.lstatSync(path.join(root, 'alias.py')).isSymbolicLink(), 'the link was replaced by a file');
  assert.match(fs.readFileSync(path.join(root, 'real.py'), 'utf8'), /provider=bedrock/);
  assert.match(r.err, /alias\.py: skipped: symbolic link: not written through/);
  assert.throws(() => writeSourceAtomically(path.join(root, 'alias.py'), Buffer.from('x')), /symbolic link/);
});

test('symlink loops (a file link cycle and a folder link to its parent) are reported and the walk ends', async () => {
  const root = tmp();
  fs.symlinkSync(path.join(root, 'b.py'), path.join(root, 'a.py'));
  fs.symlinkSync(path.join(root, 'a.py'), path.join(root, 'b.py'));
  fs.mkdirSync(path.join(root, 'pkg'));
  fs.symlinkSync(root, path.join(root, 'pkg', 'up'));
  fs.writeFileSync(path.join(root, 'pkg', 'app.py'), chat);
  const { files, skipped } = collectSourceFiles([root]);
  assert.deepEqual(files.map(f => path.relative(root, f)), [path.join('pkg', 'app.py')]);
  assert.deepEqual(skipped.map(s => [path.relative(root, s.path), s.reason]), [['a.py', 'symbolic link loop'], ['b.py', 'symbolic link loop']]);
});

test('a FIFO and a file over the size limit are skipped with the reason, without blocking', async () => {
  const root = tmp();
  execFileSync('mkfifo', [path.join(root, 'pipe.py')]);
  fs.writeFileSync(path.join(root, 'big.py'), chat + `# ${'x'.repeat(200)}\n`);
  const r = await run(['--max-bytes', '150', root]);
  assert.match(r.err, /big\.py: skipped: larger than 150 bytes/);
  assert.match(r.err, /pipe\.py: skipped: named pipe \(FIFO\)/);
  assert.equal(r.out, '');
});

test('a Latin-1 file with a coding cookie keeps its bytes (no U+FFFD) outside the rewritten lines', async () => {
  const root = tmp();
  const file = path.join(root, 'legacy.py');
  const original = Buffer.from(`# -*- coding: latin-1 -*-\n# Auteur : Jos\u00e9 M\u00fcller \u00a9\n${chat}print("d\u00e9j\u00e0 vu")\n`, 'latin1');
  fs.writeFileSync(file, original);
  const r = await run(['--write', root]);
  assert.equal(r.code, 0, r.err);
  const after = fs.readFileSync(file);
  assert.ok(!after.includes(Buffer.from('\ufffd', 'utf8')), 'U+FFFD written');
  const text = after.toString('latin1');
  assert.match(text, /# Auteur : Jos\u00e9 M\u00fcller \u00a9\n/);
  assert.match(text, /print\("d\u00e9j\u00e0 vu"\)\n$/);
  assert.match(text, /provider=bedrock/);
  assert.ok(after.includes(Buffer.from([0x4a, 0x6f, 0x73, 0xe9])), 'the é is no longer the single Latin-1 byte 0xE9');
});

test('an encoding the migration cannot keep, and bytes that are not UTF-8, are refused with the reason', async () => {
  assert.match((decodeSource(Buffer.from('# coding: shift_jis\nimport openai\n'), 'a.py') as { refused: string }).refused, /shift_jis/);
  assert.match((decodeSource(Buffer.from([0x69, 0x6d, 0x70, 0xe9, 0x0a]), 'a.py') as { refused: string }).refused, /not valid UTF-8/);
  assert.match((decodeSource(Buffer.from([0xff, 0xfe, 0x41, 0x00]), 'a.ts') as { refused: string }).refused, /UTF-16/);
  assert.match((decodeSource(Buffer.from('import openai\r\nx = 1\n'), 'a.py') as { refused: string }).refused, /mixes CRLF and LF/);
  assert.throws(() => encodeSource('caf\u00e9 \u2603', { kind: 'latin1' }), /Latin-1/);
  const root = tmp();
  const file = path.join(root, 'app.py');
  const bytes = Buffer.concat([Buffer.from(chat), Buffer.from([0x23, 0x20, 0xe9, 0x0a])]);
  fs.writeFileSync(file, bytes);
  const r = await run(['--write', root]);
  assert.deepEqual(fs.readFileSync(file), bytes);
  assert.match(r.err, /app\.py: skipped: not valid UTF-8/);
});

test('a UTF-8 BOM and CRLF line endings are kept', async () => {
  const root = tmp();
  const file = path.join(root, 'bom.ts');
  const body = "import OpenAI from 'openai';\r\nconst client = new OpenAI();\r\nexport const r = client.chat.completions.create({ model: 'gpt-4o', messages: [] });\r\n";
  fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]));
  const r = await run(['--write', root]);
  assert.equal(r.code, 0, r.err);
  const after = fs.readFileSync(file);
  assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM lost');
  assert.equal(after.subarray(3, 6).toString(), 'imp', 'a second BOM or other bytes were added');
  const text = after.subarray(3).toString('utf8');
  assert.match(text, /provider: bedrock/);
  assert.ok(!/[^\r]\n/.test(text), 'an LF without CR was written');
});

test('writes go through a temporary file and a rename, keeping the mode, leaving no temporary behind', () => {
  const root = tmp();
  const file = path.join(root, 'x.py');
  fs.writeFileSync(file, 'a = 1\n');
  fs.chmodSync(file, 0o640);
  const before = fs.statSync(file).ino;
  writeSourceAtomically(file, Buffer.from('a = 2\n'));
  assert.equal(fs.readFileSync(file, 'utf8'), 'a = 2\n');
  assert.notEqual(fs.statSync(file).ino, before, 'written in place rather than renamed over');
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(fs.readdirSync(root), ['x.py']);
});
