// A hostile `bedrock.region` (a committed .vscode/settings.json can set one) must never become a host name: no
// request path may open a connection anywhere when the region is not an AWS region, whatever the credentials.
import assert from 'node:assert/strict';
import dns from 'node:dns';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../emulator';
import { BedrockService, type ServiceConfig } from '../../../src/service/bedrockService';
import { SECRET_KEYS, type CredentialChoice } from '../../../src/service/credentials/sources';
import type { ApiStyle, EndpointFamily, StreamEvent } from '../../../src/service/model';
import { emulatorSecrets, emulatorServiceConfig } from './emulatorRouter';

let emu: Emulator;
/** Stands in for the attacker's host: counts every TCP connection, answers none. */
let trap: net.Server;
let trapPort = 0;
let connections = 0;
const realLookup = dns.lookup;

before(async () => {
  emu = await startEmulator();
  trap = net.createServer(socket => { connections++; socket.destroy(); });
  await new Promise<void>(resolve => trap.listen(0, '127.0.0.1', resolve));
  trapPort = (trap.address() as net.AddressInfo).port;
  // the attacker's DNS: every name under evil.test points at the trap (Node's sockets, hence fetch and the AWS
  // SDK's HTTP handler, all resolve through dns.lookup)
  (dns as { lookup: unknown }).lookup = (host: string, options: unknown, callback?: unknown) => {
    const cb = (typeof options === 'function' ? options : callback) as (...a: unknown[]) => void;
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
    if (!host.endsWith('.evil.test')) return realLookup(host, options as dns.LookupOptions, cb as never);
    return all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4);
  };
});

after(async () => {
  (dns as { lookup: unknown }).lookup = realLookup;
  await new Promise(resolve => trap.close(resolve));
  await emu.close();
});

const hostileRegions = () => [
  `evil.test:${trapPort}/#`,
  `x@127.0.0.1:${trapPort}/#`,
  `us-east-1.evil.test:${trapPort}/#`,
];

const CHAT_PATHS: { apiStyle: ApiStyle; family: EndpointFamily; model: string }[] = [
  { apiStyle: 'converse-stream', family: 'runtime', model: 'us.amazon.nova-lite-v1:0' },
  { apiStyle: 'converse', family: 'runtime', model: 'us.amazon.nova-lite-v1:0' },
  { apiStyle: 'invoke-model', family: 'runtime', model: 'us.amazon.nova-lite-v1:0' },
  { apiStyle: 'invoke-model-stream', family: 'runtime', model: 'us.amazon.nova-lite-v1:0' },
  { apiStyle: 'messages', family: 'mantle', model: 'anthropic.claude-sonnet-4-5' },
  { apiStyle: 'messages', family: 'runtime', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' },
  { apiStyle: 'responses', family: 'mantle', model: 'openai.gpt-oss-120b' },
  { apiStyle: 'responses', family: 'runtime', model: 'openai.gpt-oss-120b-1:0' },
  { apiStyle: 'chat-completions', family: 'mantle', model: 'openai.gpt-oss-120b' },
  { apiStyle: 'chat-completions', family: 'runtime', model: 'openai.gpt-oss-120b-1:0' },
];

const CREDENTIALS: CredentialChoice[] = [{ kind: 'api-key' }, { kind: 'access-keys' }];

function serviceWith(region: string, credentials: CredentialChoice, endpoints: ServiceConfig['endpoints']): BedrockService {
  const secrets = emulatorSecrets(emu);
  secrets.set(SECRET_KEYS.apiKey, emu.apiKey);
  secrets.set(SECRET_KEYS.sessionToken, 'session-token-that-must-stay-home');
  const config: ServiceConfig = { ...emulatorServiceConfig(emu), region, credentials, endpoints };
  return new BedrockService({ config: () => config, secrets: { get: async k => secrets.get(k) }, env: {}, log: () => undefined });
}

async function lastEvent(events: AsyncIterable<StreamEvent>): Promise<StreamEvent | undefined> {
  let last: StreamEvent | undefined;
  for await (const e of events) last = e;
  return last;
}

/** Runs one call to its end: what it returned, the error event it ended with, or what it threw. */
async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    const result = await call();
    return result && typeof result === 'object' && 'type' in result && result.type === 'error' ? (result as unknown as { error: unknown }).error : result;
  } catch (e) {
    return (e as { info?: unknown }).info ?? e;
  }
}

/** Each call must have failed with the region error and its Choose Region button. */
function assertRefused(outcomes: [string, unknown][]): void {
  for (const [what, o] of outcomes) {
    const info = o as { action?: unknown; message?: unknown } | undefined;
    assert.deepEqual(info?.action, { kind: 'choose-region' }, `${what}: ${JSON.stringify(o)?.slice(0, 300)}`);
    assert.match(String(info?.message), /is not an AWS region/, what);
  }
}

/** Every way the service reaches AWS, as one list of calls. */
function everyRequestPath(service: BedrockService): [string, () => Promise<unknown>][] {
  const messages = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }];
  const signal = new AbortController().signal;
  return [
    ...CHAT_PATHS.map(p => [`${p.apiStyle} on ${p.family}`, () => lastEvent(service.stream({ ...p, messages }, signal))] as [string, () => Promise<unknown>]),
    ['background Responses', () => lastEvent(service.background({ model: 'openai.gpt-oss-120b', messages }, signal, undefined, 5))],
    ['CountTokens', () => service.countTokens({ model: 'anthropic.claude-sonnet-4-5-20250929-v1:0', messages })],
    ['catalogue', () => service.catalogue({ refresh: true })],
    ['ListGuardrails', () => service.listGuardrails()],
    ['ApplyGuardrail', () => service.applyGuardrail({ id: 'gr-1', version: 'DRAFT' }, 'input', 'hi')],
    ['ListInferenceProfiles', () => service.listApplicationProfiles()],
  ];
}

for (const credentials of CREDENTIALS) {
  test(`a hostile region never reaches another host (${credentials.kind}, default endpoints)`, async () => {
    const before = connections;
    const outcomes: [string, unknown][] = [];
    for (const region of hostileRegions()) {
      const service = serviceWith(region, credentials, {});
      for (const [what, call] of everyRequestPath(service)) outcomes.push([`${what} with region ${region}`, await outcome(call)]);
    }
    assert.equal(connections - before, 0, 'the stand-in for the other host received no connection');
    assertRefused(outcomes);
  });
}

test('a hostile region is refused before any request, even when every endpoint is overridden', async () => {
  const sent = emu.requests.length;
  const before = connections;
  const endpoints = { runtime: emu.runtimeEndpoint, mantle: emu.mantleEndpoint, control: emu.runtimeEndpoint };
  const outcomes: [string, unknown][] = [];
  for (const credentials of CREDENTIALS) {
    const service = serviceWith(`evil.test:${trapPort}/#`, credentials, endpoints);
    for (const [what, call] of everyRequestPath(service)) outcomes.push([`${what} (${credentials.kind})`, await outcome(call)]);
  }
  assert.equal(emu.requests.length, sent, 'nothing was sent to the configured endpoints either');
  assert.equal(connections - before, 0);
  assertRefused(outcomes);
});
