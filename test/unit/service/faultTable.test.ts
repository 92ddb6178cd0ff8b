import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startEmulator } from '../../../emulator';
import { FAULT_NAMES } from '../../../emulator/faults';
import { languageModelErrorCode, languageModelErrorMessage } from '../../../src/languageModels/errorMapping';
import { BedrockService } from '../../../src/service/bedrockService';
import type { ErrorAction, ErrorKind } from '../../../src/service/errors';
import type { ApiStyle, EndpointFamily, StreamEvent } from '../../../src/service/model';
import { emulatorSecrets, emulatorServiceConfig, textOf } from './emulatorRouter';

/**
 * Every fault the emulator can inject × every streaming API style (and each family that serves it): the same fault
 * must reach the user as the same kind, sentence and next step, whichever SDK and wire format carried it.
 */

interface Wire { style: ApiStyle; family: EndpointFamily; model: string }
const WIRES: Wire[] = [
  { style: 'converse-stream', family: 'runtime', model: 'us.amazon.nova-lite-v1:0' },
  { style: 'invoke-model-stream', family: 'runtime', model: 'meta.llama3-1-8b-instruct-v1:0' },
  { style: 'chat-completions', family: 'mantle', model: 'openai.gpt-oss-120b' },
  { style: 'responses', family: 'mantle', model: 'openai.gpt-oss-120b' },
  { style: 'messages', family: 'mantle', model: 'anthropic.claude-sonnet-4-5' },
  // the OpenAI and Anthropic styles on bedrock-runtime: the same SDKs over other transports (Messages in event-stream frames)
  { style: 'chat-completions', family: 'runtime', model: 'openai.gpt-oss-120b-1:0' },
  { style: 'responses', family: 'runtime', model: 'openai.gpt-oss-120b-1:0' },
  { style: 'messages', family: 'runtime', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' },
];

/** What the user gets: the error's kind, retry flag, sentence (model id as `<model>`), button, and what vscode.lm callers see. */
interface Outcome {
  /** An ErrorKind, or 'reply' when the request ends in a normal stop. */
  kind: string;
  retryable?: boolean;
  message?: string;
  action?: ErrorAction['kind'];
  languageModelError?: string;
}

const RETRY = 'retry' as const;
const BROKE_OFF: Outcome = { kind: 'stream-error', retryable: true, message: 'The model stream broke off before the reply was complete.', action: RETRY };
const REPLY: Outcome = { kind: 'reply' };

/** fault spec → the one outcome every wire must give; `partial`: text streamed before the fault is kept. */
const TABLE: Array<{ fault: string; outcome: Outcome; partial?: boolean }> = [
  { fault: 'throttling', outcome: { kind: 'throttled', retryable: true, message: 'Bedrock is throttling requests to <model>; try again in a moment.', action: RETRY } },
  { fault: 'server-error', outcome: { kind: 'server', retryable: true, message: 'Bedrock had an internal error.', action: RETRY } },
  { fault: 'server-error:503', outcome: { kind: 'unavailable', retryable: true, message: 'Bedrock is unavailable right now; try again shortly.', action: RETRY } },
  { fault: 'model-not-ready', outcome: { kind: 'model-not-ready', retryable: true, message: 'The model <model> is not ready yet; try again shortly.', action: RETRY } },
  { fault: 'expired-token', outcome: { kind: 'expired-credentials', retryable: false, message: 'Your AWS credentials have expired.', action: 'sign-in' } },
  // paced like a real stream: undici drops body chunks not yet read when the socket dies
  { fault: 'stream-cut:6,tokens-per-second:400', outcome: BROKE_OFF, partial: true },
  { fault: 'bad-crc:6', outcome: BROKE_OFF, partial: true },
  { fault: 'model-stream-error:6', outcome: BROKE_OFF, partial: true },
  { fault: 'slow-first-byte:30', outcome: REPLY },
  { fault: 'tokens-per-second:2000', outcome: REPLY },
  { fault: 'long:40', outcome: REPLY },
  // bidirectional-stream faults (Nova Sonic): chat streams ignore them
  { fault: 'realtime-audio', outcome: REPLY },
  { fault: 'session-limit:5', outcome: REPLY },
];

for (const row of TABLE) {
  if (row.outcome.kind !== 'reply') {
    const lm = { kind: row.outcome.kind as ErrorKind, message: row.outcome.message!, detail: '', retryable: row.outcome.retryable!, action: { kind: row.outcome.action } as ErrorAction };
    row.outcome.languageModelError = `${languageModelErrorCode(lm) ?? 'LanguageModelError'}: ${languageModelErrorMessage(lm)}`;
  }
}

async function outcomeOn(wire: Wire, fault: string): Promise<{ outcome: Outcome; text: string }> {
  const emu = await startEmulator();
  // enough entries for every SDK retry of a status fault, so the fault is what the caller finally sees
  emu.scriptFaults([fault, fault, fault, fault]);
  const config = emulatorServiceConfig(emu);
  const secrets = emulatorSecrets(emu);
  const service = new BedrockService({ config: () => config, secrets: { get: async k => secrets.get(k) }, env: {}, log: () => undefined });
  try {
    const events: StreamEvent[] = [];
    const request = { model: wire.model, apiStyle: wire.style, family: wire.family, messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Tell me a long story about streams' }] }] };
    for await (const e of service.stream(request, new AbortController().signal)) events.push(e);
    const last = events.at(-1);
    if (last?.type !== 'error') return { outcome: { kind: last?.type === 'stop' ? 'reply' : `no stop: ${JSON.stringify(last)}` }, text: textOf(events) };
    const e = last.error;
    const message = e.message.split(wire.model).join('<model>');
    const withModelHidden = { ...e, message };
    return {
      outcome: {
        kind: e.kind, retryable: e.retryable, message, action: e.action?.kind,
        languageModelError: `${languageModelErrorCode(withModelHidden) ?? 'LanguageModelError'}: ${languageModelErrorMessage(withModelHidden)}`,
      },
      text: textOf(events),
    };
  } finally {
    await emu.close();
  }
}

const wireName = (w: Wire): string => `${w.style} on ${w.family}`;

test('the table covers every fault the emulator can inject', () => {
  const covered = new Set(TABLE.flatMap(r => r.fault.split(',').map(f => f.split(':')[0])));
  assert.deepEqual(FAULT_NAMES.filter(f => !covered.has(f)), []);
});

describe('one fault, one outcome on every streaming style', { concurrency: true }, () => {
  for (const { fault, outcome, partial } of TABLE) {
    test(`${fault} → ${outcome.kind}`, async () => {
      const results = await Promise.all(WIRES.map(w => outcomeOn(w, fault)));
      // compared as one table, so a failure shows every style's outcome side by side
      const seen = Object.fromEntries(WIRES.map((w, i) => [wireName(w), results[i].outcome]));
      const expected = Object.fromEntries(WIRES.map(w => [wireName(w), outcome]));
      assert.deepEqual(seen, expected);
      if (partial) {
        const lost = WIRES.filter((_, i) => results[i].text.length === 0).map(wireName);
        assert.deepEqual(lost, [], 'text streamed before the fault is kept');
      }
    });
  }
});
