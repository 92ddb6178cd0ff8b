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

/** How long each word of a spoken reply sounds in the emulator's speech. */
export const TONE_MS_PER_WORD = 120;
/** Replies longer than this many words are spoken only this far (the transcript still has them all). */
export const MAX_SPOKEN_WORDS = 40;

/** The words the emulator "speaks" for a reply text: one tone each, in order. */
export function spokenWords(text: string): string[] {
  return text.split(/\s+/).filter(Boolean).slice(0, MAX_SPOKEN_WORDS);
}

/** The tone frequency for one word: derived from its letters, so a test can tell which word was played. */
export function toneFrequency(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) { h ^= word.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return 220 + ((h >>> 0) % 24) * 25;
}

/**
 * The emulator's speech for a reply: one 120 ms tone per word (frequency from the word, see toneFrequency), each
 * with a short fade in and out so players do not click. Deterministic: the same text gives the same bytes, and the
 * length is exactly words × 120 ms of 24 kHz 16-bit mono.
 */
export function speechTones(text: string): Buffer {
  const words = spokenWords(text);
  const perWord = Math.round(SONIC_SAMPLE_RATE * TONE_MS_PER_WORD / 1000);
  const pcm = Buffer.alloc(Math.max(1, words.length) * perWord * 2);
  words.forEach((word, w) => {
    const f = toneFrequency(word);
    for (let i = 0; i < perWord; i++) {
      const env = Math.min(1, i / 120, (perWord - i) / 120);
      pcm.writeInt16LE(Math.round(Math.sin(2 * Math.PI * f * i / SONIC_SAMPLE_RATE) * 8000 * env), (w * perWord + i) * 2);
    }
  });
  return pcm;
}
