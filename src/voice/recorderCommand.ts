import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Which system recorder captures the microphone, and with which arguments. VS Code webviews get no microphone, so
 * the extension host runs a recorder that writes Nova Sonic's input format — 16 kHz, mono, 16-bit signed
 * little-endian PCM — to stdout. Pure functions of the platform and environment, so they are testable anywhere.
 */
export type RecorderPlatform = 'linux' | 'darwin' | 'win32';

export interface RecorderCommand {
  /** Absolute path of the executable (or the user's command as given). */
  command: string;
  args: string[];
  /** What it is, for the view and the log: e.g. "SoX (ALSA/PulseAudio default device)". */
  label: string;
}

export interface RecorderEnvironment {
  platform: RecorderPlatform;
  env: NodeJS.ProcessEnv;
  /** Whether a file exists and is executable (injected in tests). */
  isExecutable?: (file: string) => boolean;
}

/** The raw stream every recorder must produce. */
const SOX_OUTPUT = ['-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'raw', '-'];
const FFMPEG_OUTPUT = ['-ac', '1', '-ar', '16000', '-f', 's16le', '-acodec', 'pcm_s16le', '-'];
const FFMPEG_QUIET = ['-hide_banner', '-nostats', '-loglevel', 'error'];

function defaultIsExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `name` resolved on PATH as the platform does it (PATHEXT on Windows), or undefined. */
export function findOnPath(name: string, e: RecorderEnvironment): string | undefined {
  const isExecutable = e.isExecutable ?? defaultIsExecutable;
  const sep = e.platform === 'win32' ? ';' : ':';
  const pathVar = e.env.PATH ?? e.env.Path ?? '';
  const exts = e.platform === 'win32' ? ['', ...(e.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean).map(x => x.toLowerCase())] : [''];
  for (const dir of pathVar.split(sep).filter(Boolean)) {
    // Windows PATH entries use backslashes; forward-slash entries (tests, MSYS) join the POSIX way
    const join = e.platform === 'win32' && dir.includes('\\') ? path.win32.join : path.posix.join;
    for (const ext of exts) {
      const file = join(dir, name + ext);
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}

/** PulseAudio (or PipeWire's pulse server) is there: ffmpeg then records from it rather than from raw ALSA. */
function hasPulse(e: RecorderEnvironment): boolean {
  return Boolean(e.env.PULSE_SERVER) || Boolean(findOnPath('pactl', e)) || Boolean(e.env.XDG_RUNTIME_DIR && fs.existsSync(path.posix.join(e.env.XDG_RUNTIME_DIR, 'pulse', 'native')));
}

/**
 * The recorders to try, best first: SoX (`sox`, or its `rec` alias), ALSA's `arecord` (Linux), FFmpeg. Each with
 * its platform's default-device arguments: ALSA/PulseAudio default on Linux, CoreAudio (SoX) / AVFoundation device
 * :0 (FFmpeg) on macOS, waveaudio (SoX) / DirectShow (FFmpeg, the device named by `dshowDevice`) on Windows.
 */
export function detectRecorders(e: RecorderEnvironment, dshowDevice?: string): RecorderCommand[] {
  const found: RecorderCommand[] = [];
  const sox = findOnPath('sox', e);
  const rec = findOnPath('rec', e);
  if (sox) {
    const input = e.platform === 'darwin' ? ['-t', 'coreaudio', 'default'] : e.platform === 'win32' ? ['-t', 'waveaudio', 'default'] : ['-d'];
    const where = e.platform === 'darwin' ? 'CoreAudio default input' : e.platform === 'win32' ? 'waveaudio default input' : 'default input (ALSA/PulseAudio)';
    found.push({ command: sox, args: ['-q', ...input, ...SOX_OUTPUT], label: `SoX, ${where}` });
  } else if (rec) {
    found.push({ command: rec, args: ['-q', ...SOX_OUTPUT], label: 'SoX rec, default input' });
  }
  if (e.platform === 'linux') {
    const arecord = findOnPath('arecord', e);
    if (arecord) found.push({ command: arecord, args: ['-q', '-D', 'default', '-f', 'S16_LE', '-r', '16000', '-c', '1', '-t', 'raw'], label: 'arecord (ALSA default device)' });
  }
  const ffmpeg = findOnPath('ffmpeg', e);
  if (ffmpeg) {
    if (e.platform === 'linux') {
      const pulse = hasPulse(e);
      found.push({ command: ffmpeg, args: [...FFMPEG_QUIET, '-f', pulse ? 'pulse' : 'alsa', '-i', 'default', ...FFMPEG_OUTPUT], label: `FFmpeg (${pulse ? 'PulseAudio' : 'ALSA'} default device)` });
    } else if (e.platform === 'darwin') {
      found.push({ command: ffmpeg, args: [...FFMPEG_QUIET, '-f', 'avfoundation', '-i', ':0', ...FFMPEG_OUTPUT], label: 'FFmpeg (AVFoundation audio device 0)' });
    } else if (dshowDevice) {
      found.push({ command: ffmpeg, args: [...FFMPEG_QUIET, '-f', 'dshow', '-i', `audio=${dshowDevice}`, ...FFMPEG_OUTPUT], label: `FFmpeg (DirectShow "${dshowDevice}")` });
    }
  }
  return found;
}

/** The first audio device in `ffmpeg -list_devices true -f dshow -i dummy` output (it prints the list on stderr). */
export function firstDshowAudioDevice(listing: string): string | undefined {
  // Newer FFmpeg: `"Microphone (Realtek Audio)" (audio)`; older: a "DirectShow audio devices" header, then names.
  const tagged = /"([^"]+)"\s*\(audio\)/.exec(listing);
  if (tagged) return tagged[1];
  const section = listing.split(/DirectShow audio devices/i)[1];
  return section ? /"([^"]+)"/.exec(section)?.[1] : undefined;
}

/** What to install, per platform, when no recorder is found: one sentence the view shows as is. */
export function noRecorderMessage(platform: RecorderPlatform): string {
  switch (platform) {
    case 'darwin':
      return 'No audio recorder was found to capture the microphone: install SoX (`brew install sox`) or FFmpeg (`brew install ffmpeg`), or set `bedrock.voice.recorderCommand`.';
    case 'win32':
      return 'No audio recorder was found to capture the microphone: install SoX (`winget install ChrisBagwell.SoX`) or FFmpeg (`winget install Gyan.FFmpeg`) and make sure it is on PATH, or set `bedrock.voice.recorderCommand`.';
    default:
      return 'No audio recorder was found to capture the microphone: install SoX (`sudo apt install sox`, `sudo dnf install sox`), ALSA\'s arecord (`sudo apt install alsa-utils`) or FFmpeg (`sudo apt install ffmpeg`), or set `bedrock.voice.recorderCommand`.';
  }
}

/**
 * A `bedrock.voice.recorderCommand` value → program and arguments. Split like a shell word list (double or single
 * quotes group, backslash escapes outside single quotes) but never run through a shell.
 */
export function parseCommandLine(line: string): { command: string; args: string[] } | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += ch;
    } else if (ch === '"' || ch === "'") { quote = ch; inWord = true; }
    else if (/\s/.test(ch)) { if (inWord) words.push(word); word = ''; inWord = false; }
    else if (ch === '\\' && i + 1 < line.length && /[\s"'\\]/.test(line[i + 1])) { word += line[++i]; inWord = true; }
    else { word += ch; inWord = true; }
  }
  if (inWord) words.push(word);
  if (!words.length) return undefined;
  return { command: words[0], args: words.slice(1) };
}
