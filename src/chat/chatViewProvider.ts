import * as vscode from 'vscode';
import { Disposable } from '../common/disposable';
import type { BackendStatus } from '../service/backendStatus';
import type { BackendStatusProvider } from '../service/statusProvider';
import { HostMessage, StatusView, isWebviewMessage } from './protocol';
import { chatViewHtml, webviewOptions } from './webviewHtml';

export const CHAT_VIEW_ID = 'bedrock.chatView';

function toView(s: BackendStatus): StatusView {
  return {
    configured: s.configured, local: s.local, region: s.region, summary: s.summary,
    runtimeEndpoint: s.runtimeEndpoint, mantleEndpoint: s.mantleEndpoint,
  };
}

/** The Bedrock side panel. Until the chat issue lands it shows the backend status and its next actions. */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private readonly readyEmitter = this._register(new vscode.EventEmitter<void>());
  /** Fires each time the webview script has loaded and asked for state. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  private readonly postedEmitter = this._register(new vscode.EventEmitter<HostMessage>());
  /** Every message sent to the webview (tests check that no secret ever goes there). */
  readonly onDidPostMessage = this.postedEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly status: BackendStatusProvider,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(status.onDidChange(s => this.post({ type: 'status', status: toView(s) })));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = chatViewHtml(view.webview, this.extensionUri);
    const sub = view.webview.onDidReceiveMessage(m => this.receive(m));
    view.onDidDispose(() => {
      sub.dispose();
      if (this.view === view) this.view = undefined;
    });
  }

  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }

  private receive(m: unknown): void {
    if (!isWebviewMessage(m)) {
      this.log.warn('chat view: rejected a message that is not in the protocol');
      return;
    }
    switch (m.type) {
      case 'ready':
        this.post({ type: 'status', status: toView(this.status.current()) });
        this.readyEmitter.fire();
        return;
      case 'runCommand':
        void vscode.commands.executeCommand(m.command);
        return;
    }
  }

  private post(m: HostMessage): void {
    if (!this.view) return;
    this.postedEmitter.fire(m);
    void this.view.webview.postMessage(m);
  }
}
