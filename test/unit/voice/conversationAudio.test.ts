import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWav } from '../../../src/service/runtime';
import { ConversationAudio } from '../../../src/voice/conversationAudio';

const tone = (samples: number, value: number) => { const b = Buffer.alloc(samples * 2); for (let i = 0; i < samples; i++) b.writeInt16LE(value, i * 2); return b; };

test('the WAV export: you on the left as recorded, Nova Sonic on the right as played — back to back, cut at the barge-in', () => {
  let now = 0;
  const audio = new ConversationAudio(() => now);
  audio.userAudio(tone(16000, 1000)); // 1 s of microphone at 16 kHz
  now = 100;
  audio.sonicAudio(tone(2400, 2000), 24000); // 100 ms arriving at 100 ms
  audio.sonicAudio(tone(2400, 3000), 24000); // arrives at once: queued right after the first
  now = 150;
  audio.cut(); // barge-in 50 ms into the first chunk: the rest was never heard
  audio.sonicAudio(tone(2400, 4000), 24000); // the next answer, at 150 ms
  const wav = parseWav(audio.wav());
  assert.deepEqual([wav.sampleRate, wav.channels], [24000, 2]);
  const frames = wav.data.length / 4;
  assert.equal(frames, 24000, 'as long as the recording (1 s at 24 kHz)');
  const right = (ms: number) => Buffer.from(wav.data).readInt16LE(Math.round(ms * 24) * 4 + 2);
  const left = (ms: number) => Buffer.from(wav.data).readInt16LE(Math.round(ms * 24) * 4);
  assert.equal(left(500), 1000);
  assert.deepEqual([right(50), right(120), right(160), right(240), right(260)], [0, 2000, 4000, 4000, 0]);
});
