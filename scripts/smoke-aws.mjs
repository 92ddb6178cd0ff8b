// `npm run smoke:aws`: proof on real AWS in a minute. Sends one short request per API style on each endpoint family
// that serves it, one tool call, one CountTokens and (with a guardrail named) one ApplyGuardrail, all through the
// extension's own BedrockService with the default credential chain, and prints a table: style, family, model,
// status, time to first token, tokens in/out, cost (shipped price table, extension's pricing code).
// Before sending anything it prints the most the run can cost and asks to go on (y/N); without AWS credentials it
// says so in one line and exits 0. `--emulator` runs the same matrix against the local Bedrock emulator (npm test
// does, so this script stays working). Exit status: 0 when every check passed (or there were no credentials),
// 1 when a check failed or the run was refused, 2 for bad arguments.
//
// Usage: node scripts/smoke-aws.mjs [--yes] [--verbose] [--region R] [--profile P] [--guardrail ID [--guardrail-version V]]
//                                   [--count-model CLAUDE_MODEL_ID] [--emulator]
//   env: AWS_REGION / AWS_DEFAULT_REGION, BEDROCK_GUARDRAIL_ID, BEDROCK_GUARDRAIL_VERSION, BEDROCK_SMOKE_EMULATOR=1
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { estimateCost } from './smoke/estimate.mjs';
import { smokeMatrix } from './smoke/matrix.mjs';
import { runCheck } from './smoke/runCheck.mjs';
import { formatFailures, formatTable } from './smoke/table.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const say = line => console.log(`smoke:aws: ${line}`);
/** The run is a few requests to the cheapest models; an estimate above this means the matrix or the table is wrong. */
const CEILING_USD = 0.01;

const options = readOptions();
buildIfNeeded();
const { BedrockService } = require(path.join(root, 'out/src/service/bedrockService.js'));
const { backendStatus, describeCredentials } = require(path.join(root, 'out/src/service/backendStatus.js'));
const pricing = require(path.join(root, 'out/src/service/pricing/pricing.js'));
const { estimateTokens } = require(path.join(root, 'out/src/service/tokens/estimate.js'));
const { API_STYLE_LABELS } = require(path.join(root, 'out/src/service/model.js'));

const emulator = options.emulator ? await startEmulator(options.region) : undefined;
const region = emulator?.region ?? options.region;
const endpoints = emulator
  // the emulator serves the control plane (model and profile lists) on its runtime listener
  ? { runtime: emulator.runtimeEndpoint, mantle: emulator.mantleEndpoint, control: emulator.runtimeEndpoint }
  : {};
const guardrail = options.guardrailId
  ? { id: options.guardrailId, version: options.guardrailVersion }
  : emulator ? { id: emulator.guardrailId, version: 'DRAFT' } : undefined;
const logs = [];
// The emulator takes only its own test keys (from the environment): a named profile would sign with real ones.
const profile = emulator ? undefined : options.profile;
// As ServiceHost builds it in the extension, minus VS Code: settings become this config, the secret store is empty
// (the script never reads or stores secrets), and credentials come from the SDK's default chain or a named profile.
const service = new BedrockService({
  config: () => ({ region, endpoints, endpointFamily: 'auto', credentials: profile ? { kind: 'profile', profile } : { kind: 'default-chain' } }),
  secrets: { get: async () => undefined },
  env: process.env,
  log: m => logs.push(m),
});

try {
  await resolveCredentials();
} catch (e) {
  await emulator?.close();
  // One line, and not an error: a maintainer without an AWS account runs `npm run smoke:aws` and learns what it needs.
  say(`no usable AWS credentials (${firstLine(e)}); nothing was sent. Configure the default chain (AWS_PROFILE, aws configure, aws sso login, AWS_BEARER_TOKEN_BEDROCK) or run \`npm run smoke:aws -- --emulator\`.`);
  process.exit(0);
}

const checks = smokeMatrix({ labels: API_STYLE_LABELS, guardrail, countModel: options.countModel });
const guardrailBound = checks.find(c => c.kind === 'guardrail')?.costBound;
const awsDir = path.join(os.homedir(), '.aws');
const sharedFilesExist = ['config', 'credentials'].some(f => fs.existsSync(path.join(awsDir, f)));
const source = backendStatus({ region, profile: profile ?? '', endpoints, env: process.env, sharedFilesExist }).credentials;
say(emulator
  ? `local Bedrock emulator (nothing reaches AWS, nothing is billed): runtime ${emulator.runtimeEndpoint}, mantle ${emulator.mantleEndpoint}`
  // 'none' here means the chain found what the quick look cannot see, such as an instance role
  : `AWS ${region} · ${source.kind === 'none' ? 'credentials from the default chain' : describeCredentials(source)}`);
if (!guardrail) say('no guardrail check: name one with --guardrail ID [--guardrail-version V] or BEDROCK_GUARDRAIL_ID');

const estimate = estimateCost(checks, { pricing, estimateTokens, region });
const where = estimate.priceRegion === region ? region : `${estimate.priceRegion} prices: ${region} is not in the table`;
const unpriced = estimate.unpriced.length ? `; no price for ${estimate.unpriced.join(', ')}` : '';
const bound = guardrailBound ? `; the guardrail check is counted at its bound, ${pricing.formatCost(guardrailBound)}` : '';
console.log(`Estimated cost: at most ${pricing.formatCost(estimate.total, estimate.currency)} for ${checks.length} requests (price table of ${estimate.tableDate}, ${where}${bound}${unpriced})${emulator ? '; the emulator bills nothing' : ''}`);
if (estimate.total >= CEILING_USD) {
  await emulator?.close();
  say(`refusing: the estimate is not under ${pricing.formatCost(CEILING_USD)}, so the matrix or the price table has changed; nothing was sent.`);
  process.exit(1);
}
if (!(await confirmed())) {
  await emulator?.close();
  process.exit(1);
}

