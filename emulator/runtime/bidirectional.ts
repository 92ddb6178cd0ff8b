import type { Call } from '../context';
import { pacing } from '../context';
import { codec, decodeFrames, exceptionFrame, headerString } from '../eventstream';
import { EventSignatureChain, requestSignature } from '../auth/eventSignature';
import { SIGNING_NAME } from '../auth/authenticate';
import { asRecord, asString } from '../produce';
import type { SonicRecord } from '../recorder';
import { EventSink } from '../stream';
import { requireModel } from './modelGate';
import { SonicConversation, type SonicEvent } from './sonicConversation';
import { eventStreamDialect } from './streamDialects';

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

/**
 * `POST /model/{sonic model}/invoke-with-bidirectional-stream` over HTTP/2: a conversation (see SonicConversation).
 * Each finished user turn — a USER text block, or speech in the continuous USER audio block — is answered with the
 * output sequence (ASR transcript, speculative text, audio, final text, usage), many turns per stream; speech over
 * the model's audio interrupts it; tool calls wait for the client's toolResult. The response ends after
 * `sessionEnd`, or with a ModelTimeoutException at the `session-limit:MS` fault.
 */
export async function invokeModelWithBidirectionalStream(call: Call): Promise<void> {
  const { model } = requireModel(call, 'bidirectional');
  const sink = new EventSink(call.ex, call.faults, eventStreamDialect, pacing(call));
  await sink.open();
  const received: SonicEvent[] = [];
  call.record.body = received;
  const record: SonicRecord = { audioBytes: [], interruptions: [], spoken: [] };
  call.record.sonic = record;
  const conversation = new SonicConversation(call, model.id, sink, record);

  let expired: Promise<void> | undefined;
  let onExpired: () => void = () => undefined;
  const limit = call.faults.sessionLimitMs === undefined ? undefined
    : setTimeout(() => { expired = conversation.expire(); onExpired(); }, call.faults.sessionLimitMs);
  const limitReached = new Promise<void>(resolve => { onExpired = resolve; });

  const seed = call.record.auth === 'sigv4' ? requestSignature(call.ex.headers.authorization) : undefined;
  const chain = seed ? new EventSignatureChain(seed, call.ctx.auth.credentials, call.ctx.region, SIGNING_NAME.runtime) : undefined;
  const reading = (async () => {
    for await (const event of inputEvents(call.ex.bodyStream(), chain)) {
      received.push(event);
      if (expired) continue;
      if (!conversation.onEvent(event)) break;
    }
  })();
  try {
    await Promise.race([reading, limitReached]);
  } catch (e) {
    // The client went away mid-conversation (abort, barge-in tests tearing down): nothing left to answer.
    if ((e as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE' || call.ex.closed) { conversation.finish(); return; }
    if (!(e instanceof BadEventSignature)) throw e;
    conversation.finish();
    await conversation.settled();
    // The stream is already open, so the refusal travels as an exception frame.
    await sink.event(exceptionFrame('validationException', { message: 'The event signature we calculated does not match the signature you provided.' }));
  } finally {
    clearTimeout(limit);
  }
  if (expired) {
    // The client is still sending when the limit strikes; whatever it sends now is read and dropped.
    reading.catch(() => undefined);
    await expired;
    return;
  }
  conversation.finish();
  await conversation.settled();
  await sink.close();
}
