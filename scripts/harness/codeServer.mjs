// Starts and stops a real VS Code (code-server from npm, run by Node 24 from npm) on a free loopback port, with
// throw-away user-data, extensions and XDG dirs. Installed by scripts/harness/install.sh into HARNESS_HOME.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { HARNESS_HOME, NODE24, runInstall } from './node24.mjs';

export { HARNESS_HOME };
const ENTRY = path.join(HARNESS_HOME, 'cs/node_modules/code-server/out/node/entry.js');

/** Runs install.sh (cached: fast when everything is there); throws with the retry advice when it fails. */
export function ensureInstalled() {
  runInstall('all');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().on('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true, 'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true,
  'update.mode': 'none', 'telemetry.telemetryLevel': 'off', 'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false, 'git.openRepositoryInParentFolders': 'never',
};

/**
 * @param {{ runDir: string, port?: number, env?: Record<string,string>, settings?: Record<string,unknown>,
 *           linkExtensions?: { id: string, dir: string }[] }} o
 *   linkExtensions: folders installed by symlink (how `npm run demo` loads the extension without a browser hook).
 */
export async function startCodeServer(o) {
  const port = o.port || await freePort();
  const dirs = { data: path.join(o.runDir, 'data'), exts: path.join(o.runDir, 'exts'), xdg: path.join(o.runDir, 'xdg') };
  fs.mkdirSync(path.join(dirs.data, 'User'), { recursive: true });
  fs.mkdirSync(dirs.exts, { recursive: true });
  fs.writeFileSync(path.join(dirs.data, 'User/settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...o.settings }, null, 2));
  // the extension host is code-server's remote side: machine and machine-overridable settings (the endpoints) are
  // read from the Machine settings there, not from User
  fs.mkdirSync(path.join(dirs.data, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(dirs.data, 'Machine/settings.json'), JSON.stringify({ ...o.settings }, null, 2));
  for (const e of o.linkExtensions ?? []) if (!fs.existsSync(path.join(dirs.exts, e.id))) fs.symlinkSync(e.dir, path.join(dirs.exts, e.id));
  const configFile = path.join(o.runDir, 'cs-config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const logFile = path.join(o.runDir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  // detached: its own process group, so stop() can end the server AND the extension hosts and watchers it forks
  // (they outlive a plain kill of the parent).
  const child = spawn(NODE24, [ENTRY, '--config', configFile, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', dirs.data, '--extensions-dir', dirs.exts, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override'], {
    detached: true, stdio: ['ignore', out, out],
    env: { ...process.env, ...o.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'), XDG_DATA_HOME: path.join(dirs.xdg, 'data') },
  });
  fs.closeSync(out);
  const exited = new Promise(resolve => child.once('exit', resolve));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
    const killer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } }, 5000);
    await exited;
    clearTimeout(killer);
    // the group's other members (extension hosts, watchers) get the same SIGTERM; make sure none is left
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group empty */ }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}); see ${logFile}`);
    try { if ((await fetch(`${url}/healthz`)).ok) break; } catch { /* not listening yet */ }
    if (Date.now() > deadline) { await stop(); throw new Error(`code-server did not start; see ${logFile}`); }
    await new Promise(r => setTimeout(r, 200));
  }
  return { port, url, authority: `127.0.0.1:${port}`, logFile, stop, exited };
}
