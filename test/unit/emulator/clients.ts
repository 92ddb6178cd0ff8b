import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import type { Emulator } from '../../../emulator/index';

/** An AWS SDK runtime client pointed at the emulator the way a service driver would point it. */
export function runtimeClient(emu: Emulator, extra: Partial<BedrockRuntimeClientConfig> = {}): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    region: emu.region,
    endpoint: emu.runtimeEndpoint,
    credentials: { accessKeyId: emu.accessKeyId, secretAccessKey: emu.secretAccessKey },
    maxAttempts: 1,
    ...extra,
  });
}

/** Adds `x-emulator-fault` to every request the client sends. */
export function withFault<T extends { middlewareStack: BedrockRuntimeClient['middlewareStack'] }>(client: T, fault: string): T {
  client.middlewareStack.add(next => async args => {
    const req = args.request as { headers: Record<string, string> };
    req.headers['x-emulator-fault'] = fault;
    return next(args);
  }, { step: 'build', name: 'emulatorFault' });
  return client;
}
