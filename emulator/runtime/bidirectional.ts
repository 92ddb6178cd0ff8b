import { randomUUID } from 'node:crypto';
import type { Call } from '../context';
import { pacing } from '../context';
import { codec, decodeFrames, eventFrame, exceptionFrame, headerString } from '../eventstream';
import { EventSignatureChain, requestSignature } from '../auth/eventSignature';
import { SIGNING_NAME } from '../auth/authenticate';
import { conversation, produceReply, asRecord, asString } from '../produce';
import type { PromptTurn } from '../replyGenerator';
import { EventSink } from '../stream';
import { requireModel } from './modelGate';
import { generatePcm, SONIC_SAMPLE_RATE } from './pcm';
import { eventStreamDialect } from './streamDialects';

type SonicEvent = Record<string, Record<string, unknown>>;

class BadEventSignature extends Error {}

/** Unwraps the SDK's signed envelopes (`:chunk-signature`), checks their chain, and yields the Nova Sonic JSON events. */
async function* inputEvents(source: AsyncIterable<Buffer>, chain: EventSignatureChain | undefined): AsyncGenerator<SonicEvent> {
  for await (const outer of decodeFrames(source)) {
    if (chain && !await chain.verify(outer)) throw new BadEventSignature();
    const message = outer.headers[':chunk-signature'] ? (outer.body.length ? codec.decode(outer.body) : undefined) : outer;
    if (!message || headerString(message, ':event-type') !== 'chunk') continue;
    const part = asRecord(JSON.parse(Buffer.from(message.body).toString('utf8')));
    const bytes = Buffer.from(asString(part.bytes), 'base64').toString('utf8');
    const event = asRecord(asRecord(JSON.parse(bytes)).event) as SonicEvent;
    yield event;
  }
}

interface OpenContent { type: string; role: string; text: string; audioBytes: number }

/**
 * `POST /model/amazon.nova-sonic-v1:0/invoke-with-bidirectional-stream` over HTTP/2. Reads the
 * Nova Sonic input events as they arrive and, whenever a USER content block ends, answers with
 * the output sequence: ASR transcript, speculative text, audio, final text, usage. The
 * response ends after `sessionEnd`.
 */
