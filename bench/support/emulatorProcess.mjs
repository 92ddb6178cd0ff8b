// Starts bench/support/emulatorChild.mjs and talks to it: the endpoints and credentials, fault plans for the next
// requests (`long:100000`, pacing), and a close that waits for the process to end.
import { fork } from 'node:child_process';
import path from 'node:path';

const child = path.join(path.dirname(new URL(import.meta.url).pathname), 'emulatorChild.mjs');

/** @param {{ tokensPerSecond?: number }} [o] */
export async function startEmulatorProcess(o = {}) {
  const proc = fork(child, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, BENCH_EMULATOR_TPS: String(o.tokensPerSecond ?? 0) } });
  const exited = new Promise(resolve => proc.once('exit', resolve));
  const info = await new Promise((resolve, reject) => {
    proc.once('message', m => (m?.kind === 'ready' ? resolve(m.info) : reject(new Error('emulator: unexpected first message'))));
    proc.once('exit', code => reject(new Error(`emulator exited (${code}) before it was ready`)));
  });
  let next = 0;
  const call = msg => new Promise(resolve => {
    const id = ++next;
    const onAck = m => { if (m?.kind === 'ack' && m.id === id) { proc.off('message', onAck); resolve(); } };
    proc.on('message', onAck);
    proc.send({ ...msg, id });
  });
  return {
    ...info,
    /** Faults for the next requests, one entry per request (the emulator's FaultPlan). */
    scriptFaults: plan => call({ kind: 'script-faults', plan }),
    async close() {
      if (proc.exitCode === null) proc.send({ kind: 'close' });
      const killer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}
