import { randomUUID } from 'node:crypto';
import { sdks } from '../sdks';
import { sdkLogger } from '../sdkLog';
import { asRequestError, refuse, type RuntimeContext } from './context';
import { InputQueue } from './inputQueue';
import { exceptionOf, NOVA_SONIC_MODEL, wrap, type SonicModelOptions } from './sonic';
import { SonicOutputReader, sonicInput, type SonicInputEvent, type SonicSessionConfig, type SonicToolSpec, type SpeakEvent } from './sonicEvents';

export const NOVA_2_SONIC_MODEL = 'amazon.nova-2-sonic-v1:0';

/** Bedrock ends a Sonic stream after about 8 minutes with a ModelTimeoutException; the session then reconnects. */
export const SONIC_SESSION_LIMIT_NOTE = 'Nova Sonic streams last up to about 8 minutes';

/** One remembered turn, sent back as history when the session reconnects. */
export interface SonicHistoryTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface SonicSessionOptions extends SonicModelOptions {
  tools?: SonicToolSpec[];
  /** The conversation so far (e.g. a restored session): sent once, after the system prompt. */
  history?: SonicHistoryTurn[];
  /**
   * Renew the stream at the first quiet moment (a finished answer) after this long, before Bedrock's limit cuts it
   * mid-answer (default 7 minutes; the limit is about 8). The new stream carries the conversation as history.
   */
  renewAfterMs?: number;
}

const DEFAULT_RENEW_AFTER_MS = 7 * 60_000;

/** What a session yields: the model's events, plus when a (re)connection starts. */
export type SonicSessionEvent =
  | SpeakEvent
  /** A stream is open; `resumed` when it replaces one the session limit ended, with `historyTurns` sent back. */
  | { type: 'connected'; resumed: boolean; historyTurns: number }
  /** The service ended the stream at its session time limit; a new one follows with the conversation so far. */
  | { type: 'reconnecting'; reason: string };

type Input =
  | { kind: 'audio'; pcm: Uint8Array }
  | { kind: 'text'; text: string }
  | { kind: 'toolResult'; toolUseId: string; content: string }
  | { kind: 'end' };

/** 32 ms of 16 kHz 16-bit mono, the frame size Sonic expects. */
const AUDIO_CHUNK_BYTES = 1024;
/** Bedrock's limits on history: one textInput at most 1 KB, all of it at most 40 KB. */
const TEXT_INPUT_MAX_BYTES = 1000;
const HISTORY_MAX_BYTES = 40_000;
/** A stream that ends at the limit this soon without a finished turn is failing, not expiring: no reconnect loop. */
const MIN_LIFETIME_FOR_RECONNECT_MS = 60_000;

/**
 * A spoken conversation with Nova Sonic (or Nova 2 Sonic) over one InvokeModelWithBidirectionalStream: microphone
 * audio streams in continuously in one open AUDIO content block (Sonic finds the turns itself), typed turns and tool
 * results go in as their own content blocks on the same stream, and the model's transcripts, audio, tool calls and
 * barge-in signals come out as they arrive. When the service's session time limit ends the stream, the session opens
 * a new one with the conversation so far as history and says so (`reconnecting`, then `connected` with `resumed`).
 * SigV4 only: Bedrock does not accept API keys on this operation.
 */
export class SonicSession {
  private queue: InputQueue<Input> | undefined;
  /** Input given while no stream is open (before the first, during a reconnect): sent when the next one opens. */
  private pending: Input[] = [];
  private readonly stop = new AbortController();
  private ending = false;
  private carry = new Uint8Array(0);
  private readonly turns: SonicHistoryTurn[];
  readonly modelId: string;

  /** `context` is asked for a fresh RuntimeContext per connection (credentials may have been refreshed). */
  constructor(private readonly context: () => Promise<RuntimeContext>, private readonly opts: SonicSessionOptions = {}) {
    this.modelId = opts.modelId ?? NOVA_SONIC_MODEL;
    this.turns = [...(opts.history ?? [])];
  }

  /** The conversation so far: final transcripts of both sides, consecutive pieces of one speaker joined. */
  get history(): readonly SonicHistoryTurn[] { return this.turns; }

  /** Microphone audio, 16 kHz 16-bit mono LPCM, any length: sent in 32 ms frames. */
  sendAudio(pcm: Uint8Array): void {
    if (this.ending) return;
    const all = new Uint8Array(this.carry.length + pcm.length);
    all.set(this.carry);
    all.set(pcm, this.carry.length);
    let at = 0;
    for (; at + AUDIO_CHUNK_BYTES <= all.length; at += AUDIO_CHUNK_BYTES) this.input({ kind: 'audio', pcm: all.slice(at, at + AUDIO_CHUNK_BYTES) });
    this.carry = all.slice(at);
  }

