import * as vscode from 'vscode';
import { streamIntoPane, type PaneStreamResult } from '../../frontEndKit/panes/streamIntoPane';
import type { StreamEvent } from '../../service/model';
import { NOVA_SONIC_MODEL, parseWav, speak, toSonicInput, writeWav, type SpeakOptions } from '../../service/runtime';
import { asBedrockError, runtimeContextFor, type CommandDeps } from '../commandContext';

export interface SonicArgs {
  /** Say this (Nova Sonic reads text turns too). */
  text?: string;
  /** Or play this WAV file to it (any integer-PCM WAV; converted to 16 kHz mono). */
  wavFile?: vscode.Uri;
  /** Where to save the spoken answer (skips the save dialog). */
  saveTo?: vscode.Uri;
  voiceId?: string;
  system?: string;
  signal?: AbortSignal;
}

export interface SonicResult extends PaneStreamResult {
  saved?: vscode.Uri;
  audioBytes: number;
}

/**
 * Nova Sonic's events as the pane's stream events: final transcript pieces become text under a speaker label, audio
 * is collected on the side for the WAV file, and a failure becomes an error event after what was already said.
 */
async function* transcript(deps: CommandDeps, opts: SpeakOptions, signal: AbortSignal, audio: { pcm: Uint8Array[]; rate: number }): AsyncGenerator<StreamEvent> {
  let speaker: string | undefined;
  try {
    const ctx = await runtimeContextFor(deps.host, signal);
    for await (const e of speak(ctx, opts)) {
      if (e.type === 'transcript' && e.final) {
        if (speaker !== e.role) {
          yield { type: 'text', text: `${speaker ? '\n\n' : ''}**${e.role === 'user' ? 'You' : 'Nova Sonic'}:** ` };
          speaker = e.role;
        }
        yield { type: 'text', text: e.text };
      } else if (e.type === 'audio') {
        audio.pcm.push(e.pcm);
        audio.rate = e.sampleRate;
      } else if (e.type === 'usage') {
        yield { type: 'usage', usage: { inputTokens: e.inputTokens, outputTokens: e.outputTokens } };
      } else if (e.type === 'end') {
        yield { type: 'stop', reason: 'end_turn', ...(e.stopReason ? { raw: e.stopReason } : {}) };
      }
    }
  } catch (e) {
    yield { type: 'error', error: asBedrockError(e) };
  }
}

/** "Bedrock: Speak with Nova Sonic": one spoken turn; the transcript streams into a pane, the answer is saved as WAV. */
export async function speakWithNovaSonic(deps: CommandDeps, args: SonicArgs = {}): Promise<SonicResult | undefined> {
  const input = await chooseInput(args);
  if (!input) return undefined;
  const audio = { pcm: [] as Uint8Array[], rate: 24000 };
  const opts: SpeakOptions = { input: input.input, ...(args.voiceId ? { voiceId: args.voiceId } : {}), ...(args.system ? { system: args.system } : {}) };
  const result = await streamIntoPane(deps.docs, deps.host.log, signal => transcript(deps, opts, signal, audio), {
    title: `Nova Sonic · ${input.label}`, header: `## Speak with Nova Sonic\n\n> ${input.label}\n\n`, source: `${NOVA_SONIC_MODEL} · InvokeModelWithBidirectionalStream`, signal: args.signal,
  });
  const pcm = Buffer.concat(audio.pcm);
  if (!pcm.length) return { ...result, audioBytes: 0 };
  const target = args.saveTo ?? await vscode.window.showSaveDialog({ title: 'Save Nova Sonic\'s answer', filters: { 'WAV audio': ['wav'] }, ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'nova-sonic-answer.wav') } : {}) })
    ?? vscode.Uri.joinPath(deps.storage, 'audio', `nova-sonic-${Date.now()}.wav`);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  await vscode.workspace.fs.writeFile(target, writeWav(pcm, audio.rate));
  void vscode.window.showInformationMessage(`Bedrock: Nova Sonic's answer was saved to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then(c => c && vscode.commands.executeCommand('vscode.open', target));
  return { ...result, saved: target, audioBytes: pcm.length };
}

async function chooseInput(args: SonicArgs): Promise<{ input: SpeakOptions['input']; label: string } | undefined> {
  if (args.text) return { input: { text: args.text }, label: args.text };
  let file = args.wavFile;
  if (!file) {
    const how = await vscode.window.showQuickPick([{ label: 'Type what to say', input: 'text' as const }, { label: 'Play a WAV file…', input: 'wav' as const }], { title: 'Bedrock: Speak with Nova Sonic' });
    if (!how) return undefined;
    if (how.input === 'text') {
      const text = await vscode.window.showInputBox({ title: 'Bedrock: Speak with Nova Sonic', prompt: 'What do you say to Nova Sonic?', ignoreFocusOut: true });
      return text ? { input: { text }, label: text } : undefined;
    }
    file = (await vscode.window.showOpenDialog({ title: 'A WAV recording to play to Nova Sonic', filters: { 'WAV audio': ['wav'] }, canSelectMany: false }))?.[0];
    if (!file) return undefined;
  }
  try {
    const pcm = toSonicInput(parseWav(await vscode.workspace.fs.readFile(file)));
    return { input: { audio: pcm }, label: vscode.workspace.asRelativePath(file) };
  } catch (e) {
    void vscode.window.showErrorMessage(`Bedrock: ${vscode.workspace.asRelativePath(file)} cannot be played to Nova Sonic: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}
