// `npm run smoke:aws` run against the emulator, so the script that proves the extension on real AWS stays working:
// each check is a real request through BedrockService, so a row only says ok when the emulator answered it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const SCRIPT = path.join(__dirname, '..', '..', '..', '..', 'scripts', 'smoke-aws.mjs');

/** Every check the matrix makes, as the table names it: each API style on each family that serves it, plus extras. */
const EXPECTED_ROWS: Array<[style: string, family: string]> = [
  ['ConverseStream', 'runtime'], ['Converse', 'runtime'], ['InvokeModel stream', 'runtime'], ['InvokeModel', 'runtime'],
  ['OpenAI Responses', 'runtime'], ['OpenAI Chat Completions', 'runtime'], ['Anthropic Messages', 'runtime'],
  ['OpenAI Responses', 'mantle'], ['OpenAI Chat Completions', 'mantle'], ['Anthropic Messages', 'mantle'],
  ['ConverseStream + tool', 'runtime'], ['CountTokens', 'runtime'], ['ApplyGuardrail', 'runtime'],
];

/** The emulator's route for each row, in order: what reached it, signed with the keys the default chain found. */
const EXPECTED_REQUESTS = [
  'runtime converse-stream', 'runtime converse', 'runtime invoke-with-response-stream', 'runtime invoke',
  'runtime responses.create', 'runtime chat.completions', 'runtime invoke-with-response-stream',
  'mantle responses.create', 'mantle chat.completions', 'mantle messages',
  'runtime converse-stream', 'runtime count-tokens', 'runtime apply-guardrail',
].map(r => `${r} (sigv4 200)`);

interface Run { code: number | null; stdout: string; stderr: string }

async function runScript(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn(process.execPath, [SCRIPT, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const [code] = await once(child, 'exit') as [number | null];
  return { code, stdout, stderr };
}

/** The developer's environment without any AWS setting, so no real credential or region reaches the run. */
function envWithoutAws(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
}

/** The table's columns are padded with two or more spaces; a style may contain single spaces. */
function tableRows(stdout: string): string[][] {
  const lines = stdout.split('\n');
  const header = lines.findIndex(l => /^style\s{2,}family\s{2,}model\s{2,}status/.test(l));
  assert.ok(header >= 0, `no result table in:\n${stdout}`);
  const body: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.trim()) break;
    body.push(line.split(/\s{2,}/));
  }
  return body;
}

test('--emulator runs the whole matrix through the service: every row ok, with tokens, after the cost estimate', { timeout: 120_000 }, async () => {
  const run = await runScript(['--emulator', '--yes'], envWithoutAws());
  assert.equal(run.code, 0, `exit ${run.code}\n${run.stdout}\n${run.stderr}`);
  const estimate = /^Estimated cost: at most \$(\d+\.\d+) for (\d+) requests/m.exec(run.stdout);
  assert.ok(estimate, `no estimate line in:\n${run.stdout}`);
  assert.ok(Number(estimate[1]) < 0.01, `the estimate ${estimate[1]} is not under one cent`);
  assert.equal(Number(estimate[2]), EXPECTED_ROWS.length);
  assert.ok(run.stdout.indexOf('Estimated cost') < run.stdout.search(/^style\s/m), 'the estimate comes before any request');
  const rows = tableRows(run.stdout);
  assert.deepEqual(rows.map(r => [r[0], r[1]]), EXPECTED_ROWS);
  for (const [style, family, model, status, ttft, tokens, cost] of rows) {
    const what = `${style} on ${family} (${model})`;
    assert.equal(status, 'ok', `${what}: ${status}\n${run.stdout}`);
    assert.match(ttft, /^\d+ ms$/, `${what} has a time to first token`);
    if (style !== 'ApplyGuardrail') assert.match(tokens, /^[1-9]\d*\/\d+$/, `${what} reports the tokens the emulator counted`);
    assert.match(cost, /\$\d/, `${what} is priced`);
  }
  assert.match(run.stdout, new RegExp(`${EXPECTED_ROWS.length} of ${EXPECTED_ROWS.length} checks ok`));
  const received = /the emulator received \d+ requests: (.*)$/m.exec(run.stdout);
  assert.ok(received, `no list of what the emulator received in:\n${run.stdout}`);
  // the model and profile listings come first (the catalogue); then one request per row
  const perRow = received[1].split(', ').filter(r => !/ (list-[a-z-]+|models\.list) /.test(r));
  assert.deepEqual(perRow, EXPECTED_REQUESTS);
});

test('with no credentials anywhere it says so in one line, sends nothing and exits 0', { timeout: 120_000 }, async () => {
  const home = mkdtempSync(path.join(tmpdir(), 'smoke-no-aws-'));
  const run = await runScript([], { HOME: home });
  assert.equal(run.code, 0, `exit ${run.code}\n${run.stdout}\n${run.stderr}`);
  const lines = (run.stdout + run.stderr).split('\n').filter(l => l.trim());
  assert.equal(lines.length, 1, `expected one line, got:\n${lines.join('\n')}`);
  assert.match(lines[0], /no usable AWS credentials .*nothing was sent/);
});

test('without a terminal to ask and without --yes it refuses after the estimate, before any request', { timeout: 120_000 }, async () => {
  const run = await runScript(['--emulator'], envWithoutAws());
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^Estimated cost: at most \$0\.\d+/m);
  assert.match(run.stdout, /refusing: no terminal .* and no --yes; nothing was sent/);
  assert.doesNotMatch(run.stdout, /^style\s/m, 'no request was made');
});
