import { spawn, type ChildProcess } from 'node:child_process';
import { detectRecorders, findOnPath, firstDshowAudioDevice, noRecorderMessage, parseCommandLine, type RecorderCommand, type RecorderEnvironment } from './recorderCommand';

/** Why the microphone cannot be used, with what the view offers next. */
export interface RecorderProblem {
  kind: 'no-recorder' | 'device-busy' | 'recorder-failed';
  message: string;
}

/** Runs a program and returns what it printed (stdout and stderr), for ffmpeg's DirectShow device list. */
export type RunForOutput = (command: string, args: string[]) => Promise<string>;

const runForOutput: RunForOutput = (command, args) => new Promise(resolve => {
  let out = '';
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  child.stdout.on('data', (d: Buffer) => { out += d.toString('utf8'); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString('utf8'); });
  child.on('error', () => resolve(out));
  child.on('close', () => resolve(out));
});

/**
 * The recorder to use: `bedrock.voice.recorderCommand` when set (as the user wrote it, no shell), else the first one
 * found on PATH (see detectRecorders); on Windows FFmpeg is asked for its first DirectShow microphone.
 */
export async function chooseRecorder(setting: string, e: RecorderEnvironment, run: RunForOutput = runForOutput): Promise<RecorderCommand | RecorderProblem> {
  if (setting.trim()) {
    const parsed = parseCommandLine(setting.trim());
    if (parsed) return { ...parsed, label: `bedrock.voice.recorderCommand (${parsed.command})` };
  }
  let dshow: string | undefined;
  if (e.platform === 'win32' && !findOnPath('sox', e) && !findOnPath('rec', e)) {
    const ffmpeg = findOnPath('ffmpeg', e);
    if (ffmpeg) dshow = firstDshowAudioDevice(await run(ffmpeg, ['-hide_banner', '-list_devices', 'true', '-f', 'dshow', '-i', 'dummy']));
  }
  return detectRecorders(e, dshow)[0] ?? { kind: 'no-recorder', message: noRecorderMessage(e.platform) };
}

export function isRecorderProblem(x: RecorderCommand | RecorderProblem): x is RecorderProblem {
  return 'kind' in x;
}

export interface RecorderListener {
  /** 16 kHz 16-bit mono PCM as it arrives. */
  audio(pcm: Uint8Array): void;
  /** Input level 0…1 (RMS of the last ~100 ms), for the meter. */
  level(value: number): void;
  /** The recorder stopped: on its own (a problem, or a file that ended) or because stop() was called. */
  ended(problem?: RecorderProblem): void;
}

const BUSY = /busy|in use|resource temporarily unavailable|could not open|cannot open|can't open|failed to open|permission denied|not permitted|no such device|error opening input/i;

/** One running recorder process; its stdout is the microphone. */
export class Recorder {
  private child: ChildProcess | undefined;
  private stopped = false;
  private stderr = '';
  private levelSum = 0;
  private levelCount = 0;
  private bytes = 0;

  constructor(readonly command: RecorderCommand, private readonly listener: RecorderListener) {}

  get receivedBytes(): number { return this.bytes; }

  start(): void {
    const child = spawn(this.command.command, this.command.args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    this.child = child;
    let odd: Buffer | undefined;
    child.stdout?.on('data', (d: Buffer) => {
      // keep whole 16-bit samples: a pipe may split one
      const data = odd ? Buffer.concat([odd, d]) : d;
      const even = data.length & ~1;
      odd = even < data.length ? data.subarray(even) : undefined;
      if (!even) return;
      const pcm = new Uint8Array(data.subarray(0, even));
      this.bytes += pcm.length;
      this.meter(pcm);
      this.listener.audio(pcm);
    });
    child.stderr?.on('data', (d: Buffer) => { this.stderr = (this.stderr + d.toString('utf8')).slice(-2000); });
    child.on('error', (err: NodeJS.ErrnoException) => this.finish(err.code === 'ENOENT'
      ? { kind: 'recorder-failed', message: `The recorder ${this.command.label} could not be started: ${this.command.command} was not found.` }
      : { kind: 'recorder-failed', message: `The recorder ${this.command.label} could not be started: ${err.message}` }));
    child.on('close', code => this.finish(this.problemOnExit(code)));
  }

  stop(): void {
    this.stopped = true;
    this.child?.kill();
  }

  private problemOnExit(code: number | null): RecorderProblem | undefined {
    if (this.stopped || (code === 0 && this.bytes > 0)) return undefined;
    const said = this.stderr.trim().split(/\r?\n/).filter(Boolean).pop() ?? '';
    if (BUSY.test(this.stderr)) {
      return { kind: 'device-busy', message: `The microphone could not be opened (${this.command.label}${said ? `: ${said}` : ''}); it may be in use by another program or blocked by the system's microphone permission.` };
    }
    if (this.bytes > 0) return undefined;
    return { kind: 'recorder-failed', message: `The recorder ${this.command.label} stopped${code === null ? '' : ` with exit code ${code}`} before any audio arrived${said ? `: ${said}` : '.'}` };
  }

  private finished = false;
  private finish(problem?: RecorderProblem): void {
    if (this.finished) return;
    this.finished = true;
    this.listener.ended(problem);
  }

  private meter(pcm: Uint8Array): void {
    const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
    for (let i = 0; i + 1 < pcm.length; i += 2) {
      const v = view.getInt16(i, true) / 32768;
      this.levelSum += v * v;
      if (++this.levelCount < 1600) continue; // 100 ms at 16 kHz
      this.listener.level(Math.min(1, Math.sqrt(this.levelSum / this.levelCount) * 4));
      this.levelSum = 0;
      this.levelCount = 0;
    }
  }
}