// Loading the catalogue (free) is what lets the service send a profile-only model through the region's inference
// profile, exactly as the extension does; a listing problem is reported, and the checks go on.
const catalogue = await service.catalogue();
for (const problem of catalogue.problems) say(`catalogue: ${problem}`);

const rows = [];
for (const check of checks) rows.push(await runCheck(check, { service, pricing, region }));
console.log('');
console.log(formatTable(rows, pricing.formatCost));
console.log('');
const spent = rows.reduce((sum, r) => sum + (r.cost ?? 0), 0);
const failed = rows.filter(r => r.status !== 'ok');
if (failed.length) console.log(`Failed:\n${formatFailures(rows)}\n`);
say(`${rows.length - failed.length} of ${rows.length} checks ok; cost ${pricing.formatCost(spent, estimate.currency)} by the price table${guardrailBound ? ` plus at most ${pricing.formatCost(guardrailBound)} for the guardrail check` : ''}.`);
if (emulator) {
  // What reached the emulator, so the run shows each check was a request and not an answer made up on this side.
  const heard = emulator.requests.map(r => `${r.family} ${r.route} (${r.auth}${r.status ? ` ${r.status}` : ''})`);
  say(`the emulator received ${heard.length} requests: ${heard.join(', ')}`);
}
if ((failed.length || options.verbose) && logs.length) {
  // The service's own diagnostic log (it is never given secrets): which id was sent, why a request failed.
  say('service log:');
  for (const l of logs) console.log(`  ${l}`);
}
await emulator?.close();
process.exit(failed.length ? 1 : 0);

function readOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        yes: { type: 'boolean', short: 'y' }, emulator: { type: 'boolean' }, verbose: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
        region: { type: 'string' }, profile: { type: 'string' }, 'count-model': { type: 'string' }, guardrail: { type: 'string' }, 'guardrail-version': { type: 'string' },
      },
    }).values;
  } catch (e) {
    say(`${firstLine(e)} (see --help)`);
    process.exit(2);
  }
  if (parsed.help) {
    // the comment this file opens with
    const lines = fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n');
    console.log(lines.slice(0, lines.findIndex(l => !l.startsWith('//'))).map(l => l.slice(3)).join('\n'));
    process.exit(0);
  }
  const region = parsed.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  // The region goes into host names that receive credentials: only a region-shaped value may get there.
  if (!/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/.test(region)) {
    say(`"${region}" is not an AWS region (such as us-east-1); nothing was sent.`);
    process.exit(2);
  }
  return {
    yes: parsed.yes === true,
    verbose: parsed.verbose === true,
    emulator: parsed.emulator === true || process.env.BEDROCK_SMOKE_EMULATOR === '1',
    region,
    profile: parsed.profile,
    countModel: parsed['count-model'],
    guardrailId: parsed.guardrail ?? process.env.BEDROCK_GUARDRAIL_ID,
    guardrailVersion: parsed['guardrail-version'] ?? process.env.BEDROCK_GUARDRAIL_VERSION ?? 'DRAFT',
  };
}

/** Compiles out/ (tsc) when a source the script loads is newer than its output, as scripts/bench.mjs does. */
function buildIfNeeded() {
  const newest = dir => fs.readdirSync(path.join(root, dir), { recursive: true }).map(String)
    .filter(f => f.endsWith('.ts') || f.endsWith('.json')).reduce((m, f) => Math.max(m, fs.statSync(path.join(root, dir, f)).mtimeMs), 0);
  const mtime = f => (fs.existsSync(path.join(root, f)) ? fs.statSync(path.join(root, f)).mtimeMs : 0);
  const built = Math.min(mtime('out/src/service/bedrockService.js'), mtime('out/emulator/index.js'));
  if (Math.max(newest('src/service'), newest('emulator')) <= built) return;
  console.error('smoke:aws: compiling out/ (tsc)');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error('smoke:aws: compiling out/ failed (the errors are above)');
    process.exit(1);
  }
}

async function startEmulator(emulatorRegion) {
  const { startEmulator: start } = require(path.join(root, 'out/emulator/index.js'));
  const { GUARDRAIL_ID } = require(path.join(root, 'out/emulator/guardrails.js'));
  // Mantle's real routing: Claude only on Messages, the others only on the OpenAI routes.
  const emu = await start({ region: emulatorRegion, strictRoutes: true });
  // The emulator's test key pair (not a secret) reaches the service the way AWS credentials do: through the
  // environment and the default chain. Anything that would outrank it in the chain is set aside for this run.
  for (const k of ['AWS_BEARER_TOKEN_BEDROCK', 'AWS_PROFILE', 'AWS_SESSION_TOKEN']) delete process.env[k];
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: emu.accessKeyId, AWS_SECRET_ACCESS_KEY: emu.secretAccessKey, AWS_REGION: emu.region });
  return Object.assign(emu, { guardrailId: GUARDRAIL_ID });
}

/** Resolves credentials the way the first request would, so a missing chain is found before anything is sent. */
async function resolveCredentials() {
  const auth = await service.currentAuth();
  if (auth.kind === 'sigv4') await auth.credentials();
  else await auth.token();
}

async function confirmed() {
  if (options.yes) return true;
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    say('refusing: no terminal to ask "go on?" and no --yes; nothing was sent. Rerun with --yes to go on.');
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question('Go on? [y/N] ');
  rl.close();
  if (/^y(es)?$/i.test(answer.trim())) return true;
  say('not sent.');
  return false;
}

function firstLine(e) {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
