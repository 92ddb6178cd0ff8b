import { inspect } from 'node:util';

/** A line for the extension's log at debug level, built only if that level is on (SDK arguments can be large). */
export type DebugLog = (line: () => string) => void;

let sink: DebugLog | undefined;

/**
 * Where the SDKs' own diagnostics go. Left alone they write to the process console: openai and @anthropic-ai/sdk print
 * a stream frame that would not parse ("Could not parse message into JSON … From chunk", with the model's text in it),
 * the AWS SDK's HTTP handlers their socket and timeout warnings. Every SDK client the service makes is given
 * `sdkLogger` instead, which sends each line to the extension's log at debug level, or drops it while no log is set.
 * The console is one per process, so the replacement is too: the service sets the sink once.
 */
export function routeSdkLogs(debug: DebugLog | undefined): void {
  sink = debug;
}

const format = (value: unknown): string =>
  typeof value === 'string' ? value : inspect(value, { depth: 3, maxArrayLength: 20, maxStringLength: 500, breakLength: Infinity });

const forward = (level: string) => (...args: unknown[]): void => {
  sink?.(() => `[sdk ${level}] ${args.map(format).join(' ')}`);
};

/** The logger every SDK client gets (the AWS SDK's Logger shape, which openai's and Anthropic's also accept). */
export const sdkLogger = {
  trace: forward('trace'), debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error'),
};

/**
 * openai's and @anthropic-ai/sdk's own filter, applied before ours. At `info` and `debug` they log every request with
 * its URL and headers, where a SigV4 `x-amz-security-token` is not redacted; `warn` keeps what matters (a frame that
 * would not parse is an `error`) and overrides OPENAI_LOG / ANTHROPIC_LOG from the environment.
 */
export const SDK_LOG_LEVEL = 'warn' as const;
