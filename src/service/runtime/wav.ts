/**
 * Minimal WAV (RIFF, integer PCM) reading and writing: Nova Sonic takes 16 kHz 16-bit mono LPCM in and gives
 * 24 kHz 16-bit mono LPCM back, and users hand in / expect WAV files.
 */
export interface PcmAudio {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Interleaved little-endian samples. */
  data: Uint8Array;
}

/** Nova Sonic's input format. */
export const SONIC_INPUT_RATE = 16000;

export function parseWav(bytes: Uint8Array): PcmAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('Not a WAV file (no RIFF/WAVE header).');
  let fmt: { format: number; channels: number; sampleRate: number; bits: number } | undefined;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      fmt = { format: view.getUint16(body, true), channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAV file has its data before its format chunk.');
      // 1 = PCM, 0xFFFE = WAVE_FORMAT_EXTENSIBLE (PCM sub-format in practice for speech files)
      if (fmt.format !== 1 && fmt.format !== 0xfffe) throw new Error(`WAV encoding ${fmt.format} is not integer PCM; convert the file to PCM first.`);
      if (![8, 16, 24, 32].includes(fmt.bits)) throw new Error(`WAV sample size ${fmt.bits} bits is not supported.`);
      const end = Math.min(bytes.length, body + size);
      return { sampleRate: fmt.sampleRate, channels: fmt.channels, bitsPerSample: fmt.bits, data: bytes.slice(body, end) };
    }
    at = body + size + (size % 2); // chunks are word-aligned
  }
  throw new Error('WAV file has no data chunk.');
}

/** 16-bit mono PCM at `sampleRate` wrapped in a WAV header. */
export function writeWav(pcm: Uint8Array, sampleRate: number, channels = 1, bitsPerSample = 16): Uint8Array {
  const out = new Uint8Array(44 + pcm.length);
  const view = new DataView(out.buffer);
  const text = (at: number, s: string) => { for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i); };
  const blockAlign = channels * bitsPerSample / 8;
  text(0, 'RIFF'); view.setUint32(4, 36 + pcm.length, true); text(8, 'WAVE');
  text(12, 'fmt '); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true); view.setUint32(28, sampleRate * blockAlign, true); view.setUint16(32, blockAlign, true); view.setUint16(34, bitsPerSample, true);
  text(36, 'data'); view.setUint32(40, pcm.length, true);
  out.set(pcm, 44);
  return out;
}

/**
 * Any integer-PCM audio → 16 kHz 16-bit mono, Nova Sonic's input: channels averaged, samples scaled to 16 bits,
 * and the rate changed by linear interpolation (plenty for speech recognition).
 */
export function toSonicInput(audio: PcmAudio): Uint8Array {
  const bytesPer = audio.bitsPerSample / 8;
  const frames = Math.floor(audio.data.length / (bytesPer * audio.channels));
  const view = new DataView(audio.data.buffer, audio.data.byteOffset, audio.data.byteLength);
  const sample = (at: number): number => {
    switch (audio.bitsPerSample) {
      case 8: return (view.getUint8(at) - 128) / 128;
      case 16: return view.getInt16(at, true) / 32768;
      case 24: return ((view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16))) / 8388608;
      default: return view.getInt32(at, true) / 2147483648;
    }
  };
  const mono = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < audio.channels; c++) sum += sample((f * audio.channels + c) * bytesPer);
    mono[f] = sum / audio.channels;
  }
  const outFrames = audio.sampleRate === SONIC_INPUT_RATE ? frames : Math.floor(frames * SONIC_INPUT_RATE / audio.sampleRate);
  const out = new Uint8Array(outFrames * 2);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < outFrames; i++) {
    const pos = audio.sampleRate === SONIC_INPUT_RATE ? i : i * audio.sampleRate / SONIC_INPUT_RATE;
    const a = Math.floor(pos);
    const b = Math.min(frames - 1, a + 1);
    const v = mono[a] + (mono[b] - mono[a]) * (pos - a);
    outView.setInt16(i * 2, Math.max(-32768, Math.min(32767, Math.round(v * 32768))), true);
  }
  return out;
}
