import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startEmulator } from '../../../emulator';
import { BedrockService } from '../../../src/service/bedrockService';
import type { ApiStyle, EndpointFamily, StreamEvent } from '../../../src/service/model';
import type { DebugLog } from '../../../src/service/sdkLog';
import { emulatorSecrets, emulatorServiceConfig } from './emulatorRouter';

/**
 * A corrupt stream frame makes the SDKs complain, and the frame holds the model's text. None of it may reach the
 * console or the log at info level: only the extension's own log at debug level.
 */

// every streamed token is this word, so the corrupt frame carries it; the prompt's own word is request data
const MODEL_TEXT = 'quokka';
const PROMPT_TEXT = 'wombat';

interface Wire { style: ApiStyle; family: EndpointFamily; model: string; sse: boolean }
const WIRES: Wire[] = [
  { style: 'converse-stream', family: 'runtime', model: 'us.amazon.nova-lite-v1:0', sse: false },
  { style: 'invoke-model-stream', family: 'runtime', model: 'meta.llama3-1-8b-instruct-v1:0', sse: false },
  { style: 'chat-completions', family: 'mantle', model: 'openai.gpt-oss-120b', sse: true },
  { style: 'responses', family: 'mantle', model: 'openai.gpt-oss-120b', sse: true },
  { style: 'messages', family: 'mantle', model: 'anthropic.claude-sonnet-4-5', sse: true },
  { style: 'chat-completions', family: 'runtime', model: 'openai.gpt-oss-120b-1:0', sse: true },
  { style: 'responses', family: 'runtime', model: 'openai.gpt-oss-120b-1:0', sse: true },
  { style: 'messages', family: 'runtime', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', sse: false },
];

/**
 * What reaches the console while `capturingConsole` runs: every console method, and stderr for anything that writes
 * there directly (stdout carries node:test's own report, so it is left alone). Installed once, before any SDK is
 * loaded, because the SDKs keep bound copies of the console's methods; each call is still passed on.
 */
let printed: string[] | undefined;
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
for (const m of CONSOLE_METHODS) {
  const original = console[m].bind(console);
  console[m] = (...args: unknown[]) => { printed?.push(args.map(String).join(' ')); original(...args); };
}
const stderrWrite = process.stderr.write.bind(process.stderr);
process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  printed?.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
  return (stderrWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stderr.write;

async function capturingConsole<T>(run: () => Promise<T>): Promise<{ result: T; printed: string }> {
  const mine: string[] = [];
  printed = mine;
  try {
    return { result: await run(), printed: mine.join('') };
  } finally {
    printed = undefined;
  }
}

async function corruptFrame(wire: Wire, debug: DebugLog | undefined) {
  const emu = await startEmulator({ replies: [Array.from({ length: 40 }, () => MODEL_TEXT).join(' ')] });
  emu.scriptFaults(['bad-crc:6']);
  const config = emulatorServiceConfig(emu);
  const secrets = emulatorSecrets(emu);
  const info: string[] = [];
  const service = new BedrockService({ config: () => config, secrets: { get: async k => secrets.get(k) }, env: {}, log: m => info.push(m), debug });
  try {
    const request = { model: wire.model, apiStyle: wire.style, family: wire.family, messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: `Tell me about the ${PROMPT_TEXT}` }] }] };
    const { result: events, printed } = await capturingConsole(async () => {
      const out: StreamEvent[] = [];
      for await (const e of service.stream(request, new AbortController().signal)) out.push(e);
      return out;
    });
    return { events, printed, info };
  } finally {
    await emu.close();
  }
}

for (const wire of WIRES) {
  test(`${wire.style} on ${wire.family}: a corrupt frame reaches only the debug log`, async () => {
    const debug: string[] = [];
    const { events, printed, info } = await corruptFrame(wire, line => debug.push(line()));
    const last = events.at(-1);
    assert.equal(last?.type === 'error' && last.error.kind, 'stream-error', JSON.stringify(last));
    assert.ok(events.some(e => e.type === 'text' && e.text.includes(MODEL_TEXT)), 'the text before the frame arrived');
    assert.equal(printed, '', 'nothing is printed to the console');
    for (const line of info) {
      assert.doesNotMatch(line, new RegExp(`${MODEL_TEXT}|${PROMPT_TEXT}`), `the info log quotes model or request text: ${line}`);
    }
    // the SSE parsers' complaint is kept for debugging, at debug level only
    if (wire.sse) assert.ok(debug.some(l => l.startsWith('[sdk error] Could not parse message')), debug.join('\n'));
  });
}

test('without a debug log the SDKs\' complaints are dropped, not printed', async () => {
  const { printed } = await corruptFrame(WIRES.find(w => w.style === 'messages')!, undefined);
  assert.equal(printed, '');
});
