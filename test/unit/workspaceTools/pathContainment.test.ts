import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { containedPath } from '../../../src/workspaceTools/pathContainment';
import { proposedContent } from '../../../src/workspaceTools/proposedContent';
import { looksLikeSecretFile } from '../../../src/workspaceTools/secretFiles';
import { displayableText } from '../../../src/webviewKit/webview/render/displayableText';

const root = path.resolve('/ws/project');
/** A fake disk: existing paths and their real paths (a symlink maps to its target). */
function disk(entries: Record<string, string>) {
  return (p: string) => entries[path.resolve(p)];
}
const fs = disk({
  [root]: root,
  [path.join(root, 'src')]: path.join(root, 'src'),
  [path.join(root, 'src/app.ts')]: path.join(root, 'src/app.ts'),
  [path.join(root, 'link')]: path.resolve('/etc'),
  [path.join(root, 'secret')]: path.resolve('/home/me/.aws/credentials'),
});

test('a workspace-relative path resolves inside the folder', () => {
  assert.deepEqual(containedPath([root], 'src/app.ts', fs), { path: path.join(root, 'src/app.ts'), root, relative: 'src/app.ts' });
  assert.deepEqual(containedPath([root], './src/app.ts', fs), { path: path.join(root, 'src/app.ts'), root, relative: 'src/app.ts' });
});

test('absolute paths and paths that climb out are refused', () => {
  assert.match((containedPath([root], '/etc/passwd', fs) as { error: string }).error, /not a workspace-relative path/);
  assert.match((containedPath([root], 'C:\\Windows\\win.ini', fs) as { error: string }).error, /not a workspace-relative path/);
  assert.match((containedPath([root], '../other/x', fs) as { error: string }).error, /outside the workspace/);
  assert.match((containedPath([root], 'src/../../x', fs) as { error: string }).error, /outside the workspace/);
});

test('a symlink out of the folder is refused, for the link itself and for paths through it', () => {
  assert.match((containedPath([root], 'secret', fs) as { error: string }).error, /symbolic link/);
  assert.match((containedPath([root], 'link/passwd', fs) as { error: string }).error, /symbolic link/);
});

test('a file that does not exist yet resolves inside (for proposed new files); no folder open is refused', () => {
  assert.deepEqual(containedPath([root], 'src/new.ts', fs), { path: path.join(root, 'src/new.ts'), root, relative: 'src/new.ts' });
  assert.match((containedPath([], 'a.txt', fs) as { error: string }).error, /No workspace folder/);
});

test('a proposed edit replaces one exact, unique occurrence, or takes the whole content', () => {
  assert.deepEqual(proposedContent('a b a', { content: 'new' }), { content: 'new' });
  assert.deepEqual(proposedContent('one two', { oldString: 'two', newString: '2' }), { content: 'one 2' });
  assert.match((proposedContent('a b a', { oldString: 'a', newString: 'x' }) as { error: string }).error, /more than once/);
  assert.match((proposedContent('abc', { oldString: 'z', newString: 'x' }) as { error: string }).error, /not found/);
  assert.match((proposedContent(undefined, { oldString: 'z', newString: 'x' }) as { error: string }).error, /does not exist/);
  // `$&` in the replacement is text, not a pattern
  assert.deepEqual(proposedContent('x', { oldString: 'x', newString: '$&$&' }), { content: '$&$&' });
});

test('files that usually hold credentials are never read by the tools', () => {
  for (const p of ['.env', 'api/.env.local', 'certs/server.pem', 'deploy/prod.key', '.ssh/id_rsa', 'home/.aws/credentials', '.npmrc', '.git/config', 'config/secrets.yaml', 'id_ed25519'])
    assert.ok(looksLikeSecretFile(p), p);
  for (const p of ['src/env.ts', 'README.md', 'keys.md', 'notes.txt', 'docs/credentials-guide.md', 'environment.yml'])
    assert.ok(!looksLikeSecretFile(p), p);
});

test('a tool result is shown as plain text without control or bidi-override characters, and long results are cut', () => {
  assert.equal(displayableText('a\u202eb\u0007c\nd\te'), 'abc\nd\te');
  assert.match(displayableText('x'.repeat(50), 10), /^x{10}\n… \(40 more characters\)$/);
});
