import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../emulator';
import { BedrockRequestError } from '../../../src/service/errors';
import { collectSpeech, parseWav, speak, toSonicInput, writeWav, type RuntimeContext, type SpeakEvent } from '../../../src/service/runtime';
import { SonicOutputReader } from '../../../src/service/runtime/sonicEvents';
import { bearer, sigv4 } from './emulatorRouter';

let emu: Emulator;
let ctx: RuntimeContext;
before(async () => {
  emu = await startEmulator();
  ctx = { region: emu.region, endpoint: emu.runtimeEndpoint, auth: sigv4(emu) };
});
after(() => emu.close());

/** Half a second of a 440 Hz tone, 44.1 kHz stereo: not Sonic's format, so the conversion is exercised. */
function stereoToneWav(): Uint8Array {
  const rate = 44100;
  const frames = rate / 2;
  const pcm = Buffer.alloc(frames * 4);
  for (let i = 0; i < frames; i++) {
    const v = Math.round(Math.sin(2 * Math.PI * 440 * i / rate) * 12000);
    pcm.writeInt16LE(v, i * 4);
    pcm.writeInt16LE(v, i * 4 + 2);
  }
  return writeWav(pcm, rate, 2, 16);
}

function eventNames(): string[] {
  return (emu.requests.at(-1)?.body as Array<Record<string, unknown>>).map(e => Object.keys(e)[0]);
}

test('WAV in → 16 kHz mono LPCM; the conversion keeps the duration', () => {
  const wav = parseWav(stereoToneWav());
  assert.deepEqual([wav.sampleRate, wav.channels, wav.bitsPerSample], [44100, 2, 16]);
  const pcm = toSonicInput(wav);
  assert.equal(pcm.length, 16000 * 2 / 2, 'half a second of 16-bit samples at 16 kHz');
  const peak = Math.max(...Array.from({ length: pcm.length / 2 }, (_, i) => Math.abs(Buffer.from(pcm).readInt16LE(i * 2))));
  assert.ok(peak > 10000 && peak <= 12001, `amplitude kept: ${peak}`);
  assert.throws(() => parseWav(new TextEncoder().encode('not a wav file at all')), /Not a WAV file/);
});

test('Nova Sonic round trip: audio in, transcript and audio out, session closed after the answer', async () => {
  emu.scriptReplies(['Hello from Nova Sonic.']);
  const audio = toSonicInput(parseWav(stereoToneWav()));
  const seen: SpeakEvent['type'][] = [];
  const events = speak(ctx, { input: { audio }, system: 'You are a friendly assistant.', trailingSilenceMs: 200 });
  const result = await collectSpeech((async function* () { for await (const e of events) { seen.push(e.type); yield e; } })());
  assert.match(result.userTranscript, /ms of speech/);
  assert.equal(result.transcript, 'Hello from Nova Sonic.');
  assert.ok(result.audio.length > 0 && result.audio.length % 2 === 0);
  assert.equal(result.sampleRate, 24000);
  assert.ok(result.usage && result.usage.outputTokens > 0);
  assert.equal(seen.at(-1), 'end');
  assert.ok(seen.indexOf('transcript') < seen.indexOf('audio'), 'text arrives while audio streams');

  const wav = parseWav(writeWav(result.audio, result.sampleRate));
  assert.deepEqual([wav.sampleRate, wav.channels, wav.bitsPerSample, wav.data.length], [24000, 1, 16, result.audio.length]);

  const names = eventNames();
  assert.deepEqual(names.slice(0, 6), ['sessionStart', 'promptStart', 'contentStart', 'textInput', 'contentEnd', 'contentStart']);
  assert.deepEqual(names.slice(-3), ['contentEnd', 'promptEnd', 'sessionEnd']);
  const chunks = names.filter(n => n === 'audioInput').length;
  assert.equal(chunks, Math.ceil(audio.length / 1024) + Math.ceil(200 * 32 / 1024), '32 ms chunks of speech, then the trailing silence');
  const rec = emu.requests.at(-1)!;
  assert.equal(rec.httpVersion, '2.0');
  assert.equal(rec.auth, 'sigv4');
});

