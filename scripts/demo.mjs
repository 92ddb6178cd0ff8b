// `npm run demo [-- --port N] [-- --folder PATH]`: builds the extension and serves a real VS Code (code-server) on
// loopback with the extension installed. With AWS credentials configured it talks to real AWS; without them it starts
// the local Bedrock emulator and points the extension at it. Prints `Open: <url>` and serves until Ctrl+C / SIGTERM,
// then stops everything it started.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureInstalled, startCodeServer } from './harness/codeServer.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const port = Number(arg('port', '0'));
const folderArg = arg('folder', '');
const say = m => console.log(`[demo] ${m}`);

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) { console.error(`[demo] ${path.basename(args[0] ?? cmd)} failed`); process.exit(1); }
};
say('building');
run(process.execPath, ['scripts/build.mjs']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
say('installing or checking the offline VS Code (the first run installs Node 24, Chromium and code-server: about 2 minutes)');
try { ensureInstalled(); } catch (e) { console.error(`[demo] ${e.message}`); process.exit(1); }

const { backendStatus } = require(path.join(root, 'out/src/service/backendStatus.js'));
const awsDir = path.join(os.homedir(), '.aws');
const real = backendStatus({
  region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1', profile: '', endpoints: {}, env: process.env,
  sharedFilesExist: ['config', 'credentials'].some(f => fs.existsSync(path.join(awsDir, f))),
});

const cleanups = [];
const settings = {};
const env = {};
if (real.configured) {
  say(`backend: real AWS (${real.summary})`);
  settings['bedrock.region'] = real.region;
} else {
  const emulatorEntry = path.join(root, 'out/emulator/index.js');
  if (fs.existsSync(emulatorEntry)) {
    const { startEmulator } = require(emulatorEntry);
    const replies = process.env.BEDROCK_EMULATOR_REPLIES
      ? JSON.parse(fs.readFileSync(process.env.BEDROCK_EMULATOR_REPLIES, 'utf8')) : undefined;
    const emu = await startEmulator({ port: 0, replies });
    cleanups.push(() => emu.close());
    say(`backend: local Bedrock emulator (no AWS credentials found) runtime ${emu.runtimeEndpoint} mantle ${emu.mantleEndpoint}`);
    Object.assign(settings, {
      'bedrock.region': emu.region, 'bedrock.runtimeEndpoint': emu.runtimeEndpoint, 'bedrock.mantleEndpoint': emu.mantleEndpoint,
      // the emulator serves the control plane (model and profile lists) on its runtime listener
      'bedrock.controlPlaneEndpoint': emu.runtimeEndpoint,
    });
    // The emulator's test key pair, not a secret: it reaches the extension like any AWS environment credentials.
    Object.assign(env, { AWS_ACCESS_KEY_ID: emu.accessKeyId, AWS_SECRET_ACCESS_KEY: emu.secretAccessKey, AWS_REGION: emu.region });
  } else {
    say('backend: NONE. No AWS credentials were found and the local emulator is not built; the extension will say');
    say('         "No backend configured". Set AWS credentials (AWS_PROFILE, access keys or AWS_BEARER_TOKEN_BEDROCK) and rerun.');
  }
}

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-demo-'));
// without --folder the demo opens a scratch copy of the sample workspace (it is removed on exit)
const folder = folderArg ? path.resolve(folderArg) : path.join(runDir, 'workspace');
if (!folderArg) fs.cpSync(path.join(root, 'test/fixtures/workspace'), folder, { recursive: true });
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
// Installed by symlink, so the browser the user opens needs no development-mode hook.
const server = await startCodeServer({
  runDir, port, env, settings,
  linkExtensions: [{ id: `${pkg.publisher}.${pkg.name}-${pkg.version}`, dir: root }],
});
cleanups.unshift(() => server.stop());

let stopping = false;
async function stop(why) {
  if (stopping) return;
  stopping = true;
  say(`${why}: stopping`);
  for (const c of cleanups) await c();
  fs.rmSync(runDir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
server.exited.then(() => { if (!stopping) { console.error(`[demo] code-server exited; see ${server.logFile}`); process.exit(1); } });

console.log(`Open: ${server.url}/?folder=${encodeURIComponent(folder)}`);
say('serving; Ctrl+C to stop');
