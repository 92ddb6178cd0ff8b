/** Nova Sonic's output format: 24 kHz, 16-bit little-endian, mono LPCM. */
export const SONIC_SAMPLE_RATE = 24000;

/**
 * A short spoken-sounding tone: a pitch that wanders with the seed, with a gentle envelope so
 * players do not click. Deterministic per seed.
 */
export function generatePcm(durationMs: number, seed: number): Buffer {
  const samples = Math.max(1, Math.round((SONIC_SAMPLE_RATE * durationMs) / 1000));
  const pcm = Buffer.alloc(samples * 2);
  const base = 140 + (seed % 80);
  for (let i = 0; i < samples; i++) {
    const t = i / SONIC_SAMPLE_RATE;
    const f = base + 30 * Math.sin(2 * Math.PI * 3 * t);
    const env = Math.min(1, i / 240, (samples - i) / 240);
    pcm.writeInt16LE(Math.round(Math.sin(2 * Math.PI * f * t) * 8000 * env), i * 2);
  }
  return pcm;
}
