import * as vscode from 'vscode';
import { Disposable } from '../common/disposable';
import type { ServiceHost } from '../service/vscode/serviceHost';
import type { VoicePanel } from './voicePanel';

export const VOICE_VIEW_TYPE = 'bedrock.voice';

/**
 * `bedrock.voice.open`: the one Voice editor tab of the window, created or brought forward. Only this registration
 * loads at activation; the panel, the Sonic conversation and the recorder are imported when the tab first opens.
 */
export class VoiceFeature extends Disposable {
  private current: Promise<VoicePanel> | undefined;

  constructor(private readonly host: ServiceHost, private readonly extensionUri: vscode.Uri) {
    super();
    this._register(vscode.commands.registerCommand('bedrock.voice.open', () => this.open()));
    this._register({ dispose: () => void this.current?.then(v => v.panel.dispose()) });
  }

  async open(): Promise<VoicePanel> {
    if (this.current) {
      const voice = await this.current;
      voice.panel.reveal();
      return voice;
    }
    const opening = (async () => {
      const { VoicePanel } = await import('./voicePanel.js');
      // kept alive when hidden: the conversation and its audio go on in a background tab
      const panel = vscode.window.createWebviewPanel(VOICE_VIEW_TYPE, 'Bedrock Voice', vscode.ViewColumn.Active, { retainContextWhenHidden: true });
      const voice = new VoicePanel(panel, this.host, this.extensionUri);
      panel.onDidDispose(() => { if (this.current === opening) this.current = undefined; });
      return voice;
    })();
    this.current = opening;
    opening.catch(() => { if (this.current === opening) this.current = undefined; });
    return opening;
  }
}
