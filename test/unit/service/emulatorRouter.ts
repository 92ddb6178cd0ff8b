// Test support: a Router wired to the local emulator with its test credentials (SigV4 or bearer).
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../emulator';
import type { ServiceConfig } from '../../../src/service/bedrockService';
import type { ResolvedAuth } from '../../../src/service/credentials/auth';
import { SECRET_KEYS } from '../../../src/service/credentials/sources';
import type { ChatDriver } from '../../../src/service/drivers/driver';
import { allDrivers } from '../../../src/service/drivers/registry';
import type { BedrockRequest, StreamEvent } from '../../../src/service/model';
import { Router, type RouterEnvironment } from '../../../src/service/router';

export interface Rig {
  emulator: Emulator;
  router: Router;
  logs: string[];
  run(req: BedrockRequest, signal?: AbortSignal): Promise<StreamEvent[]>;
  close(): Promise<void>;
}

export function sigv4(emulator: Emulator): ResolvedAuth {
  return { kind: 'sigv4', credentials: async () => ({ accessKeyId: emulator.accessKeyId, secretAccessKey: emulator.secretAccessKey }) };
}

export function bearer(emulator: Emulator): ResolvedAuth {
  return { kind: 'bearer', token: async () => emulator.apiKey };
}

export async function startRig(opts: { emulator?: EmulatorOptions; auth?: 'sigv4' | 'bearer'; drivers?: ChatDriver[]; env?: Partial<RouterEnvironment> } = {}): Promise<Rig> {
  const emulator = await startEmulator(opts.emulator);
  const logs: string[] = [];
  const auth = opts.auth === 'bearer' ? bearer(emulator) : sigv4(emulator);
  const env: RouterEnvironment = {
    region: () => emulator.region,
    endpoints: () => ({ runtime: emulator.runtimeEndpoint, mantle: emulator.mantleEndpoint }),
    preferredFamily: () => 'auto',
    auth: async () => auth,
    profile: () => undefined,
    profiles: () => [],
    needsProfile: () => false,
    log: m => logs.push(m),
    ...opts.env,
  };
  const router = new Router(env, opts.drivers ?? allDrivers());
  return {
    emulator, router, logs,
    async run(req, signal = new AbortController().signal) {
      const events: StreamEvent[] = [];
      for await (const e of router.stream(req, signal)) events.push(e);
      return events;
    },
    close: () => emulator.close(),
  };
}

export function textOf(events: StreamEvent[]): string {
  return events.map(e => (e.type === 'text' ? e.text : '')).join('');
}

/** Settings for a whole BedrockService that reaches the emulator on both families and its control plane. */
export function emulatorServiceConfig(emulator: Emulator): ServiceConfig {
  return {
    region: emulator.region, endpointFamily: 'auto', credentials: { kind: 'access-keys' },
    endpoints: { runtime: emulator.runtimeEndpoint, mantle: emulator.mantleEndpoint, control: emulator.runtimeEndpoint },
  };
}

/** The secret store contents for `credentials: access-keys`: the emulator's test keys. */
export function emulatorSecrets(emulator: Emulator): Map<string, string> {
  return new Map([[SECRET_KEYS.accessKeyId, emulator.accessKeyId], [SECRET_KEYS.secretAccessKey, emulator.secretAccessKey]]);
}
