import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Call } from '../context';
import { exceptionFrame, eventFrame } from '../eventstream';
import { conversation, produceReply, asArray, asRecord, asString } from '../produce';
import type { SonicRecord } from '../recorder';
import type { PromptTurn, ToolDefinition } from '../replyGenerator';
import type { EventSink } from '../stream';
import { SONIC_SAMPLE_RATE, speechTones, spokenWords, TONE_MS_PER_WORD } from './pcm';
import { VoiceActivity } from './voiceActivity';

export type SonicEvent = Record<string, Record<string, unknown>>;

/** 100 ms of 24 kHz 16-bit mono per audioOutput event. */
const FRAME_BYTES = SONIC_SAMPLE_RATE / 10 * 2;
const FRAME_MS = 100;
/** With `realtime-audio`, speech runs this far ahead of the clock, as Sonic generates faster than it is played. */
const REALTIME_LEAD_MS = 300;

interface OpenContent { type: string; role: string; interactive: boolean; text: string; audioBytes: number; ear?: VoiceActivity; answeredAny: boolean; toolUseId?: string }

/** The completion being spoken now: barge-in interrupts it. */
interface Speaking { completionId: string; interrupted: boolean; wake: () => void }

/**
 * One Nova Sonic conversation on one bidirectional stream. Input events are fed in as they arrive; answers are
 * produced one after another on their own chain, so the input keeps being read while the model talks. A USER
 * audio block is listened to continuously (VoiceActivity finds the turns, as Sonic's turn detection does); speech
 * that starts while an answer's audio is still going out interrupts it (barge-in).
 */
export class SonicConversation {
  private readonly sessionId = randomUUID();
  private promptName = '';
  private system = '';
  private tools: ToolDefinition[] = [];
  private readonly turns: PromptTurn[] = [];
  private readonly open = new Map<string, OpenContent>();
  private chain: Promise<void> = Promise.resolve();
  private speaking: Speaking | undefined;
  private toolWaiter: ((result: string | undefined) => void) | undefined;
  private ended = false;
  // Running usage across turns, reported in every usageEvent next to the turn's delta.
  private readonly total = { input: { speechTokens: 0, textTokens: 0 }, output: { speechTokens: 0, textTokens: 0 } };

  constructor(private readonly call: Call, private readonly modelId: string, private readonly sink: EventSink, private readonly record: SonicRecord) {}

  /** Resolves when every answer queued so far has been sent. */
  settled(): Promise<void> { return this.chain; }

  /** Feeds one input event; returns false after sessionEnd. */
  onEvent(event: SonicEvent): boolean {
    const [name, value] = Object.entries(event)[0] ?? ['', {}];
    if (name === 'promptStart') {
      this.promptName = asString(value.promptName);
      this.tools = asArray(asRecord(value.toolConfiguration).tools).map(t => asRecord(asRecord(t).toolSpec)).map(spec => ({
        name: asString(spec.name), description: asString(spec.description), schema: parseJson(asString(asRecord(spec.inputSchema).json)),
      }));
    }
    if (name === 'contentStart') {
      const type = asString(value.type);
      const role = asString(value.role);
      this.open.set(asString(value.contentName), {
        type, role, interactive: value.interactive !== false, text: '', audioBytes: 0, answeredAny: false,
        ...(type === 'AUDIO' ? { ear: new VoiceActivity() } : {}),
        ...(type === 'TOOL' ? { toolUseId: asString(asRecord(value.toolResultInputConfiguration).toolUseId) } : {}),
      });
    }
    if (name === 'textInput' || name === 'toolResult') { const c = this.open.get(asString(value.contentName)); if (c) c.text += asString(value.content); }
    if (name === 'audioInput') this.hear(asString(value.contentName), Buffer.from(asString(value.content), 'base64'));
    if (name === 'contentEnd') this.contentEnded(asString(value.contentName));
    if (name === 'sessionEnd') { this.finish(); return false; }
    return true;
  }

  /** The stream is over (sessionEnd, session limit, client gone): stop talking and waiting. */
  finish(): void {
    this.ended = true;
    this.toolWaiter?.(undefined);
    if (this.speaking) this.speaking.wake();
  }

  /** Bedrock's session time limit: the stream ends with a ModelTimeoutException. */
  async expire(): Promise<void> {
    this.finish();
    await this.chain;
    await this.sink.event(exceptionFrame('modelTimeoutException', { message: 'Model has timed out in processing the request. Try your request again.' }));
    await this.sink.close();
  }

  private hear(contentName: string, pcm: Buffer): void {
    const c = this.open.get(contentName);
    if (!c?.ear) return;
    c.audioBytes += pcm.length;
    for (const v of c.ear.push(pcm)) {
      if (v.type === 'speech-start') this.bargeIn();
      else { c.answeredAny = true; this.userTurn(`(${v.speechMs} ms of speech)`, Math.ceil(v.speechMs / 40)); }
    }
  }

