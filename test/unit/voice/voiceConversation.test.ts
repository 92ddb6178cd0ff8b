import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../emulator';
import { BedrockRequestError, toBedrockError } from '../../../src/service/errors';
import { writeWav, type RuntimeContext } from '../../../src/service/runtime';
import type { VoiceHostMessage, VoiceSettings } from '../../../src/voice/protocol';
import { VoiceConversation } from '../../../src/voice/voiceConversation';
import { sigv4 } from '../service/emulatorRouter';

const PLAYER = path.resolve(__dirname, '../../../../test/fixtures/voice/play-wav.js');
let emu: Emulator;
let ctx: RuntimeContext;
let dir: string;
before(async () => {
  emu = await startEmulator();
  ctx = { region: emu.region, endpoint: emu.runtimeEndpoint, auth: sigv4(emu) };
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-voice-'));
});
after(async () => { await emu.close(); fs.rmSync(dir, { recursive: true, force: true }); });

/** A 16 kHz mono WAV: [speech ms, silence ms] pairs, speech as a loud tone (the emulator's ear hears loudness). */
function speechWav(name: string, parts: Array<[number, number]>): string {
  const chunks = parts.flatMap(([speech, quiet]) => {
    const s = Buffer.alloc(speech * 32);
    for (let i = 0; i < speech * 16; i++) s.writeInt16LE(Math.round(Math.sin(2 * Math.PI * 250 * i / 16000) * 12000), i * 2);
    return [s, Buffer.alloc(quiet * 32)];
  });
  const file = path.join(dir, name);
  fs.writeFileSync(file, writeWav(Buffer.concat(chunks), 16000));
  return file;
}

const SETTINGS: VoiceSettings = { modelId: 'amazon.nova-2-sonic-v1:0', voiceId: 'tiffany', system: 'Be brief.', mode: 'hands-free', tools: false };

type OnPost = (m: VoiceHostMessage, c: VoiceConversation) => void;

function conversationWith(recorder: { command: string; args: string[] } | 'none', onPost: OnPost = () => undefined) {
  const posted: VoiceHostMessage[] = [];
  const hook = { onPost };
  const c: VoiceConversation = new VoiceConversation({
    context: async () => ctx,
    chooseRecorder: async () => recorder === 'none' ? { kind: 'no-recorder', message: 'No audio recorder was found (test).' } : { ...recorder, label: 'test WAV player' },
    post: m => { posted.push(m); hook.onPost(m, c); },
    errorOf: e => e instanceof BedrockRequestError ? e.info : toBedrockError(e, { region: emu.region }),
    runTool: async () => ({ result: '{}', summary: 'tool' }),
    tools: [],
    log: () => undefined,
  });
  return { c, posted, hook };
}

function lastOf<T extends VoiceHostMessage['type']>(posted: VoiceHostMessage[], type: T): Extract<VoiceHostMessage, { type: T }> | undefined {
  return [...posted].reverse().find((m): m is Extract<VoiceHostMessage, { type: T }> => m.type === type);
}

const doneAnswers = (m: VoiceHostMessage) => m.type === 'transcript' ? m.entries.filter(e => e.role === 'assistant' && e.done).length : 0;

test('spoken turns from the recorder: both answered on one stream; the page is sent exactly the audio the emulator spoke', async () => {
  emu.scriptReplies(['Hello there.', 'Goodbye now friend.']);
  const wav = speechWav('two-turns.wav', [[320, 800], [256, 800]]);
  const before = emu.requests.length;
  let stopping = false;
  const { c, posted } = conversationWith({ command: process.execPath, args: [PLAYER, wav, '--then-silence'] }, (m, conv) => {
    if (!stopping && doneAnswers(m) === 2) { stopping = true; void conv.stop(); }
  });
  await c.start(SETTINGS);
  await c.done;
  const last = lastOf(posted, 'transcript');
  assert.ok(last);
  assert.deepEqual(last.entries.map(e => `${e.role}: ${e.text}${e.interrupted ? ' (cut)' : ''}`), ['user: (320 ms of speech)', 'assistant: Hello there.', 'user: (256 ms of speech)', 'assistant: Goodbye now friend.']);
  const streams = emu.requests.slice(before).filter(r => r.route === 'invoke-with-bidirectional-stream');
  assert.equal(streams.length, 1);
  const audioToPage = posted.reduce((n, m) => n + (m.type === 'audio' ? Buffer.from(m.pcm, 'base64').length : 0), 0);
  assert.equal(audioToPage, streams[0].sonic!.audioBytes.reduce((a, b) => a + b, 0));
  assert.equal(audioToPage, (2 + 3) * 120 * 48, 'one 120 ms tone per spoken word');
  assert.ok(posted.some(m => m.type === 'level' && m.value > 0.3), 'the level meter saw the speech');
  assert.deepEqual(lastOf(posted, 'status'), { type: 'status', status: 'ended' });
  const wavOut = c.audio.wav();
  assert.equal(Buffer.from(wavOut).readUInt16LE(22), 2, 'stereo: you left, Nova Sonic right');
  assert.match(c.transcript.markdown('Voice'), /\*\*You:\*\* \(320 ms of speech\)\n\n\*\*Nova Sonic:\*\* Hello there\./);
});

