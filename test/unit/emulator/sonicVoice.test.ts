import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SONIC_SAMPLE_RATE, speechTones, spokenWords, toneFrequency, TONE_MS_PER_WORD } from '../../../emulator/runtime/pcm';
import { VoiceActivity } from '../../../emulator/runtime/voiceActivity';

test('the emulator speaks a reply as one 120 ms tone per word: same text, same bytes; the length says how many words', () => {
  const a = speechTones('Hello from the emulator.');
  assert.deepEqual(a, speechTones('Hello from the emulator.'));
  assert.equal(a.length, 4 * TONE_MS_PER_WORD * SONIC_SAMPLE_RATE / 1000 * 2);
  assert.notDeepEqual(a, speechTones('Goodbye from the emulator.'));
  assert.notEqual(toneFrequency('Hello'), toneFrequency('Goodbye'));
  // the tone of word 2 crosses zero at its frequency: count sign changes over its 120 ms
  const per = TONE_MS_PER_WORD * SONIC_SAMPLE_RATE / 1000;
  let crossings = 0;
  for (let i = per + 1; i < 2 * per; i++) if ((a.readInt16LE(i * 2) >= 0) !== (a.readInt16LE((i - 1) * 2) >= 0)) crossings++;
  assert.ok(Math.abs(crossings / 2 / (TONE_MS_PER_WORD / 1000) - toneFrequency('from')) < 20, `word 2 sounds at ${toneFrequency('from')} Hz`);
  assert.equal(spokenWords('w '.repeat(100)).length, 40, 'long replies are spoken only in part');
});

function frames(voicedMs: number, silentMs: number): Buffer[] {
  const out: Buffer[] = [];
  for (let t = 0; t < voicedMs + silentMs; t += 32) {
    const f = Buffer.alloc(1024);
    if (t < voicedMs) for (let i = 0; i < 512; i++) f.writeInt16LE(Math.round(Math.sin(i / 5) * 10000), i * 2);
    out.push(f);
  }
  return out;
}

test('turn detection: speech starts after 64 ms of sound, ends after 600 ms of quiet, and reports its length', () => {
  const ear = new VoiceActivity();
  const events = frames(320, 640).flatMap(f => ear.push(f));
  assert.deepEqual(events, [{ type: 'speech-start' }, { type: 'speech-end', speechMs: 320 }]);
  assert.deepEqual(frames(0, 2000).flatMap(f => ear.push(f)), [], 'silence is no turn');
  assert.deepEqual(frames(32, 640).flatMap(f => ear.push(f)), [], 'a click is no turn');
});
