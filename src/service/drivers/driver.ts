import type { ResolvedAuth } from '../credentials/auth';
import type { ApiStyle, BedrockRequest, EndpointFamily, StreamEvent } from '../model';

/** Everything a driver needs besides the request; built per call by the router. */
export interface DriverContext {
  region: string;
  family: EndpointFamily;
  /** The family's base URL (AWS default or the user's override), without a trailing slash. */
  endpoint: string;
  auth: ResolvedAuth;
  signal: AbortSignal;
  /** Diagnostic log (never given secrets). */
  log: (message: string) => void;
}

/**
 * One API style on one or both endpoint families. `stream` yields the internal events for both streaming and
 * non-streaming APIs (a non-streaming reply arrives as one burst), ends after a `stop` event, and throws on errors;
 * the router turns thrown errors into an `error` event so text already streamed stays with the caller.
 */
export interface ChatDriver {
  readonly style: ApiStyle;
  readonly families: readonly EndpointFamily[];
  stream(request: BedrockRequest, ctx: DriverContext): AsyncIterable<StreamEvent>;
}