test('text input works the same way and the final transcript leaves out the speculative preview', async () => {
  emu.scriptReplies(['It is noon.\nSecond line not spoken.']);
  const events: SpeakEvent[] = [];
  for await (const e of speak(ctx, { input: { text: 'What time is it?' } })) events.push(e);
  const texts = events.filter((e): e is Extract<SpeakEvent, { type: 'transcript' }> => e.type === 'transcript');
  assert.deepEqual(texts.map(t => [t.role, t.final, t.text]), [['user', true, 'What time is it?'], ['assistant', false, 'It is noon.'], ['assistant', true, 'It is noon.']]);
});

test('a Bedrock API key is refused for the bidirectional stream with a clear message, before connecting', async () => {
  const before = emu.requests.length;
  try {
    for await (const _ of speak({ ...ctx, auth: bearer(emu) }, { input: { text: 'hi' } })) assert.fail('no events expected');
    assert.fail('expected a refusal');
  } catch (e) {
    assert.ok(e instanceof BedrockRequestError);
    assert.equal(e.info.kind, 'no-credentials');
    assert.match(e.info.message, /API keys are not accepted/);
    assert.deepEqual(e.info.action, { kind: 'sign-in' });
  }
  assert.equal(emu.requests.length, before);
});

test('aborting mid-answer ends the session promptly with the aborted error', async () => {
  emu.scriptReplies(['This answer is spoken slowly so that it can be interrupted part of the way through.']);
  const ac = new AbortController();
  const started = Date.now();
  let audioEvents = 0;
  try {
    for await (const e of speak({ ...ctx, signal: ac.signal }, { input: { text: 'Talk slowly' } })) {
      if (e.type === 'audio' && ++audioEvents === 2) ac.abort();
    }
    assert.fail('expected the aborted error');
  } catch (e) {
    assert.ok(e instanceof BedrockRequestError, String(e));
    assert.equal(e.info.kind, 'aborted', e.info.detail);
  }
  assert.equal(audioEvents, 2, 'no events after the abort');
  assert.ok(Date.now() - started < 3000);
});

test('the output reader: speculative vs final by content id, barge-in marker read as the interruption (not words), audio decoded', () => {
  const r = new SonicOutputReader(24000);
  const ev = (name: string, body: Record<string, unknown>) => [...r.push({ event: { [name]: body } })];
  assert.deepEqual(ev('contentStart', { contentId: 'a', role: 'ASSISTANT', additionalModelFields: '{"generationStage":"SPECULATIVE"}' }), []);
  assert.deepEqual(ev('textOutput', { contentId: 'a', role: 'ASSISTANT', content: 'Hi' }), [{ type: 'transcript', role: 'assistant', text: 'Hi', final: false }]);
  assert.deepEqual(ev('textOutput', { contentId: 'a', role: 'ASSISTANT', content: '{ "interrupted" : true }', completionId: 'c1' }), [{ type: 'interrupted' }]);
  assert.deepEqual(ev('contentEnd', { contentId: 'a', stopReason: 'INTERRUPTED', completionId: 'c1' }), [], 'one interruption per completion');
  assert.deepEqual(ev('contentEnd', { contentId: 'x', stopReason: 'INTERRUPTED', completionId: 'c2' }), [{ type: 'interrupted' }]);
  assert.deepEqual(ev('toolUse', { toolName: 'readFile', toolUseId: 't1', content: '{"path":"a.ts"}' }), [{ type: 'toolUse', toolUseId: 't1', toolName: 'readFile', input: '{"path":"a.ts"}' }]);
  ev('contentStart', { contentId: 'b', role: 'ASSISTANT', additionalModelFields: '{"generationStage":"FINAL"}' });
  assert.deepEqual(ev('textOutput', { contentId: 'b', role: 'ASSISTANT', content: 'Hi' }), [{ type: 'transcript', role: 'assistant', text: 'Hi', final: true }]);
  assert.deepEqual(ev('audioOutput', { content: Buffer.from([1, 0, 2, 0]).toString('base64') }), [{ type: 'audio', pcm: new Uint8Array([1, 0, 2, 0]), sampleRate: 24000 }]);
  assert.deepEqual(ev('completionEnd', { stopReason: 'END_TURN' }), [{ type: 'end', stopReason: 'END_TURN' }]);
});
