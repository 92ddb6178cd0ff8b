import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { chooseRecorder, isRecorderProblem, Recorder, type RecorderProblem } from '../../../src/voice/recorder';
import { detectRecorders, noRecorderMessage, parseCommandLine, type RecorderEnvironment } from '../../../src/voice/recorderCommand';

const dirs: string[] = [];
after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

/** A PATH folder holding fake executables (shell scripts) with these names and bodies. */
function fakeBin(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-rec-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`);
    fs.chmodSync(path.join(dir, name), 0o755);
  }
  return dir;
}

const env = (platform: RecorderEnvironment['platform'], ...bins: string[]): RecorderEnvironment =>
  ({ platform, env: { PATH: bins.join(platform === 'win32' ? ';' : ':'), ...(platform === 'win32' ? { PATHEXT: '.EXE;.CMD' } : {}) } });

test('Linux: SoX first (default device), then arecord, then FFmpeg on PulseAudio when pactl is there, else ALSA', () => {
  const all = fakeBin({ sox: '', arecord: '', ffmpeg: '' });
  const pulse = fakeBin({ pactl: '' });
  const found = detectRecorders(env('linux', all, pulse));
  assert.deepEqual(found.map(r => path.basename(r.command)), ['sox', 'arecord', 'ffmpeg']);
  assert.deepEqual(found[0].args, ['-q', '-d', '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'raw', '-']);
  assert.deepEqual(found[1].args, ['-q', '-D', 'default', '-f', 'S16_LE', '-r', '16000', '-c', '1', '-t', 'raw']);
  assert.deepEqual(found[2].args.slice(4), ['-f', 'pulse', '-i', 'default', '-ac', '1', '-ar', '16000', '-f', 's16le', '-acodec', 'pcm_s16le', '-']);
  const alsaOnly = detectRecorders({ platform: 'linux', env: { PATH: fakeBin({ ffmpeg: '' }) } });
  assert.deepEqual(alsaOnly[0].args.slice(4, 8), ['-f', 'alsa', '-i', 'default']);
  const recOnly = detectRecorders(env('linux', fakeBin({ rec: '' })));
  assert.deepEqual([path.basename(recOnly[0].command), recOnly[0].args[0]], ['rec', '-q']);
  // a file that is not executable is not a recorder
  const dir = fakeBin({});
  fs.writeFileSync(path.join(dir, 'sox'), 'not executable');
  assert.deepEqual(detectRecorders(env('linux', dir)), []);
});

test('macOS: SoX on CoreAudio, FFmpeg on AVFoundation device :0; no arecord there', () => {
  const found = detectRecorders(env('darwin', fakeBin({ sox: '', ffmpeg: '', arecord: '' })));
  assert.deepEqual(found.map(r => path.basename(r.command)), ['sox', 'ffmpeg']);
  assert.deepEqual(found[0].args.slice(0, 4), ['-q', '-t', 'coreaudio', 'default']);
  assert.deepEqual(found[1].args.slice(4, 8), ['-f', 'avfoundation', '-i', ':0']);
});

test('Windows: SoX on waveaudio; FFmpeg on DirectShow with the first microphone its device list names', async () => {
  const soxDir = fakeBin({ 'sox.exe': '' });
  assert.deepEqual(detectRecorders(env('win32', soxDir))[0].args.slice(0, 4), ['-q', '-t', 'waveaudio', 'default']);
  // the fake ffmpeg prints a DirectShow listing on stderr, as the real one does
  const ffDir = fakeBin({ 'ffmpeg.exe': `echo '[dshow @ 0x1] "Integrated Camera" (video)' >&2; echo '[dshow @ 0x1] "Microphone Array (Realtek(R) Audio)" (audio)' >&2; exit 1` });
  const chosen = await chooseRecorder('', env('win32', ffDir));
  assert.ok(!isRecorderProblem(chosen));
  assert.equal(path.basename(chosen.command), 'ffmpeg.exe');
  assert.deepEqual(chosen.args.slice(4, 8), ['-f', 'dshow', '-i', 'audio=Microphone Array (Realtek(R) Audio)']);
});

test('no recorder: the message says exactly what to install on each OS', async () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    const chosen = await chooseRecorder('', env(platform, fakeBin({ unrelated: '' })));
    assert.ok(isRecorderProblem(chosen), platform);
    assert.equal(chosen.kind, 'no-recorder');
    assert.equal(chosen.message, noRecorderMessage(platform));
  }
  assert.match(noRecorderMessage('linux'), /sudo apt install sox/);
  assert.match(noRecorderMessage('linux'), /alsa-utils/);
  assert.match(noRecorderMessage('darwin'), /brew install sox/);
  assert.match(noRecorderMessage('win32'), /winget install ChrisBagwell\.SoX/);
  assert.match(noRecorderMessage('win32'), /winget install Gyan\.FFmpeg/);
  for (const p of ['linux', 'darwin', 'win32'] as const) assert.match(noRecorderMessage(p), /bedrock\.voice\.recorderCommand/);
});

test('bedrock.voice.recorderCommand wins over detection and is split into words without a shell', async () => {
  const chosen = await chooseRecorder(`node "/path with space/play wav.js" --file 'a b.wav' plain\\ word`, env('linux', fakeBin({ sox: '' })));
  assert.ok(!isRecorderProblem(chosen));
  assert.equal(chosen.command, 'node');
  assert.deepEqual(chosen.args, ['/path with space/play wav.js', '--file', 'a b.wav', 'plain word']);
  assert.equal(parseCommandLine('   '), undefined);
});

function run(command: string, args: string[] = []): Promise<{ bytes: number; levels: number[]; problem?: RecorderProblem }> {
  return new Promise(resolve => {
    let bytes = 0;
    const levels: number[] = [];
    const rec = new Recorder({ command, args, label: 'test recorder' }, {
      audio: pcm => { bytes += pcm.length; },
      level: v => levels.push(v),
      ended: problem => resolve({ bytes, levels, ...(problem ? { problem } : {}) }),
    });
    rec.start();
  });
}

test('a recorder process: its stdout is the microphone (whole samples, a level per 100 ms); a busy device is told apart', async () => {
  // 0.5 s of a loud square wave: 8000 samples
  const dir = fakeBin({
    loud: `node -e "const b=Buffer.alloc(16000);for(let i=0;i<8000;i++)b.writeInt16LE(i%40<20?12000:-12000,i*2);process.stdout.write(b)"`,
    busy: `echo 'arecord: main:850: audio open error: Device or resource busy' >&2; exit 1`,
    broken: `echo 'unknown option -Q' >&2; exit 2`,
  });
  const ok = await run(path.join(dir, 'loud'));
  assert.equal(ok.bytes, 16000);
  assert.equal(ok.problem, undefined);
  assert.equal(ok.levels.length, 5);
  assert.ok(ok.levels.every(l => l > 0.5), `loud: ${ok.levels}`);
  const busy = await run(path.join(dir, 'busy'));
  assert.equal(busy.problem?.kind, 'device-busy');
  assert.match(busy.problem!.message, /Device or resource busy/);
  const broken = await run(path.join(dir, 'broken'));
  assert.equal(broken.problem?.kind, 'recorder-failed');
  assert.match(broken.problem!.message, /exit code 2 before any audio arrived: unknown option -Q/);
  const missing = await run(path.join(dir, 'does-not-exist'));
  assert.equal(missing.problem?.kind, 'recorder-failed');
  assert.match(missing.problem!.message, /was not found/);
});
