/**
 * Messages between the Voice view's page and the extension host. The host owns the microphone (a recorder
 * process), the Sonic session and the transcript; the page shows them and plays the answer's audio.
 */
import type { TranscriptEntry } from './transcript';

export type VoiceMode = 'hands-free' | 'push-to-talk';

export interface VoiceModelChoice {
  id: string;
  name: string;
  voices: string[];
  /** Nova 2 Sonic answers typed turns; Nova Sonic (v1) takes speech only. */
  textInput: boolean;
}

export interface VoiceSettings {
  modelId: string;
  voiceId: string;
  system: string;
  mode: VoiceMode;
  /** Let Sonic call the read-only workspace tools. */
  tools: boolean;
}

export type VoiceStatus = 'idle' | 'starting' | 'listening' | 'reconnecting' | 'stopping' | 'ended';

/** An error as the page shows it: one sentence and the button for the next step. */
export interface VoiceErrorView {
  message: string;
  actionLabel?: string;
}

export type VoiceHostMessage =
  | { type: 'init'; models: VoiceModelChoice[]; settings: VoiceSettings; recorder: string }
  | { type: 'status'; status: VoiceStatus; detail?: string }
  | { type: 'transcript'; entries: TranscriptEntry[] }
  /** A chunk of the answer's speech: base64 16-bit mono LPCM. */
  | { type: 'audio'; pcm: string; sampleRate: number }
  /** Barge-in: stop playing now. */
  | { type: 'interrupted' }
  | { type: 'level'; value: number }
  | { type: 'error'; error: VoiceErrorView | undefined };

export type VoiceWebviewMessage =
  | { type: 'ready' }
  | { type: 'start'; settings: VoiceSettings }
  | { type: 'stop' }
  | { type: 'talk'; pressed: boolean }
  | { type: 'text'; text: string }
  | { type: 'export'; what: 'markdown' | 'wav' }
  | { type: 'errorAction' };

const isString = (v: unknown): v is string => typeof v === 'string';

function isSettings(v: unknown): v is VoiceSettings {
  const s = v as Partial<VoiceSettings> | undefined;
  return !!s && isString(s.modelId) && isString(s.voiceId) && isString(s.system) && (s.mode === 'hands-free' || s.mode === 'push-to-talk') && typeof s.tools === 'boolean'
    && s.modelId.length < 300 && s.voiceId.length < 100 && s.system.length < 40_000;
}

/** Whether a message from the page is one the protocol allows (the page is not trusted blindly). */
export function isVoiceWebviewMessage(m: unknown): m is VoiceWebviewMessage {
  const v = m as { type?: unknown } & Record<string, unknown>;
  if (!v || typeof v !== 'object') return false;
  switch (v.type) {
    case 'ready': case 'stop': case 'errorAction': return true;
    case 'start': return isSettings(v.settings);
    case 'talk': return typeof v.pressed === 'boolean';
    case 'text': return isString(v.text) && v.text.length < 10_000;
    case 'export': return v.what === 'markdown' || v.what === 'wav';
    default: return false;
  }
}