test('no recorder: the view is told what to install and typed turns still work; what was said is kept', async () => {
  emu.scriptReplies(['Typed answer.']);
  let sent = false;
  const { c, posted } = conversationWith('none', (m, conv) => {
    if (m.type === 'status' && m.status === 'listening' && !sent) { sent = true; conv.text('Hello by keyboard'); }
    if (doneAnswers(m) === 1) void conv.stop();
  });
  await c.start(SETTINGS);
  await c.done;
  const error = posted.find(m => m.type === 'error' && m.error);
  assert.ok(error?.type === 'error');
  assert.deepEqual(error.error, { message: 'No audio recorder was found (test).', actionLabel: 'Open Settings' });
  assert.deepEqual(c.transcript.entries.map(e => `${e.role}: ${e.text}`), ['user: Hello by keyboard', 'assistant: Typed answer.']);
});

test('a failure mid-conversation (throttling) is shown with its next step; the transcript stays and Start Again carries it on', async () => {
  emu.scriptReplies(['First.']);
  const { c, posted, hook } = conversationWith('none', (m, conv) => {
    if (m.type === 'status' && m.status === 'listening') conv.text('One');
    if (doneAnswers(m) === 1) void conv.stop();
  });
  await c.start(SETTINGS);
  await c.done;
  emu.scriptFaults(['throttling']);
  hook.onPost = () => undefined;
  await c.start(SETTINGS);
  await c.done;
  const error = lastOf(posted, 'error');
  assert.ok(error?.error);
  assert.match(error.error.message, /throttling/i);
  assert.equal(error.error.actionLabel, 'Start Again');
  assert.deepEqual(c.transcript.entries.map(e => `${e.role}: ${e.text}`), ['user: One', 'assistant: First.'], 'kept');
  // starting again sends the conversation so far as history
  emu.scriptReplies(['Second.']);
  hook.onPost = (m, conv) => {
    if (m.type === 'status' && m.status === 'listening') conv.text('Two');
    if (doneAnswers(m) === 2) void conv.stop();
  };
  await c.start(SETTINGS);
  await c.done;
  const body = emu.requests.filter(r => r.route === 'invoke-with-bidirectional-stream').at(-1)!.body as Array<Record<string, Record<string, unknown>>>;
  assert.deepEqual(body.filter(e => e.textInput).map(e => e.textInput.content), ['Be brief.', 'One', 'First.', 'Two']);
  assert.deepEqual(c.transcript.entries.map(e => `${e.role}: ${e.text}`), ['user: One', 'assistant: First.', 'user: Two', 'assistant: Second.']);
});

test('a busy microphone: said with its cause, typed turns still work, and the button tries the microphone again', async () => {
  const busy = path.join(dir, 'busy-recorder.sh');
  fs.writeFileSync(busy, `#!/bin/sh\necho 'arecord: main:850: audio open error: Device or resource busy' >&2\nexit 1\n`);
  fs.chmodSync(busy, 0o755);
  const { c, posted, hook } = conversationWith({ command: busy, args: [] });
  const errors = () => posted.filter((m): m is Extract<VoiceHostMessage, { type: 'error' }> => m.type === 'error' && !!m.error);
  const shown = new Promise<void>(resolve => { hook.onPost = () => { if (errors().length) resolve(); }; });
  await c.start(SETTINGS);
  await shown;
  assert.match(errors()[0].error!.message, /Device or resource busy.*Typed turns still work\./);
  assert.equal(errors()[0].error!.actionLabel, 'Try the Microphone Again');
  const again = new Promise<void>(resolve => { hook.onPost = () => { if (errors().length === 2) resolve(); }; });
  assert.equal(await c.retryMicrophone(), 'retried');
  await again;
  await c.stop();
});

test('expired credentials end the session with Sign In as the next step, and what was said stays', async () => {
  emu.scriptReplies(['Before expiry.']);
  const { c, posted, hook } = conversationWith('none', (m, conv) => {
    if (m.type === 'status' && m.status === 'listening') conv.text('Hello');
    if (doneAnswers(m) === 1) void conv.stop();
  });
  await c.start(SETTINGS);
  await c.done;
  emu.scriptFaults(['expired-token']);
  hook.onPost = () => undefined;
  await c.start(SETTINGS);
  await c.done;
  const error = lastOf(posted, 'error');
  assert.deepEqual(error?.error, { message: 'Your AWS credentials have expired.', actionLabel: 'Sign In' });
  assert.deepEqual(c.transcript.entries.map(e => e.text), ['Hello', 'Before expiry.']);
});
