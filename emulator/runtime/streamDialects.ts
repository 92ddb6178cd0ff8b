import type { StreamDialect } from '../stream';
import { corruptCrc, EVENTSTREAM_CONTENT_TYPE, exceptionFrame } from '../eventstream';

/** AWS event-stream: a bad CRC is a flipped checksum; a stream error is a modelled exception frame. */
export const eventStreamDialect: StreamDialect = {
  contentType: EVENTSTREAM_CONTENT_TYPE,
  corrupt: frame => corruptCrc(typeof frame === 'string' ? Buffer.from(frame) : frame),
  streamError: () => exceptionFrame('modelStreamErrorException', {
    message: 'The model encountered an error while streaming its response.',
    originalStatusCode: 500,
    originalMessage: 'Model stream interrupted (emulated fault).',
  }),
};
