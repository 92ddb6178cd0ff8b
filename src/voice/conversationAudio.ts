import { writeWav } from '../service/runtime';

/**
 * Both sides of a voice conversation on one timeline, for the WAV export: the microphone as recorded (16 kHz, it
 * arrives in real time from the session's start), and Sonic's speech placed as the view plays it — each chunk at
 * its arrival or right after the previous one, whichever is later — and cut where the user barged in. Written as
 * a stereo 24 kHz WAV: left the user, right Nova Sonic.
 */
const OUT_RATE = 24000;

interface Placed { startSample: number; pcm: Int16Array }

export class ConversationAudio {
  private readonly user: Uint8Array[] = [];
  private userBytes = 0;
  private readonly sonic: Placed[] = [];
  /** Where Sonic's queued speech ends, in output samples. */
  private sonicEnd = 0;

  /** `now` is ms since the conversation started. */
  constructor(private readonly now: () => number) {}

  get empty(): boolean { return this.userBytes === 0 && this.sonic.length === 0; }

  userAudio(pcm: Uint8Array): void {
    this.user.push(pcm);
    this.userBytes += pcm.length;
  }

  sonicAudio(pcm: Uint8Array, sampleRate: number): void {
    const samples = toInt16(pcm, sampleRate);
    const at = Math.max(Math.round(this.now() * OUT_RATE / 1000), this.sonicEnd);
    this.sonic.push({ startSample: at, pcm: samples });
    this.sonicEnd = at + samples.length;
  }

  /** Barge-in now: the speech still queued after this moment was never heard. */
  cut(): void {
    const at = Math.round(this.now() * OUT_RATE / 1000);
    for (const p of this.sonic) {
      if (p.startSample >= at) p.pcm = new Int16Array(0);
      else if (p.startSample + p.pcm.length > at) p.pcm = p.pcm.subarray(0, at - p.startSample);
    }
    this.sonicEnd = Math.min(this.sonicEnd, at);
  }

  /** Stereo 16-bit WAV at 24 kHz: left the microphone, right Nova Sonic. */
  wav(): Uint8Array {
    const mic = toInt16(concat(this.user, this.userBytes), 16000);
    const length = Math.max(mic.length, ...this.sonic.map(p => p.startSample + p.pcm.length), 0);
    const out = new Int16Array(length * 2);
    for (let i = 0; i < mic.length; i++) out[i * 2] = mic[i];
    for (const p of this.sonic) for (let i = 0; i < p.pcm.length; i++) out[(p.startSample + i) * 2 + 1] = p.pcm[i];
    return writeWav(new Uint8Array(out.buffer), OUT_RATE, 2, 16);
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const all = new Uint8Array(total);
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.length; }
  return all;
}

/** 16-bit little-endian mono at `rate` → Int16 samples at 24 kHz (linear interpolation when the rate differs). */
function toInt16(pcm: Uint8Array, rate: number): Int16Array {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const n = Math.floor(pcm.length / 2);
  const at = (i: number) => view.getInt16(Math.min(n - 1, i) * 2, true);
  if (rate === OUT_RATE) return Int16Array.from({ length: n }, (_, i) => at(i));
  const outN = Math.floor(n * OUT_RATE / rate);
  return Int16Array.from({ length: outN }, (_, i) => {
    const pos = i * rate / OUT_RATE;
    const a = Math.floor(pos);
    return Math.round(at(a) + (at(a + 1) - at(a)) * (pos - a));
  });
}