  /** A typed user turn (Nova 2 Sonic answers typed turns in the same conversation). */
  sendText(text: string): void {
    if (!this.ending && text.trim()) this.input({ kind: 'text', text });
  }

  /** The result of a tool the model asked for (`toolUse`), as text (usually JSON). */
  sendToolResult(toolUseId: string, content: string): void {
    if (!this.ending) this.input({ kind: 'toolResult', toolUseId, content });
  }

  /** Ends politely: the open audio block, the prompt and the session are closed; events finish after the model's. */
  end(): void {
    this.ending = true;
    this.input({ kind: 'end' });
  }

  private input(item: Input): void {
    if (this.queue && !this.queue.closed) this.queue.push(item);
    else this.pending.push(item);
  }

  /** Tears the stream down at once. */
  abort(): void {
    this.ending = true;
    this.stop.abort();
  }

  /** Runs the session: connects, yields the model's events, reconnects at the session limit; ends with the session. */
  async *events(): AsyncGenerator<SonicSessionEvent> {
    let resumed = false;
    let ctx: RuntimeContext | undefined;
    while (!this.stop.signal.aborted) {
      ctx = await this.context();
      if (ctx.auth.kind !== 'sigv4') {
        throw refuse('no-credentials', 'Nova Sonic needs AWS credentials: Bedrock API keys are not accepted for the bidirectional stream. Sign in with a profile or access keys.', { kind: 'sign-in' });
      }
      const queue = new InputQueue<Input>(this.stop.signal);
      this.queue = queue;
      for (const item of this.pending.splice(0)) queue.push(item);
      const history = trimHistory(this.turns);
      const opened = Date.now();
      let finishedTurns = 0;
      yield { type: 'connected', resumed, historyTurns: history.length };
      try {
        let renewing = false;
        for await (const e of this.connection(ctx, queue, history)) {
          if (e.type === 'transcript' && e.final) this.remember(e.role, e.text);
          if (e.type === 'end') finishedTurns++;
          yield e;
          if (e.type === 'end' && !this.ending && !renewing && Date.now() - opened >= (this.opts.renewAfterMs ?? DEFAULT_RENEW_AFTER_MS)) {
            // a quiet moment close to the limit: close this stream politely; input from now on waits for the next
            renewing = true;
            queue.push({ kind: 'end' });
            this.queue = undefined;
          }
        }
        if (!renewing) return;
        ctx.log?.(`bedrock-runtime ${this.modelId}: renewing the stream after ${Math.round((Date.now() - opened) / 1000)} s, before the session limit, with ${this.turns.length} turns of history`);
        yield { type: 'reconnecting', reason: `${SONIC_SESSION_LIMIT_NOTE}, so the conversation moves to a new stream now, between answers, with what was said so far.` };
        resumed = true;
        continue;
      } catch (e) {
        const err = asRequestError(e, ctx, this.modelId, this.stop.signal);
        const expired = err.info.kind === 'timeout' && !this.ending && (finishedTurns > 0 || Date.now() - opened >= MIN_LIFETIME_FOR_RECONNECT_MS);
        if (!expired) throw err;
        queue.end();
        ctx.log?.(`bedrock-runtime ${this.modelId}: the stream reached its session limit after ${Math.round((Date.now() - opened) / 1000)} s; reconnecting with ${this.turns.length} turns of history`);
        yield { type: 'reconnecting', reason: `${SONIC_SESSION_LIMIT_NOTE}; this one reached its limit, so the conversation continues on a new stream with what was said so far.` };
        resumed = true;
      } finally {
        queue.end();
        if (this.queue === queue) this.queue = undefined;
      }
    }
    if (ctx) throw asRequestError(abortError(), ctx, this.modelId, this.stop.signal);
  }

  private remember(role: SonicHistoryTurn['role'], text: string): void {
    const last = this.turns.at(-1);
    if (last?.role === role) last.text = `${last.text} ${text}`.trim();
    else this.turns.push({ role, text });
  }

