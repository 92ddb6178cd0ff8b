/**
 * Nova Sonic's bidirectional protocol as plain data: the input events the client sends (each `{ event: {…} }`
 * JSON in a `chunk`) and a reader for what the model sends back. No SDK here, so it is testable on its own.
 */
export type SonicInputEvent = { event: Record<string, Record<string, unknown>> };

export interface SonicSessionConfig {
  promptName: string;
  maxTokens: number;
  topP: number;
  temperature: number;
  voiceId: string;
  outputSampleRate: number;
  /** Tools the model may call (toolConfiguration in promptStart); results go back with `toolResult`. */
  tools?: SonicToolSpec[];
}

/** One tool as Sonic's promptStart declares it: the input schema travels as a JSON string. */
export interface SonicToolSpec {
  name: string;
  description: string;
  inputSchema: unknown;
}

const ev = (name: string, body: Record<string, unknown>): SonicInputEvent => ({ event: { [name]: body } });

export const sonicInput = {
  sessionStart: (c: SonicSessionConfig) => ev('sessionStart', { inferenceConfiguration: { maxTokens: c.maxTokens, topP: c.topP, temperature: c.temperature } }),
  promptStart: (c: SonicSessionConfig) => ev('promptStart', {
    promptName: c.promptName,
    textOutputConfiguration: { mediaType: 'text/plain' },
    audioOutputConfiguration: { mediaType: 'audio/lpcm', sampleRateHertz: c.outputSampleRate, sampleSizeBits: 16, channelCount: 1, voiceId: c.voiceId, encoding: 'base64', audioType: 'SPEECH' },
    ...(c.tools?.length ? {
      toolUseOutputConfiguration: { mediaType: 'application/json' },
      toolConfiguration: { tools: c.tools.map(t => ({ toolSpec: { name: t.name, description: t.description, inputSchema: { json: JSON.stringify(t.inputSchema ?? { type: 'object', properties: {} }) } } })) },
    } : {}),
  }),
  textStart: (promptName: string, contentName: string, role: 'SYSTEM' | 'USER' | 'ASSISTANT', interactive: boolean) => ev('contentStart', {
    promptName, contentName, type: 'TEXT', interactive, role, textInputConfiguration: { mediaType: 'text/plain' },
  }),
  textInput: (promptName: string, contentName: string, content: string) => ev('textInput', { promptName, contentName, content }),
  audioStart: (promptName: string, contentName: string) => ev('contentStart', {
    promptName, contentName, type: 'AUDIO', interactive: true, role: 'USER',
    audioInputConfiguration: { mediaType: 'audio/lpcm', sampleRateHertz: 16000, sampleSizeBits: 16, channelCount: 1, audioType: 'SPEECH', encoding: 'base64' },
  }),
  audioInput: (promptName: string, contentName: string, pcm: Uint8Array) => ev('audioInput', { promptName, contentName, content: Buffer.from(pcm).toString('base64') }),
  /** A tool's result: its own TOOL content block answering `toolUseId`. */
  toolResultStart: (promptName: string, contentName: string, toolUseId: string) => ev('contentStart', {
    promptName, contentName, type: 'TOOL', interactive: false, role: 'TOOL',
    toolResultInputConfiguration: { toolUseId, type: 'TEXT', textInputConfiguration: { mediaType: 'text/plain' } },
  }),
  toolResult: (promptName: string, contentName: string, content: string) => ev('toolResult', { promptName, contentName, content }),
  contentEnd: (promptName: string, contentName: string) => ev('contentEnd', { promptName, contentName }),
  promptEnd: (promptName: string) => ev('promptEnd', { promptName }),
  sessionEnd: () => ev('sessionEnd', {}),
};

/** What a speech session yields to its caller. */
export type SpeakEvent =
  /** A transcript piece: the user's recognised speech, or the assistant's words (`final` false = speculative preview). */
  | { type: 'transcript'; role: 'user' | 'assistant'; text: string; final: boolean }
  /** 16-bit mono LPCM at `sampleRate`. */
  | { type: 'audio'; pcm: Uint8Array; sampleRate: number }
  | { type: 'usage'; inputTokens: number; outputTokens: number }
  /** The model asks for a tool; answer with a toolResult for `toolUseId` on the same stream. `input` is its JSON text. */
  | { type: 'toolUse'; toolUseId: string; toolName: string; input: string }
  /** The user spoke over the model (barge-in): stop playing what is queued; the turn ends as interrupted. */
  | { type: 'interrupted' }
  /** The model finished answering the turn. */
  | { type: 'end'; stopReason?: string };

/** Reads model → client events, remembering each content block's role and generation stage. */
export class SonicOutputReader {
  private readonly stages = new Map<string, string>();
  /** Completions already reported as interrupted: Sonic signals it twice (text marker and contentEnd). */
  private readonly interrupted = new Set<string>();

  constructor(private readonly outputSampleRate: number) {}

  *push(json: unknown): Generator<SpeakEvent> {
    const event = (json as { event?: Record<string, Record<string, unknown>> } | undefined)?.event ?? {};
    const [name, v] = Object.entries(event)[0] ?? ['', {}];
    switch (name) {
      case 'contentStart': {
        const fields = typeof v.additionalModelFields === 'string' ? safeJson(v.additionalModelFields) : undefined;
        const stage = (fields as { generationStage?: string } | undefined)?.generationStage;
        if (typeof v.contentId === 'string' && stage) this.stages.set(v.contentId, stage);
        break;
      }
      case 'textOutput': {
        const text = String(v.content ?? '');
        // On barge-in the model sends this marker as text; it is a signal, not words.
        if (/^\s*\{\s*"interrupted"\s*:\s*true\s*\}\s*$/.test(text)) { yield* this.interruption(v); break; }
        if (!text) break;
        const role = v.role === 'USER' ? 'user' : 'assistant';
        const stage = typeof v.contentId === 'string' ? this.stages.get(v.contentId) : undefined;
        yield { type: 'transcript', role, text, final: role === 'user' || stage !== 'SPECULATIVE' };
        break;
      }
      case 'audioOutput':
        if (typeof v.content === 'string' && v.content) yield { type: 'audio', pcm: new Uint8Array(Buffer.from(v.content, 'base64')), sampleRate: this.outputSampleRate };
        break;
      case 'contentEnd':
        if (v.stopReason === 'INTERRUPTED') yield* this.interruption(v);
        break;
      case 'toolUse':
        yield { type: 'toolUse', toolUseId: String(v.toolUseId ?? ''), toolName: String(v.toolName ?? ''), input: typeof v.content === 'string' ? v.content : JSON.stringify(v.content ?? {}) };
        break;
      case 'usageEvent':
        yield { type: 'usage', inputTokens: Number(v.totalInputTokens ?? 0), outputTokens: Number(v.totalOutputTokens ?? 0) };
        break;
      case 'completionEnd':
        yield { type: 'end', ...(typeof v.stopReason === 'string' ? { stopReason: v.stopReason } : {}) };
        break;
    }
  }

  private *interruption(v: Record<string, unknown>): Generator<SpeakEvent> {
    const key = typeof v.completionId === 'string' ? v.completionId : '';
    if (key && this.interrupted.has(key)) return;
    if (key) this.interrupted.add(key);
    yield { type: 'interrupted' };
  }
}

function safeJson(s: string): unknown {
  try { return JSON.parse(s); } catch { return undefined; }
}
