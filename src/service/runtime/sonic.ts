import { randomUUID } from 'node:crypto';
import type { InvokeModelWithBidirectionalStreamInput } from '@aws-sdk/client-bedrock-runtime';
import { sdks } from '../sdks';
import { sdkLogger } from '../sdkLog';
import { asRequestError, refuse, type RuntimeContext } from './context';
import { SonicOutputReader, sonicInput, type SonicInputEvent, type SonicSessionConfig, type SpeakEvent } from './sonicEvents';

export type { SpeakEvent } from './sonicEvents';

export const NOVA_SONIC_MODEL = 'amazon.nova-sonic-v1:0';

/** What every Sonic stream is opened with: the model, its voice and system prompt, inference and output settings. */
export interface SonicModelOptions {
  modelId?: string;
  system?: string;
  voiceId?: string;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  /** Output rate of the returned LPCM (default 24000). */
  outputSampleRate?: number;
}

export interface SpeakOptions extends SonicModelOptions {
  /** What the user says: 16 kHz 16-bit mono LPCM (see `toSonicInput`), or text. */
  input: { audio: Uint8Array } | { text: string };
  /** Silence appended after the audio so the model's end-of-speech detection fires (default 1000 ms). */
  trailingSilenceMs?: number;
  /** Send audio at speaking speed (32 ms per 32 ms chunk) instead of as fast as possible. */
  realtime?: boolean;
}

/** 32 ms of 16 kHz 16-bit mono, the frame size the Nova Sonic samples stream. */
const AUDIO_CHUNK_BYTES = 1024;

/**
 * One spoken turn with Nova Sonic over InvokeModelWithBidirectionalStream (HTTP/2): opens the session, sends the
 * system prompt and the user's audio (or text), yields transcript, audio and usage as they arrive, and closes the
 * session (promptEnd, sessionEnd) only after the model's completionEnd — closing earlier stops the answer.
 * SigV4 only: Bedrock does not accept API keys on this operation, so a bearer auth is refused before connecting.
 * Aborting the context's signal (or leaving the loop) tears the stream down.
 */
export async function* speak(ctx: RuntimeContext, opts: SpeakOptions): AsyncGenerator<SpeakEvent> {
  const modelId = opts.modelId ?? NOVA_SONIC_MODEL;
  if (ctx.auth.kind !== 'sigv4') {
    throw refuse('no-credentials', 'Nova Sonic needs AWS credentials: Bedrock API keys are not accepted for the bidirectional stream. Sign in with a profile or access keys.', { kind: 'sign-in' });
  }
  const config: SonicSessionConfig = {
    promptName: randomUUID(),
    maxTokens: opts.maxTokens ?? 1024, topP: opts.topP ?? 0.9, temperature: opts.temperature ?? 0.7,
    voiceId: opts.voiceId ?? 'matthew', outputSampleRate: opts.outputSampleRate ?? 24000,
  };
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  if (ctx.signal?.aborted) stop.abort();
  let turnDone: () => void = () => undefined;
  const answered = new Promise<void>(resolve => { turnDone = resolve; });
  stop.signal.addEventListener('abort', () => turnDone(), { once: true });

  const sdk = sdks.bedrockRuntime();
  // Its own client: a streamed request body cannot be replayed, so no retries; and it is closed with the session.
  const client = new sdk.BedrockRuntimeClient({ region: ctx.region, endpoint: ctx.endpoint, credentials: ctx.auth.credentials, authSchemePreference: ['sigv4'], maxAttempts: 1, logger: sdkLogger });
  let finished = false;
  try {
    const out = await client.send(new sdk.InvokeModelWithBidirectionalStreamCommand({ modelId, body: wrap(inputEvents(opts, config, answered, stop.signal)) }), { abortSignal: stop.signal });
    const reader = new SonicOutputReader(config.outputSampleRate);
    for await (const part of out.body ?? []) {
      if (!part.chunk) throw exceptionOf(part);
      const bytes = part.chunk.bytes;
      if (!bytes?.length) continue;
      for (const e of reader.push(JSON.parse(new TextDecoder().decode(bytes)))) {
        // Events already buffered when the caller aborted are not delivered.
        if (stop.signal.aborted) throw Object.assign(new Error('The request was aborted'), { name: 'AbortError' });
        yield e;
        if (e.type === 'end') turnDone();
      }
    }
    // An aborted event stream may simply stop; the caller must not take that for a finished turn.
    if (stop.signal.aborted) throw Object.assign(new Error('The request was aborted'), { name: 'AbortError' });
    finished = true;
  } catch (e) {
    throw asRequestError(e, ctx, modelId);
  } finally {
    // Left early (break, abort, error): stop sending and close the HTTP/2 stream rather than end the session politely.
    if (!finished) stop.abort();
    turnDone();
    ctx.signal?.removeEventListener('abort', onAbort);
    client.destroy();
  }
}

