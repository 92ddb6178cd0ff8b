import { actionLabel } from '../frontEndKit/errors/errorActionLabel';
import type { BedrockError } from '../service/errors';
import { NOVA_2_SONIC_MODEL, NOVA_SONIC_MODEL, SonicSession, type RuntimeContext, type SonicHistoryTurn, type SonicToolSpec } from '../service/runtime';
import { ConversationAudio } from './conversationAudio';
import type { VoiceErrorView, VoiceHostMessage, VoiceModelChoice, VoiceSettings } from './protocol';
import { isRecorderProblem, Recorder, type RecorderProblem } from './recorder';
import type { RecorderCommand } from './recorderCommand';
import { Transcript } from './transcript';

/** Nova Sonic's voices (v1), and Nova 2 Sonic's wider set (more languages); the page also takes any other id. */
export const SONIC_VOICES = ['matthew', 'tiffany', 'amy', 'ambre', 'florian', 'beatrice', 'lorenzo', 'greta', 'lennart', 'lupe', 'carlos'];
export const SONIC_2_VOICES = [...SONIC_VOICES, 'olivia', 'kiara', 'arjun', 'carolina', 'leo'];

/** The speech-to-speech models the view offers, from the catalogue's bidirectional models (or the two known ones). */
export function voiceModels(catalogue: Array<{ id: string; name: string; bidirectional?: boolean }> | undefined): VoiceModelChoice[] {
  const listed = (catalogue ?? []).filter(m => m.bidirectional).map(m => ({ id: m.id, name: m.name }));
  const models = listed.length ? listed : [{ id: NOVA_2_SONIC_MODEL, name: 'Nova 2 Sonic' }, { id: NOVA_SONIC_MODEL, name: 'Nova Sonic' }];
  return models.map(m => {
    const v2 = /nova-2-sonic/.test(m.id);
    return { ...m, voices: v2 ? SONIC_2_VOICES : SONIC_VOICES, textInput: v2 };
  });
}

export interface VoiceConversationDeps {
  /** A fresh RuntimeContext per stream (credentials may change between reconnects). */
  context(): Promise<RuntimeContext>;
  chooseRecorder(): Promise<RecorderCommand | RecorderProblem>;
  post(m: VoiceHostMessage): void;
  /** BedrockRequestError / anything thrown → the user-facing error (with its next step). */
  errorOf(e: unknown): BedrockError;
  /** Runs a tool call: JSON text for Sonic and a line for the transcript. */
  runTool(name: string, input: string): Promise<{ result: string; summary: string }>;
  tools: SonicToolSpec[];
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

/**
 * One voice conversation, as the Voice view runs it: the recorder's audio goes to a SonicSession (as silence while
 * push-to-talk is released), Sonic's events become the transcript and the page's audio, tool calls are answered,
 * and a failure becomes an error in the view with its next step — the transcript and audio so far are kept, and
 * starting again carries the conversation on as history.
 */
export class VoiceConversation {
  readonly transcript = new Transcript();
  private started = 0;
  readonly audio = new ConversationAudio(() => Date.now() - this.started);
  private session: SonicSession | undefined;
  private recorder: Recorder | undefined;
  private settings: VoiceSettings | undefined;
  private talking = false;
  private running: Promise<void> | undefined;
  /** The last failure's error, whose button the page may press. */
  lastError: BedrockError | undefined;
  /** The last error is the microphone's (its button retries the recorder, not the session). */
  private recorderFailed: RecorderProblem | undefined;
  private history: SonicHistoryTurn[] = [];
  /** Typed turns already in the transcript, whose echo as a USER transcript is not added again. */
  private readonly typedEchoes: string[] = [];

  constructor(private readonly deps: VoiceConversationDeps) {}

  get active(): boolean { return this.session !== undefined; }
  /** Settles when the current session has ended (tests and the stop button wait for it). */
  get done(): Promise<void> { return this.running ?? Promise.resolve(); }

  /** Starts a session (and the microphone). A second start while one runs is ignored. */
  async start(settings: VoiceSettings): Promise<void> {
    if (this.session) return;
    this.settings = settings;
    this.talking = settings.mode === 'hands-free';
    this.setError(undefined);
    this.deps.post({ type: 'status', status: 'starting' });
    if (!this.started) this.started = Date.now();
    const session = new SonicSession(() => this.deps.context(), {
      modelId: settings.modelId, voiceId: settings.voiceId, ...(settings.system.trim() ? { system: settings.system } : {}),
      ...(settings.tools ? { tools: this.deps.tools } : {}),
      history: this.history,
    });
    this.session = session;
    this.running = this.run(session);
    await this.startRecorder(session);
  }

  private async startRecorder(session: SonicSession): Promise<void> {
    const chosen = await this.deps.chooseRecorder();
    if (this.session !== session) return;
    if (isRecorderProblem(chosen)) {
      // the conversation goes on with typed turns; the view says what to install
      this.showRecorderProblem(chosen);
      return;
    }
    this.deps.log('info', `voice: recording with ${chosen.label}`);
    const recorder = new Recorder(chosen, {
      audio: pcm => {
        const sent = this.talking ? pcm : new Uint8Array(pcm.length);
        this.audio.userAudio(sent);
        session.sendAudio(sent);
      },
      level: value => this.deps.post({ type: 'level', value: this.talking ? value : 0 }),
      ended: problem => {
        if (this.recorder === recorder) this.recorder = undefined;
        if (problem && this.session === session) this.showRecorderProblem(problem);
      },
    });
    this.recorder = recorder;
    recorder.start();
  }

