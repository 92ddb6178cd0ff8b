// The local emulator in its own process, so its CPU work never sits on the event loop being measured. Started by
// emulatorProcess.mjs over an IPC channel: it answers 'ready' with the endpoints and takes fault plans to script.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startEmulator } = require('../../out/emulator/index.js');

const emu = await startEmulator({ tokensPerSecond: Number(process.env.BENCH_EMULATOR_TPS ?? 0) });
process.on('message', msg => {
  if (msg?.kind === 'script-faults') emu.scriptFaults(msg.plan);
  if (msg?.kind === 'close') void emu.close().then(() => process.exit(0));
  process.send?.({ kind: 'ack', id: msg?.id });
});
process.on('disconnect', () => void emu.close().then(() => process.exit(0)));
process.send({
  kind: 'ready',
  info: { region: emu.region, runtimeEndpoint: emu.runtimeEndpoint, mantleEndpoint: emu.mantleEndpoint, accessKeyId: emu.accessKeyId, secretAccessKey: emu.secretAccessKey, apiKey: emu.apiKey },
});