/** The client → model events: session and prompt setup, system text, the user's turn, then (after the answer) the close. */
async function* inputEvents(opts: SpeakOptions, c: SonicSessionConfig, answered: Promise<void>, signal: AbortSignal): AsyncGenerator<SonicInputEvent> {
  const p = c.promptName;
  yield sonicInput.sessionStart(c);
  yield sonicInput.promptStart(c);
  if (opts.system) {
    const name = randomUUID();
    yield sonicInput.textStart(p, name, 'SYSTEM', false);
    yield sonicInput.textInput(p, name, opts.system);
    yield sonicInput.contentEnd(p, name);
  }
  const name = randomUUID();
  if ('text' in opts.input) {
    yield sonicInput.textStart(p, name, 'USER', true);
    yield sonicInput.textInput(p, name, opts.input.text);
  } else {
    yield sonicInput.audioStart(p, name);
    const silence = new Uint8Array(Math.round((opts.trailingSilenceMs ?? 1000) * 32) & ~1);
    for (const pcm of [opts.input.audio, silence]) {
      for (let at = 0; at < pcm.length; at += AUDIO_CHUNK_BYTES) {
        if (signal.aborted) return;
        yield sonicInput.audioInput(p, name, pcm.subarray(at, at + AUDIO_CHUNK_BYTES));
        if (opts.realtime) await new Promise(r => setTimeout(r, 32));
      }
    }
  }
  yield sonicInput.contentEnd(p, name);
  await answered;
  if (signal.aborted) return;
  yield sonicInput.promptEnd(p);
  yield sonicInput.sessionEnd();
}

/** Sonic input events as the SDK sends them: one JSON chunk each (also used by SonicSession). */
export async function* wrap(events: AsyncIterable<SonicInputEvent>): AsyncGenerator<InvokeModelWithBidirectionalStreamInput> {
  const encoder = new TextEncoder();
  for await (const e of events) yield { chunk: { bytes: encoder.encode(JSON.stringify(e)) } };
}

export function exceptionOf(part: object): Error {
  const [name, value] = Object.entries(part).find(([, v]) => v !== undefined) ?? ['unknown', {}];
  return Object.assign(new Error((value as { message?: string }).message ?? 'the speech stream reported an error'), { name: name.charAt(0).toUpperCase() + name.slice(1) });
}

export interface SpeechResult {
  /** What the model heard the user say. */
  userTranscript: string;
  /** The assistant's final words (speculative previews left out). */
  transcript: string;
  /** All returned audio, 16-bit mono LPCM at `sampleRate`. */
  audio: Uint8Array;
  sampleRate: number;
  usage?: { inputTokens: number; outputTokens: number };
}

/** Gathers a speak() session into one result (commands that only need the end product). */
export async function collectSpeech(events: AsyncIterable<SpeakEvent>): Promise<SpeechResult> {
  const user: string[] = [];
  const said: string[] = [];
  const audio: Uint8Array[] = [];
  let sampleRate = 24000;
  let usage: SpeechResult['usage'];
  for await (const e of events) {
    if (e.type === 'transcript' && e.final) (e.role === 'user' ? user : said).push(e.text);
    else if (e.type === 'audio') { audio.push(e.pcm); sampleRate = e.sampleRate; }
    else if (e.type === 'usage') usage = { inputTokens: e.inputTokens, outputTokens: e.outputTokens };
  }
  return { userTranscript: user.join(' '), transcript: said.join(' '), audio: Buffer.concat(audio), sampleRate, ...(usage ? { usage } : {}) };
}
