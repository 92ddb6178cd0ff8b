import type { StreamEvent } from '../../../model';

/**
 * Turns one model family's decoded InvokeModelWithResponseStream chunks (the model's own JSON) into internal
 * events. `end` flushes open tool calls and emits the stop. A parser emits usage when its chunks carry it; when
 * they do not, the driver adds Bedrock's `amazon-bedrock-invocationMetrics` count before the stop.
 */
export interface ChunkParser {
  push(chunk: unknown): Iterable<StreamEvent>;
  end(): Iterable<StreamEvent>;
}
