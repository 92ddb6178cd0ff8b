import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

/**
 * Header names and values repeat on every frame (`:event-type`, `contentBlockDelta`, …), and
 * turning them into bytes was most of the encoding cost; caching them lets one core frame well
 * over 20k events/s.
 */
const headerBytes = new Map<string, Uint8Array>();
function cachedFromUtf8(text: string): Uint8Array {
  if (text.length > 64) return fromUtf8(text);
  let bytes = headerBytes.get(text);
  if (!bytes) {
    bytes = fromUtf8(text);
    if (headerBytes.size < 1024) headerBytes.set(text, bytes);
  }
  return bytes;
}

/** AWS event-stream framing (`application/vnd.amazon.eventstream`), encoded by the SDK's own codec. */
export const codec = new EventStreamCodec(toUtf8, cachedFromUtf8);

// The codec re-marshals the same three string headers for every frame; memoising its header
// marshaller (the codec copies the bytes into each frame) roughly doubles frames per second.
// Prelude, CRCs and layout still come from the codec itself.
const marshaller = (codec as unknown as { headerMarshaller?: { format(headers: Message['headers']): Uint8Array } }).headerMarshaller;
if (marshaller && typeof marshaller.format === 'function') {
  const format = marshaller.format.bind(marshaller);
  const formatted = new Map<string, Uint8Array>();
  marshaller.format = (headers: Message['headers']): Uint8Array => {
    const values = Object.entries(headers);
    if (!values.every(([, h]) => h.type === 'string')) return format(headers);
    const key = values.map(([k, h]) => `${k}=${String(h.value)}`).join('\n');
    let bytes = formatted.get(key);
    if (!bytes) {
      bytes = format(headers);
      if (formatted.size < 256) formatted.set(key, bytes);
    }
    return bytes;
  };
}
export const EVENTSTREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

const PAD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
let padTurn = 0;

/**
 * Bedrock adds a random-length `p` field to event payloads (so sizes do not leak content);
 * the emulator does too, so parsers that choke on unknown fields fail here first.
 */
function padding(): string {
  padTurn = (padTurn + 7) % PAD.length;
  return PAD.slice(0, padTurn + 1);
}

export function eventFrame(eventType: string, payload: Record<string, unknown>): Uint8Array {
  const json = JSON.stringify(payload);
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: Buffer.from(`${json.slice(0, -1)}${json.length > 2 ? ',' : ''}"p":"${padding()}"}`),
  });
}

/** A modelled exception inside a stream (`:message-type: exception`), typed by the SDK. */
export function exceptionFrame(exceptionType: string, payload: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/** Flips bits in the trailing message CRC so the SDK's decoder rejects the frame. */
export function corruptCrc(frame: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(frame);
  copy[copy.length - 1] ^= 0xff;
  return copy;
}

/** Splits an incoming byte stream into event-stream messages. */
export async function* decodeFrames(source: AsyncIterable<Buffer>): AsyncGenerator<Message> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 4) {
      const total = pending.readUInt32BE(0);
      if (pending.length < total) break;
      const frame = pending.subarray(0, total);
      pending = pending.subarray(total);
      yield codec.decode(frame);
    }
  }
}

export function headerString(message: Message, name: string): string | undefined {
  const h = message.headers[name];
  return h && h.type === 'string' ? h.value : undefined;
}
