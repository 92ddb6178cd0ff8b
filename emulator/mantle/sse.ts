import type { StreamDialect } from '../stream';

/** `data:`-only SSE as Chat Completions sends it, ending with `data: [DONE]`. */
export function dataLine(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

/** Named-event SSE as the Responses and Anthropic Messages APIs send it. */
export function eventLine(event: string, payload: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
}

const STREAM_ERROR = 'The model encountered an error while streaming its response.';
const SSE = 'text/event-stream; charset=utf-8';

// A corrupt SSE event: its JSON is cut off before the closing brace, as a frame truncated in transit would be, so it
// still carries the model's text (which a client must not echo anywhere) and the SDK's parser must reject it.
const corrupt = (frame: Uint8Array | string): string => {
  const text = typeof frame === 'string' ? frame : Buffer.from(frame).toString('utf8');
  const end = text.lastIndexOf('}');
  return `${text.slice(0, end > 0 ? end : text.length >> 1)}\n\n`;
};

export const chatCompletionsDialect: StreamDialect = {
  contentType: SSE,
  corrupt,
  streamError: () => dataLine({ error: { message: STREAM_ERROR, type: 'server_error', param: null, code: 'model_stream_error' } }),
};

export function responsesDialect(sequence: () => number): StreamDialect {
  return {
    contentType: SSE,
    corrupt,
    streamError: () => eventLine('error', { type: 'error', code: 'server_error', message: STREAM_ERROR, param: null, sequence_number: sequence() }),
  };
}

export const anthropicDialect: StreamDialect = {
  contentType: SSE,
  corrupt,
  streamError: () => eventLine('error', { type: 'error', error: { type: 'api_error', message: STREAM_ERROR } }),
};