  private contentEnded(contentName: string): void {
    const c = this.open.get(contentName);
    this.open.delete(contentName);
    if (!c) return;
    if (c.role === 'SYSTEM') this.system = c.text;
    else if (c.role === 'TOOL' || c.type === 'TOOL') this.toolWaiter?.(c.text);
    else if (c.role === 'USER' && c.type === 'AUDIO') {
      // The audio block closed: what is still being said (or, for a clip with no clear speech, all of it) is a turn.
      const pending = c.ear?.inSpeech ? c.ear.currentMs : !c.answeredAny && c.audioBytes > 0 ? Math.round(c.audioBytes / 32) : 0;
      if (pending > 0) this.userTurn(`(${pending} ms of speech)`, Math.ceil(c.audioBytes / 1280));
    } else if (c.role === 'USER') {
      // A non-interactive USER block is history sent on (re)connecting: remembered, not answered.
      if (c.text && !c.interactive) this.turns.push({ role: 'user', text: c.text });
      else if (c.text) this.userTurn(c.text, 0);
    } else if (c.role === 'ASSISTANT' && c.text) this.turns.push({ role: 'assistant', text: c.text });
  }

  private bargeIn(): void {
    const s = this.speaking;
    if (!s || s.interrupted) return;
    s.interrupted = true;
    s.wake();
  }

  private userTurn(text: string, speechTokens: number): void {
    this.chain = this.chain.then(() => this.answer(text, speechTokens)).catch(() => undefined);
  }

  private send(event: SonicEvent, tokens = 0): Promise<boolean> {
    return this.sink.event(eventFrame('chunk', { bytes: Buffer.from(JSON.stringify({ event })).toString('base64') }), tokens);
  }

  private async answer(userText: string, inputSpeech: number): Promise<void> {
    if (this.ended || !this.sink.live) return;
    const ids = { sessionId: this.sessionId, promptName: this.promptName, completionId: randomUUID() };
    this.turns.push({ role: 'user', text: userText });
    let reply = await produceReply(this.call, { api: 'bidirectional', modelId: this.modelId, system: this.system, tools: this.tools, reasoning: false, ...conversation(this.turns) }, 'tooluse_');
    if (!await this.send({ completionStart: ids })) return;
    if (!await this.textBlock(ids, 'USER', userText, 'FINAL', 0)) return;
    const call = reply.toolCalls[0];
    if (call && this.tools.length) {
      const contentId = randomUUID();
      if (!await this.send({ contentStart: { ...ids, contentId, type: 'TOOL', role: 'TOOL', toolUseOutputConfiguration: { mediaType: 'application/json' } } })) return;
      if (!await this.send({ toolUse: { ...ids, contentId, toolName: call.name, toolUseId: call.id, content: call.arguments } }, 1)) return;
      if (!await this.send({ contentEnd: { ...ids, contentId, type: 'TOOL', stopReason: 'TOOL_USE' } })) return;
      await this.sink.flush();
      const result = await new Promise<string | undefined>(resolve => { this.toolWaiter = resolve; });
      this.toolWaiter = undefined;
      if (result === undefined) return;
      this.turns.push({ role: 'tool', text: result });
      reply = await produceReply(this.call, { api: 'bidirectional', modelId: this.modelId, system: this.system, tools: this.tools, reasoning: false, ...conversation(this.turns) }, 'tooluse_');
    }
    const spoken = reply.text.split('\n')[0];
    const outcome = await this.speak(ids, spoken);
    if (!outcome) return;
    const said = outcome.interrupted ? spokenWords(spoken).slice(0, outcome.words).join(' ') : spoken;
    this.turns.push({ role: 'assistant', text: said });
    if (outcome.interrupted) {
      // Sonic's barge-in signal: the text marker inside a final ASSISTANT block, which ends as INTERRUPTED.
      const contentId = randomUUID();
      if (!await this.send({ contentStart: { ...ids, contentId, type: 'TEXT', role: 'ASSISTANT', additionalModelFields: JSON.stringify({ generationStage: 'FINAL' }), textOutputConfiguration: { mediaType: 'text/plain' } } })) return;
      if (said && !await this.send({ textOutput: { ...ids, contentId, content: said, role: 'ASSISTANT' } }, reply.outputTokens)) return;
      if (!await this.send({ textOutput: { ...ids, contentId, content: '{ "interrupted" : true }', role: 'ASSISTANT' } })) return;
      if (!await this.send({ contentEnd: { ...ids, contentId, type: 'TEXT', role: 'ASSISTANT', stopReason: 'INTERRUPTED' } })) return;
    } else if (!await this.textBlock(ids, 'ASSISTANT', spoken, 'FINAL', reply.outputTokens)) return;
    const delta = { input: { speechTokens: inputSpeech, textTokens: reply.inputTokens }, output: { speechTokens: Math.ceil(outcome.bytes / 1600), textTokens: reply.outputTokens } };
    for (const side of ['input', 'output'] as const) {
      this.total[side].speechTokens += delta[side].speechTokens;
      this.total[side].textTokens += delta[side].textTokens;
    }
    const totalIn = this.total.input.speechTokens + this.total.input.textTokens;
    const totalOut = this.total.output.speechTokens + this.total.output.textTokens;
    if (!await this.send({ usageEvent: { ...ids, details: { delta, total: structuredClone(this.total) }, totalInputTokens: totalIn, totalOutputTokens: totalOut, totalTokens: totalIn + totalOut } })) return;
    if (!await this.send({ completionEnd: { ...ids, stopReason: outcome.interrupted ? 'INTERRUPTED' : 'END_TURN' } })) return;
    await this.sink.flush();
  }

