import type { Family } from './http/exchange';
import { EmulatorError, errors } from './errors';

/**
 * Faults for one request, parsed from `x-emulator-fault` (comma-separated, e.g.
 * `long:100000,tokens-per-second:500`) or taken from a scripted plan.
 *
 * | value | effect |
 * |---|---|
 * | `throttling` | 429 ThrottlingException |
 * | `server-error` / `server-error:503` | 500 InternalServerException / 503 ServiceUnavailableException |
 * | `model-not-ready` | 429 ModelNotReadyException |
 * | `expired-token` | 403 ExpiredTokenException |
 * | `stream-cut:N` | connection dropped after N stream events |
 * | `bad-crc:N` | event N (0-based) has a corrupt message CRC (SSE: its JSON is cut off before the end) |
 * | `model-stream-error:N` | after N events, an in-stream modelStreamErrorException (SSE: an error event) |
 * | `slow-first-byte:MS` | response head held back MS milliseconds |
 * | `tokens-per-second:N` | stream paced at N tokens/s (0 = unpaced) |
 * | `long:N` | the reply is N tokens long |
 * | `realtime-audio` | bidirectional stream: speech audio sent at speaking pace (so the user can barge in) |
 * | `session-limit:MS` | bidirectional stream: ends with a ModelTimeoutException MS ms after it opened, as at Bedrock's session limit |
 */
export interface FaultSet {
  status?: 'throttling' | 'server-error' | 'server-error-503' | 'model-not-ready' | 'expired-token';
  streamCut?: number;
  badCrc?: number;
  modelStreamError?: number;
  slowFirstByteMs?: number;
  tokensPerSecond?: number;
  long?: number;
  realtimeAudio?: boolean;
  sessionLimitMs?: number;
}

export const FAULT_HEADER = 'x-emulator-fault';

/** Every fault name `x-emulator-fault` accepts, so tests can cover them all. */
export const FAULT_NAMES = [
  'throttling', 'server-error', 'model-not-ready', 'expired-token', 'stream-cut', 'bad-crc', 'model-stream-error',
  'slow-first-byte', 'tokens-per-second', 'long', 'realtime-audio', 'session-limit',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

const isFaultName = (name: string): name is FaultName => (FAULT_NAMES as readonly string[]).includes(name);

export function parseFaults(spec: string | undefined): FaultSet {
  const faults: FaultSet = {};
  if (!spec) return faults;
  for (const raw of spec.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const [name, arg] = item.split(':', 2);
    const n = arg === undefined ? NaN : Number(arg);
    const needNumber = (): number => {
      if (!Number.isFinite(n) || n < 0) throw errors.validation(`x-emulator-fault: '${item}' needs a non-negative number after ':'.`);
      return n;
    };
    if (!isFaultName(name)) throw errors.validation(`x-emulator-fault: unknown fault '${item}'.`);
    switch (name) {
      case 'throttling': faults.status = 'throttling'; break;
      case 'server-error': faults.status = arg === '503' ? 'server-error-503' : 'server-error'; break;
      case 'model-not-ready': faults.status = 'model-not-ready'; break;
      case 'expired-token': faults.status = 'expired-token'; break;
      case 'stream-cut': faults.streamCut = needNumber(); break;
      case 'bad-crc': faults.badCrc = needNumber(); break;
      case 'model-stream-error': faults.modelStreamError = needNumber(); break;
      case 'slow-first-byte': faults.slowFirstByteMs = needNumber(); break;
      case 'tokens-per-second': faults.tokensPerSecond = needNumber(); break;
      case 'long': faults.long = needNumber(); break;
      case 'realtime-audio': faults.realtimeAudio = true; break;
      case 'session-limit': faults.sessionLimitMs = needNumber(); break;
      default: throw new Error(`x-emulator-fault: '${name satisfies never}' has no handler`);
    }
  }
  return faults;
}

/** The error a status fault produces, or undefined when the fault only shapes the stream. */
export function statusFaultError(faults: FaultSet): EmulatorError | undefined {
  switch (faults.status) {
    case 'throttling': return errors.throttling();
    case 'server-error': return errors.internal();
    case 'server-error-503': return errors.unavailable();
    case 'model-not-ready': return errors.modelNotReady();
    case 'expired-token': return errors.expiredToken();
    default: return undefined;
  }
}

/**
 * A scripted plan entry: a fault spec in header syntax (or null for "no fault"), optionally
 * limited to requests of one family or whose path contains / matches `path`. Entries are used
 * up in order, one per matching request; SDK retries are separate requests and use up entries
 * too, which is how a test scripts "throttled once, then fine".
 */
export type FaultPlanEntry = string | null | { fault: string | null; family?: Family; path?: string | RegExp };
export type FaultPlan = FaultPlanEntry[];

export class FaultScript {
  private queue: FaultPlanEntry[] = [];

  add(plan: FaultPlan): void { this.queue.push(...plan); }
  clear(): void { this.queue = []; }
  get pending(): number { return this.queue.length; }

  /** Takes the first entry matching this request and returns its spec. */
  take(family: Family, path: string): string | undefined {
    const i = this.queue.findIndex(e => matches(e, family, path));
    if (i < 0) return undefined;
    const [entry] = this.queue.splice(i, 1);
    if (entry === null) return undefined;
    return typeof entry === 'string' ? entry : entry.fault ?? undefined;
  }
}

function matches(entry: FaultPlanEntry, family: Family, path: string): boolean {
  if (entry === null || typeof entry === 'string') return true;
  if (entry.family && entry.family !== family) return false;
  if (entry.path instanceof RegExp) return entry.path.test(path);
  if (typeof entry.path === 'string') return path.includes(entry.path);
  return true;
}

export function mergeFaults(...sets: FaultSet[]): FaultSet {
  return Object.assign({}, ...sets) as FaultSet;
}