export async function invokeModelWithBidirectionalStream(call: Call): Promise<void> {
  const { model } = requireModel(call, 'bidirectional');
  const sink = new EventSink(call.ex, call.faults, eventStreamDialect, pacing(call));
  await sink.open();
  const received: SonicEvent[] = [];
  call.record.body = received;
  const send = (event: SonicEvent, tokens = 0): Promise<boolean> =>
    sink.event(eventFrame('chunk', { bytes: Buffer.from(JSON.stringify({ event })).toString('base64') }), tokens);

  const sessionId = randomUUID();
  let promptName = '';
  let system = '';
  const turns: PromptTurn[] = [];
  const open = new Map<string, OpenContent>();
  // Running usage across turns, reported in every usageEvent next to the turn's delta.
  const total = { input: { speechTokens: 0, textTokens: 0 }, output: { speechTokens: 0, textTokens: 0 } };

  const answer = async (userText: string, inputSpeech: number): Promise<boolean> => {
    const completionId = randomUUID();
    const ids = { sessionId, promptName, completionId };
    turns.push({ role: 'user', text: userText });
    const reply = await produceReply(call, { api: 'bidirectional', modelId: model.id, system, tools: [], reasoning: false, ...conversation(turns) }, 'tooluse_');
    turns.push({ role: 'assistant', text: reply.text });
    const spoken = reply.text.split('\n')[0];
    if (!await send({ completionStart: ids })) return false;
    const textBlock = async (role: string, content: string, stage: string, tokens: number): Promise<boolean> => {
      const contentId = randomUUID();
      return await send({ contentStart: { ...ids, contentId, type: 'TEXT', role, additionalModelFields: JSON.stringify({ generationStage: stage }), textOutputConfiguration: { mediaType: 'text/plain' } } })
        && await send({ textOutput: { ...ids, contentId, content, role } }, tokens)
        && await send({ contentEnd: { ...ids, contentId, type: 'TEXT', role, stopReason: stage === 'FINAL' && role === 'ASSISTANT' ? 'END_TURN' : 'PARTIAL_TURN' } });
    };
    if (!await textBlock('USER', userText, 'FINAL', 0)) return false;
    if (!await textBlock('ASSISTANT', spoken, 'SPECULATIVE', 0)) return false;
    const audioId = randomUUID();
    if (!await send({ contentStart: { ...ids, contentId: audioId, type: 'AUDIO', role: 'ASSISTANT', audioOutputConfiguration: { mediaType: 'audio/lpcm', sampleRateHertz: SONIC_SAMPLE_RATE, sampleSizeBits: 16, channelCount: 1, encoding: 'base64', audioType: 'SPEECH' } } })) return false;
    const pcm = generatePcm(Math.min(1500, 60 * Math.max(1, spoken.split(/\s+/).length)), reply.seed);
    const frame = SONIC_SAMPLE_RATE / 10 * 2; // 100 ms per audioOutput event
    for (let o = 0; o < pcm.length; o += frame) {
      if (!await send({ audioOutput: { ...ids, contentId: audioId, content: pcm.subarray(o, o + frame).toString('base64'), role: 'ASSISTANT' } }, 1)) return false;
    }
    if (!await send({ contentEnd: { ...ids, contentId: audioId, type: 'AUDIO', role: 'ASSISTANT', stopReason: 'END_TURN' } })) return false;
    if (!await textBlock('ASSISTANT', spoken, 'FINAL', reply.outputTokens)) return false;
    const delta = { input: { speechTokens: inputSpeech, textTokens: reply.inputTokens }, output: { speechTokens: Math.ceil(pcm.length / 1600), textTokens: reply.outputTokens } };
    for (const side of ['input', 'output'] as const) {
      total[side].speechTokens += delta[side].speechTokens;
      total[side].textTokens += delta[side].textTokens;
    }
    const totalIn = total.input.speechTokens + total.input.textTokens;
    const totalOut = total.output.speechTokens + total.output.textTokens;
    if (!await send({ usageEvent: { ...ids, details: { delta, total: structuredClone(total) }, totalInputTokens: totalIn, totalOutputTokens: totalOut, totalTokens: totalIn + totalOut } })) return false;
    if (!await send({ completionEnd: { ...ids, stopReason: 'END_TURN' } })) return false;
    await sink.flush();
    return sink.live;
  };

  const seed = call.record.auth === 'sigv4' ? requestSignature(call.ex.headers.authorization) : undefined;
  const chain = seed ? new EventSignatureChain(seed, call.ctx.auth.credentials, call.ctx.region, SIGNING_NAME.runtime) : undefined;
  try {
    await handleEvents(inputEvents(call.ex.bodyStream(), chain));
  } catch (e) {
    if (!(e instanceof BadEventSignature)) throw e;
    // The stream is already open, so the refusal travels as an exception frame.
    await sink.event(exceptionFrame('validationException', { message: 'The event signature we calculated does not match the signature you provided.' }));
  }
  await sink.close();

  /** Feeds the session state; answers each finished USER content block. */
  async function handleEvents(events: AsyncIterable<SonicEvent>): Promise<void> {
    for await (const event of events) {
      received.push(event);
      const [name, value] = Object.entries(event)[0] ?? ['', {}];
      if (name === 'promptStart') promptName = asString(value.promptName);
      if (name === 'contentStart') open.set(asString(value.contentName), { type: asString(value.type), role: asString(value.role), text: '', audioBytes: 0 });
      if (name === 'textInput') { const c = open.get(asString(value.contentName)); if (c) c.text += asString(value.content); }
      if (name === 'audioInput') { const c = open.get(asString(value.contentName)); if (c) c.audioBytes += Buffer.from(asString(value.content), 'base64').length; }
      if (name === 'contentEnd') {
        const c = open.get(asString(value.contentName));
        open.delete(asString(value.contentName));
        if (c?.role === 'SYSTEM') system = c.text;
        else if (c?.role === 'USER') {
          // Audio input is 16 kHz 16-bit mono, so its length stands in for what was said.
          const heard = c.type === 'AUDIO' ? `(${Math.round(c.audioBytes / 32)} ms of speech)` : c.text;
          // ~25 speech tokens per second of 16 kHz 16-bit audio.
          if (!await answer(heard, Math.ceil(c.audioBytes / 1280))) return;
        } else if (c?.role === 'ASSISTANT' && c.text) turns.push({ role: 'assistant', text: c.text });
      }
      if (name === 'sessionEnd') break;
    }
  }
}
