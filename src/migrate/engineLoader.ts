/* eslint-disable @typescript-eslint/no-require-imports -- a deferred require is the point */
import type * as Engine from './index';

let engine: Promise<typeof Engine> | undefined;

/**
 * The migration engine, loaded and initialised (WASM grammar) on first use. The build maps `./engineEntry` to
 * dist/migrate.js, outside the main bundle, so activation never pays for the TypeScript compiler.
 */
export function loadEngine(): Promise<typeof Engine> {
  engine ??= (async () => {
    const e = require('./engineEntry') as typeof Engine;
    await e.initMigrationEngine();
    return e;
  })();
  return engine;
}

/** A cheap pre-check, so files that never mention an SDK do not load the engine. */
export function mayHaveSdkCalls(text: string): boolean {
  return /\b(openai|OpenAI|anthropic|Anthropic)\b/.test(text);
}
