/**
 * The emulator's ear: finds where speech starts and ends in a continuous 16 kHz 16-bit mono stream, as Sonic's
 * turn detection does. Loudness decides (no words are recognised): a frame is voiced when its RMS is above
 * VOICED_RMS; speech starts after SPEECH_START_MS of voiced audio and ends after END_SILENCE_MS of quiet.
 */
export const INPUT_BYTES_PER_MS = 32;
export const VOICED_RMS = 500;
export const SPEECH_START_MS = 64;
export const END_SILENCE_MS = 600;

export type VoiceEvent = { type: 'speech-start' } | { type: 'speech-end'; speechMs: number };

export class VoiceActivity {
  private voicedMs = 0;
  private quietMs = 0;
  private utteranceMs = 0;
  private speaking = false;
  /** Any audio at all since the last utterance ended (silence included). */
  heardMs = 0;

  get inSpeech(): boolean { return this.speaking; }
  /** Length of the utterance going on now (voiced and pauses), 0 when none. */
  get currentMs(): number { return this.speaking ? this.utteranceMs : 0; }

  push(pcm: Buffer): VoiceEvent[] {
    const out: VoiceEvent[] = [];
    const ms = pcm.length / INPUT_BYTES_PER_MS;
    this.heardMs += ms;
    const voiced = rms(pcm) >= VOICED_RMS;
    if (!this.speaking) {
      this.voicedMs = voiced ? this.voicedMs + ms : 0;
      if (this.voicedMs >= SPEECH_START_MS) {
        this.speaking = true;
        this.utteranceMs = this.voicedMs;
        this.quietMs = 0;
        out.push({ type: 'speech-start' });
      }
      return out;
    }
    this.utteranceMs += ms;
    this.quietMs = voiced ? 0 : this.quietMs + ms;
    if (this.quietMs >= END_SILENCE_MS) {
      out.push({ type: 'speech-end', speechMs: Math.round(this.utteranceMs - this.quietMs) });
      this.reset();
    }
    return out;
  }

  reset(): void {
    this.speaking = false;
    this.voicedMs = 0;
    this.quietMs = 0;
    this.utteranceMs = 0;
    this.heardMs = 0;
  }
}

function rms(pcm: Buffer): number {
  const n = Math.floor(pcm.length / 2);
  if (!n) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) { const v = pcm.readInt16LE(i * 2); sum += v * v; }
  return Math.sqrt(sum / n);
}
