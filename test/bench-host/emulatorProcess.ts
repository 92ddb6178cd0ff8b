// The emulator in a child process (bench/support/emulatorChild.mjs), so neither its CPU work nor its memory counts
// against the extension host being measured. Fault plans go to it over the IPC channel.
import { fork } from 'child_process';
import * as path from 'path';

export interface EmulatorInfo {
  region: string;
  runtimeEndpoint: string;
  mantleEndpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface EmulatorProcess extends EmulatorInfo {
  /** Faults for the next requests whose path contains `path` (the emulator's FaultPlan entries). */
  scriptFaults(plan: { fault: string; path: string }[]): Promise<void>;
  close(): Promise<void>;
}

interface ChildMessage { kind: string; id?: number; info?: EmulatorInfo }

export async function startEmulatorProcess(repoRoot: string): Promise<EmulatorProcess> {
  const proc = fork(path.join(repoRoot, 'bench/support/emulatorChild.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>(resolve => proc.once('exit', () => resolve()));
  const info = await new Promise<EmulatorInfo>((resolve, reject) => {
    proc.once('message', (m: ChildMessage) => (m.kind === 'ready' && m.info ? resolve(m.info) : reject(new Error('emulator: unexpected first message'))));
    proc.once('exit', code => reject(new Error(`emulator exited (${code}) before it was ready`)));
  });
  let next = 0;
  const call = (msg: object) => new Promise<void>(resolve => {
    const id = ++next;
    const onAck = (m: ChildMessage) => {
      if (m.kind !== 'ack' || m.id !== id) return;
      proc.off('message', onAck);
      resolve();
    };
    proc.on('message', onAck);
    proc.send({ ...msg, id });
  });
  return {
    ...info,
    scriptFaults: plan => call({ kind: 'script-faults', plan }),
    async close() {
      if (proc.exitCode === null) proc.send({ kind: 'close' });
      const killer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}