  private showRecorderProblem(p: RecorderProblem): void {
    this.deps.log('warn', `voice: ${p.message}`);
    // nothing installed: the setting (or an install) is the way on; a busy or failing device: try it again
    const noRecorder = p.kind === 'no-recorder';
    this.setError({ kind: 'unknown', message: noRecorder ? p.message : `${p.message} Typed turns still work.`, detail: p.message, retryable: !noRecorder, action: noRecorder ? { kind: 'open-settings' } : { kind: 'retry' } }, noRecorder ? 'Open Settings' : 'Try the Microphone Again');
    this.recorderFailed = p;
  }

  /** What the error button does when the microphone failed: 'settings' to open them, 'retried' when it restarted. */
  async retryMicrophone(): Promise<'settings' | 'retried' | 'not-a-microphone-error'> {
    const p = this.recorderFailed;
    if (!p) return 'not-a-microphone-error';
    if (p.kind === 'no-recorder') return 'settings';
    const session = this.session;
    if (!session) return 'not-a-microphone-error';
    this.setError(undefined);
    await this.startRecorder(session);
    return 'retried';
  }

  /** Push-to-talk: the microphone counts only while pressed (silence is sent otherwise, so Sonic ends the turn). */
  talk(pressed: boolean): void {
    if (this.settings?.mode === 'push-to-talk') this.talking = pressed;
  }

  text(text: string): void {
    if (!this.session || !text.trim()) return;
    this.transcript.user(text.trim(), true);
    this.typedEchoes.push(text.trim());
    this.postTranscript();
    this.session.sendText(text.trim());
  }

  /** Ends the conversation politely (the model finishes its current event flow) and stops the microphone. */
  async stop(): Promise<void> {
    this.recorder?.stop();
    this.recorder = undefined;
    if (!this.session) { this.deps.post({ type: 'status', status: 'ended' }); return; }
    this.deps.post({ type: 'status', status: 'stopping' });
    this.session?.end();
    const running = this.running;
    // a stream that does not close on its own within a few seconds is torn down
    const timer = setTimeout(() => this.session?.abort(), 5000);
    await running;
    clearTimeout(timer);
  }

  dispose(): void {
    this.recorder?.stop();
    this.session?.abort();
  }

  private async run(session: SonicSession): Promise<void> {
    try {
      for await (const e of session.events()) {
        switch (e.type) {
          case 'connected':
            this.deps.post({ type: 'status', status: 'listening', ...(e.resumed ? { detail: `reconnected with ${e.historyTurns} turns of history` } : {}) });
            if (e.resumed) { this.transcript.notice(`Reconnected: the conversation continues on a new stream with ${e.historyTurns} turns of history.`); this.postTranscript(); }
            break;
          case 'reconnecting':
            this.deps.post({ type: 'status', status: 'reconnecting', detail: e.reason });
            this.transcript.notice(e.reason);
            this.postTranscript();
            break;
          case 'transcript':
            if (e.role === 'user') {
              if (this.typedEchoes[0] === e.text.trim()) { this.typedEchoes.shift(); break; }
              this.transcript.user(e.text);
            }
            else if (e.final) this.transcript.final(e.text);
            else this.transcript.speculative(e.text);
            this.postTranscript();
            break;
          case 'audio':
            this.audio.sonicAudio(e.pcm, e.sampleRate);
            this.deps.post({ type: 'audio', pcm: Buffer.from(e.pcm).toString('base64'), sampleRate: e.sampleRate });
            break;
          case 'interrupted':
            // first, so the page stops playing before anything else is sent
            this.deps.post({ type: 'interrupted' });
            this.audio.cut();
            this.transcript.interrupted();
            this.postTranscript();
            break;
          case 'toolUse':
            void this.tool(session, e.toolUseId, e.toolName, e.input);
            break;
          case 'end':
            this.transcript.turnEnd();
            this.postTranscript();
            break;
          case 'usage':
            break;
        }
      }
      this.deps.post({ type: 'status', status: 'ended' });
    } catch (e) {
      const err = this.deps.errorOf(e);
      if (err.kind === 'aborted') this.deps.post({ type: 'status', status: 'ended' });
      else {
        this.deps.log('error', `voice: ${err.detail}`);
        this.setError(err);
        this.deps.post({ type: 'status', status: 'ended', detail: err.message });
      }
    } finally {
      this.history = [...session.history];
      this.recorder?.stop();
      this.recorder = undefined;
      if (this.session === session) this.session = undefined;
    }
  }

  private async tool(session: SonicSession, id: string, name: string, input: string): Promise<void> {
    let out: { result: string; summary: string };
    try {
      out = await this.deps.runTool(name, input);
    } catch (e) {
      out = { result: JSON.stringify({ error: String(e instanceof Error ? e.message : e) }), summary: `${name} failed` };
    }
    this.transcript.tool(out.summary);
    this.postTranscript();
    session.sendToolResult(id, out.result);
  }

  private postTranscript(): void {
    this.deps.post({ type: 'transcript', entries: this.transcript.entries.map(e => ({ ...e, pending: [...e.pending] })) });
  }

  private setError(e: BedrockError | undefined, label?: string): void {
    this.lastError = e;
    this.recorderFailed = undefined;
    // a retry here means starting the conversation again, with what was said as history
    const button = label ?? (e?.action ? (e.action.kind === 'retry' ? 'Start Again' : actionLabel(e.action)) : undefined);
    const view: VoiceErrorView | undefined = e ? { message: e.message, ...(button ? { actionLabel: button } : {}) } : undefined;
    this.deps.post({ type: 'error', error: view });
  }
}
