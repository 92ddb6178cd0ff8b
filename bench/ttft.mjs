// Added time-to-first-token: for each streaming API style, the same prompt at the same emulator pacing, sent through
// the SDK directly and through the extension's service path, alternating (which one goes first flips every round so
// neither gains from a warm connection or cache), median of ROUNDS each.
import { startEmulatorProcess } from './support/emulatorProcess.mjs';
import { STYLES, rawPaths, servicePath } from './support/streamPaths.mjs';
import { median, round } from './support/stats.mjs';

const ROUNDS = 30;
const WARM_UP = 3;
/** A model streaming at a realistic pace (the emulator waits 1/TPS s per token, the first one included)... */
const TOKENS_PER_SECOND = 200;
/**
 * ...after a realistic wait for the response to start (Bedrock's own time to first byte is hundreds of ms). Without
 * it the loopback emulator answers in ~5 ms and the 1.05× target would ask for 0.25 ms, below this machine's noise.
 * The ≤ 1 ms target on the added time holds either way.
 */
const FIRST_BYTE_MS = 100;
const PROMPT = 'Explain in two sentences how streaming responses reduce perceived latency.';
/** Replies are cut short (same limit on both paths): only the first token is timed. */
const MAX_TOKENS = 16;

export async function run() {
  const emu = await startEmulatorProcess({ tokensPerSecond: TOKENS_PER_SECOND });
  try {
    const raw = rawPaths(emu);
    const service = servicePath(emu);
    const rows = [];
    for (const { style, label, model, path } of STYLES) {
      const paced = async run => { await emu.scriptFaults([{ fault: `slow-first-byte:${FIRST_BYTE_MS}`, path }]); return run(); };
      const once = { raw: () => paced(() => raw[style](model, PROMPT, MAX_TOKENS)), service: () => paced(() => service(style, model, PROMPT, MAX_TOKENS)) };
      for (let i = 0; i < WARM_UP; i++) { await once.raw(); await once.service(); }
      const times = { raw: [], service: [] };
      for (let i = 0; i < ROUNDS; i++) {
        for (const which of i % 2 ? ['service', 'raw'] : ['raw', 'service']) {
          const r = await once[which]();
          if (r.firstMs === undefined) throw new Error(`${label} (${which}): no text streamed`);
          times[which].push(r.firstMs);
        }
      }
      const rawMs = median(times.raw);
      const serviceMs = median(times.service);
      // Each round's two runs are back to back, so their difference is what the service adds under the same load;
      // the median of those differences is steadier than a difference of medians on a crowded machine.
      const added = median(times.service.map((s, i) => s - times.raw[i]));
      const ratio = serviceMs / rawMs;
      rows.push({
        figure: `added time-to-first-token, ${label}`, value: round(added, 2), unit: 'ms', target: '≤ 1 ms and ≤ 1.05×',
        pass: added <= 1 && ratio <= 1.05,
        detail: `${ROUNDS} alternating rounds, medians: SDK ${round(rawMs, 2)} ms, service ${round(serviceMs, 2)} ms (${round(ratio, 3)}×), per-round difference ${round(added, 2)} ms; emulator: first byte after ${FIRST_BYTE_MS} ms, then ${TOKENS_PER_SECOND} tokens/s`,
      });
    }
    return rows;
  } finally {
    await emu.close();
  }
}