  private async textBlock(ids: Record<string, string>, role: string, content: string, stage: string, tokens: number): Promise<boolean> {
    const contentId = randomUUID();
    return await this.send({ contentStart: { ...ids, contentId, type: 'TEXT', role, additionalModelFields: JSON.stringify({ generationStage: stage }), textOutputConfiguration: { mediaType: 'text/plain' } } })
      && await this.send({ textOutput: { ...ids, contentId, content, role } }, tokens)
      && await this.send({ contentEnd: { ...ids, contentId, type: 'TEXT', role, stopReason: stage === 'FINAL' && role === 'ASSISTANT' ? 'END_TURN' : 'PARTIAL_TURN' } });
  }

  /**
   * The speculative text, then the reply's tones in 100 ms audioOutput events (at speaking pace with `realtime-audio`).
   * Barge-in stops it between two events: the audio block ends as INTERRUPTED and the time is recorded.
   */
  private async speak(ids: Record<string, string>, spoken: string): Promise<{ interrupted: boolean; words: number; bytes: number } | undefined> {
    if (!await this.textBlock(ids, 'ASSISTANT', spoken, 'SPECULATIVE', 0)) return undefined;
    const audioId = randomUUID();
    if (!await this.send({ contentStart: { ...ids, contentId: audioId, type: 'AUDIO', role: 'ASSISTANT', audioOutputConfiguration: { mediaType: 'audio/lpcm', sampleRateHertz: SONIC_SAMPLE_RATE, sampleSizeBits: 16, channelCount: 1, encoding: 'base64', audioType: 'SPEECH' } } })) return undefined;
    const pcm = speechTones(spoken);
    const realtime = this.call.faults.realtimeAudio === true;
    let wake: () => void = () => undefined;
    const speaking: Speaking = { completionId: ids.completionId, interrupted: false, wake: () => wake() };
    this.speaking = speaking;
    const started = performance.now();
    let sent = 0;
    try {
      for (let o = 0, i = 0; o < pcm.length; o += FRAME_BYTES, i++) {
        if (realtime) {
          await this.sink.flush();
          const wait = started + i * FRAME_MS - REALTIME_LEAD_MS - performance.now();
          if (wait > 0 && !speaking.interrupted && !this.ended) {
            const ac = new AbortController();
            wake = () => ac.abort();
            await sleep(wait, undefined, { signal: ac.signal }).catch(() => undefined);
          }
        }
        if (speaking.interrupted || this.ended) break;
        const frame = pcm.subarray(o, o + FRAME_BYTES);
        if (!await this.send({ audioOutput: { ...ids, contentId: audioId, content: frame.toString('base64'), role: 'ASSISTANT' } }, 1)) return undefined;
        sent += frame.length;
      }
    } finally {
      this.speaking = undefined;
    }
    this.record.audioBytes.push(sent);
    this.record.spoken.push(spoken);
    if (!await this.send({ contentEnd: { ...ids, contentId: audioId, type: 'AUDIO', role: 'ASSISTANT', stopReason: speaking.interrupted ? 'INTERRUPTED' : 'END_TURN' } })) return undefined;
    await this.sink.flush();
    if (speaking.interrupted) this.record.interruptions.push({ at: Date.now(), completionId: ids.completionId });
    const bytesPerWord = SONIC_SAMPLE_RATE * TONE_MS_PER_WORD / 1000 * 2;
    return { interrupted: speaking.interrupted, words: Math.floor(sent / bytesPerWord), bytes: sent };
  }
}

function parseJson(s: string): unknown {
  try { return JSON.parse(s); } catch { return undefined; }
}