  private async *connection(ctx: RuntimeContext, queue: InputQueue<Input>, history: SonicHistoryTurn[]): AsyncGenerator<SpeakEvent> {
    const config: SonicSessionConfig = {
      promptName: randomUUID(),
      maxTokens: this.opts.maxTokens ?? 1024, topP: this.opts.topP ?? 0.9, temperature: this.opts.temperature ?? 0.7,
      voiceId: this.opts.voiceId ?? 'matthew', outputSampleRate: this.opts.outputSampleRate ?? 24000,
      ...(this.opts.tools?.length ? { tools: this.opts.tools } : {}),
    };
    const sdk = sdks.bedrockRuntime();
    // Its own client: a streamed request body cannot be replayed, so no retries; closed with the stream.
    const client = new sdk.BedrockRuntimeClient({ region: ctx.region, endpoint: ctx.endpoint, credentials: ctx.auth.kind === 'sigv4' ? ctx.auth.credentials : undefined, authSchemePreference: ['sigv4'], maxAttempts: 1, logger: sdkLogger });
    const local = new AbortController();
    const onStop = () => local.abort();
    this.stop.signal.addEventListener('abort', onStop, { once: true });
    try {
      const body = wrap(inputEvents(config, this.opts.system, history, queue));
      const out = await client.send(new sdk.InvokeModelWithBidirectionalStreamCommand({ modelId: this.modelId, body }), { abortSignal: local.signal });
      const reader = new SonicOutputReader(config.outputSampleRate);
      const decoder = new TextDecoder();
      for await (const part of out.body ?? []) {
        if (!part.chunk) throw exceptionOf(part);
        const bytes = part.chunk.bytes;
        if (!bytes?.length) continue;
        for (const e of reader.push(JSON.parse(decoder.decode(bytes)))) {
          if (this.stop.signal.aborted) throw abortError();
          yield e;
        }
      }
      if (this.stop.signal.aborted) throw abortError();
    } finally {
      local.abort();
      this.stop.signal.removeEventListener('abort', onStop);
      client.destroy();
    }
  }
}

/** The client → model events of one stream: setup, system prompt, history, the open audio block, then live input. */
async function* inputEvents(c: SonicSessionConfig, system: string | undefined, history: SonicHistoryTurn[], queue: InputQueue<Input>): AsyncGenerator<SonicInputEvent> {
  const p = c.promptName;
  yield sonicInput.sessionStart(c);
  yield sonicInput.promptStart(c);
  if (system) yield* textBlock(p, 'SYSTEM', system, false);
  for (const turn of history) yield* textBlock(p, turn.role === 'user' ? 'USER' : 'ASSISTANT', turn.text, false);
  const audio = randomUUID();
  yield sonicInput.audioStart(p, audio);
  let ended = false;
  for await (const item of queue) {
    if (item.kind === 'end') { ended = true; break; }
    if (item.kind === 'audio') yield sonicInput.audioInput(p, audio, item.pcm);
    else if (item.kind === 'text') yield* textBlock(p, 'USER', item.text, true);
    else {
      const name = randomUUID();
      yield sonicInput.toolResultStart(p, name, item.toolUseId);
      yield sonicInput.toolResult(p, name, item.content);
      yield sonicInput.contentEnd(p, name);
    }
  }
  // Torn down (abort, or replaced after the session limit): the stream is dropped, not closed politely.
  if (!ended) return;
  yield sonicInput.contentEnd(p, audio);
  yield sonicInput.promptEnd(p);
  yield sonicInput.sessionEnd();
}

/** A text content block, its text split into textInput events of at most 1 KB (Bedrock's limit per event). */
function* textBlock(p: string, role: 'SYSTEM' | 'USER' | 'ASSISTANT', text: string, interactive: boolean): Generator<SonicInputEvent> {
  const name = randomUUID();
  yield sonicInput.textStart(p, name, role, interactive);
  for (const piece of splitUtf8(text, TEXT_INPUT_MAX_BYTES)) yield sonicInput.textInput(p, name, piece);
  yield sonicInput.contentEnd(p, name);
}

/** Splits text into pieces of at most `max` UTF-8 bytes without cutting a character. */
export function splitUtf8(text: string, max: number): string[] {
  const out: string[] = [];
  let piece = '';
  let size = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (size + n > max && piece) { out.push(piece); piece = ''; size = 0; }
    piece += ch;
    size += n;
  }
  if (piece || !out.length) out.push(piece);
  return out;
}

/**
 * The history Bedrock accepts on a new stream: at most 40 KB in all (oldest turns dropped first), starting with a
 * user turn, empty turns left out.
 */
export function trimHistory(turns: readonly SonicHistoryTurn[]): SonicHistoryTurn[] {
  const kept: SonicHistoryTurn[] = [];
  let size = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i];
    if (!t.text.trim()) continue;
    const n = Buffer.byteLength(t.text);
    if (size + n > HISTORY_MAX_BYTES) break;
    kept.unshift({ role: t.role, text: t.text });
    size += n;
  }
  while (kept.length && kept[0].role !== 'user') kept.shift();
  return kept;
}

function abortError(): Error {
  return Object.assign(new Error('The request was aborted'), { name: 'AbortError' });
}
