import * as vscode from 'vscode';
import { webviewHtml, webviewOptions } from '../webviewKit/host/webviewHtml';
import { asBedrockError } from '../frontEndKit/errors/asBedrockError';
import { runtimeContextFor } from '../frontEndKit/runtimeContext';
import { runErrorAction } from '../frontEndKit/errors/errorActions';
import { Disposable } from '../common/disposable';
import { readSettings } from '../common/settings';
import { NOVA_2_SONIC_MODEL } from '../service/runtime';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { isVoiceWebviewMessage, type VoiceHostMessage, type VoiceSettings, type VoiceWebviewMessage } from './protocol';
import { chooseRecorder } from './recorder';
import type { RecorderPlatform } from './recorderCommand';
import { VoiceConversation, voiceModels } from './voiceConversation';
import { runVoiceTool, VOICE_TOOLS } from './voiceTools';


const DEFAULT_SYSTEM = 'You are a helpful assistant for a software developer working in VS Code. Keep answers short and conversational: two or three sentences, no lists or code.';

/**
 * The Voice view: a webview page (controls, level meter, transcript, Web Audio playback) driven by a
 * VoiceConversation in the extension host, which owns the microphone and the Sonic session.
 */
export class VoicePanel extends Disposable {
  readonly conversation: VoiceConversation;
  private lastSettings: VoiceSettings | undefined;

  constructor(readonly panel: vscode.WebviewPanel, private readonly host: ServiceHost, extensionUri: vscode.Uri) {
    super();
    this.conversation = new VoiceConversation({
      context: () => runtimeContextFor(host),
      chooseRecorder: () => chooseRecorder(vscode.workspace.getConfiguration('bedrock.voice').get<string>('recorderCommand', ''), { platform: process.platform as RecorderPlatform, env: process.env }),
      post: m => this.post(m),
      errorOf: asBedrockError,
      runTool: runVoiceTool,
      tools: VOICE_TOOLS,
      log: (level, message) => host.log[level](message),
    });
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = webviewHtml(panel.webview, extensionUri, { name: 'voice', title: 'Bedrock Voice' });
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'bedrock.svg');
    this._register(panel.webview.onDidReceiveMessage(m => this.receive(m)));
    this._register(panel.onDidDispose(() => {
      this.conversation.dispose();
      this.dispose();
    }));
  }

  private receive(m: unknown): void {
    if (!isVoiceWebviewMessage(m)) {
      this.host.log.warn(`voice view: rejected a message outside the protocol (${typeof m === 'object' && m ? String((m as { type?: unknown }).type) : typeof m})`);
      return;
    }
    this.handle(m).catch(e => this.host.log.error(`voice: ${m.type} failed: ${e instanceof Error ? e.stack : String(e)}`));
  }

  private async handle(m: VoiceWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready': return this.init();
      case 'start':
        this.lastSettings = m.settings;
        return this.conversation.start(m.settings);
      case 'stop': return this.conversation.stop();
      case 'talk': this.conversation.talk(m.pressed); return;
      case 'text': this.conversation.text(m.text); return;
      case 'export': return m.what === 'markdown' ? this.exportMarkdown() : this.exportWav();
      case 'errorAction': return this.errorAction();
    }
  }

  private async init(): Promise<void> {
    let catalogue: Awaited<ReturnType<ServiceHost['service']['catalogue']>> | undefined;
    try {
      catalogue = await this.host.service.catalogue();
    } catch (e) {
      this.host.log.warn(`voice: the model catalogue could not be loaded, offering the known Sonic models: ${e instanceof Error ? e.message : String(e)}`);
    }
    const models = voiceModels(catalogue?.models);
    const preferred = models.find(m => m.id === NOVA_2_SONIC_MODEL) ?? models[0];
    const settings: VoiceSettings = this.lastSettings ?? { modelId: preferred.id, voiceId: 'matthew', system: DEFAULT_SYSTEM, mode: 'hands-free', tools: false };
    const command = vscode.workspace.getConfiguration('bedrock.voice').get<string>('recorderCommand', '');
    this.post({ type: 'init', models, settings, recorder: command ? 'bedrock.voice.recorderCommand' : 'a recorder found on PATH (SoX, arecord or FFmpeg)' });
    this.post({ type: 'transcript', entries: [...this.conversation.transcript.entries] });
  }

  private async errorAction(): Promise<void> {
    const e = this.conversation.lastError;
    if (!e?.action) return;
    const microphone = await this.conversation.retryMicrophone();
    if (microphone === 'retried') return;
    if (microphone === 'settings' || e.action.kind === 'open-settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'bedrock.voice.recorderCommand');
      return;
    }
    const next = e.action.kind === 'retry' ? 'retry' : await runErrorAction(e.action, this.host.log);
    if (next === 'retry' && this.lastSettings) await this.conversation.start(this.lastSettings);
  }

  private async exportMarkdown(): Promise<void> {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: this.conversation.transcript.markdown(`Voice conversation · ${readSettings().region}`) });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  private async exportWav(): Promise<void> {
    if (this.conversation.audio.empty) {
      void vscode.window.showInformationMessage('Bedrock: nothing was said or heard yet in this conversation.');
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0];
    const target = await vscode.window.showSaveDialog({
      title: 'Save the conversation audio (left: you, right: Nova Sonic)', filters: { 'WAV audio': ['wav'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder.uri, `voice-conversation-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.wav`) } : {}),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, this.conversation.audio.wav());
    void vscode.window.showInformationMessage(`Bedrock: the conversation audio was saved to ${vscode.workspace.asRelativePath(target)}.`);
  }

  private post(m: VoiceHostMessage): void {
    void this.panel.webview.postMessage(m);
  }
}
