// Stream throughput: a 100k-token reply at the emulator's full speed, read through the SDK directly and through the
// extension's service path (normalised events included), for each streaming API style. One unmeasured warm-up of
// each path first (the JIT has not seen either loop yet), then best of RUNS each, runs alternating, so a burst of load
// from elsewhere on the machine does not decide the figure.
import { startEmulatorProcess } from './support/emulatorProcess.mjs';
import { STYLES, rawPaths, servicePath } from './support/streamPaths.mjs';
import { round } from './support/stats.mjs';

const TOKENS = 100_000;
const RUNS = 7;

export async function run() {
  const emu = await startEmulatorProcess();
  try {
    const raw = rawPaths(emu);
    const service = servicePath(emu);
    const rows = [];
    for (const { style, label, model, path } of STYLES) {
      const once = {
        raw: async () => { await emu.scriptFaults([{ fault: `long:${TOKENS},tokens-per-second:0`, path }]); return raw[style](model, 'go'); },
        service: async () => { await emu.scriptFaults([{ fault: `long:${TOKENS},tokens-per-second:0`, path }]); return service(style, model, 'go'); },
      };
      const best = { raw: Infinity, service: Infinity };
      const cpu = { raw: Infinity, service: Infinity };
      const chars = {};
      await once.raw();
      await once.service();
      for (let i = 0; i < RUNS; i++) {
        for (const which of i % 2 ? ['service', 'raw'] : ['raw', 'service']) {
          const r = await once[which]();
          best[which] = Math.min(best[which], r.totalMs);
          cpu[which] = Math.min(cpu[which], r.cpuMs);
          chars[which] = r.chars;
        }
      }
      if (chars.raw !== chars.service || !chars.raw) throw new Error(`${label}: SDK read ${chars.raw} characters, service ${chars.service}`);
      const ratio = best.raw / best.service;
      const perSecond = ms => Math.round(TOKENS / (ms / 1000));
      rows.push({
        figure: `stream throughput, ${label}`, value: round(ratio, 3), unit: '× of SDK', target: '≥ 0.95×', pass: ratio >= 0.95,
        detail: `${TOKENS} tokens (${chars.raw} chars), best of ${RUNS}: SDK ${perSecond(best.raw)} tokens/s (${Math.round(best.raw)} ms), service ${perSecond(best.service)} tokens/s (${Math.round(best.service)} ms); client CPU per reply SDK ${Math.round(cpu.raw)} ms, service ${Math.round(cpu.service)} ms`,
      });
    }
    return rows;
  } finally {
    await emu.close();
  }
}
