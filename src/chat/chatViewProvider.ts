import * as vscode from 'vscode';
import { Disposable } from '../common/disposable';
import type { BackendStatus } from '../service/backendStatus';
import type { BackendStatusProvider } from '../service/statusProvider';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { ChatController } from './chatController';
import { HostMessage, StatusView, isWebviewMessage } from './protocol';
import { chatViewHtml, webviewOptions } from '../webviewKit/host/webviewHtml';

import { CHAT_VIEW_ID } from '../frontEndKit/ids';

export { CHAT_VIEW_ID } from '../frontEndKit/ids';

function toView(s: BackendStatus): StatusView {
  return {
    configured: s.configured, local: s.local, region: s.region, summary: s.summary,
    runtimeEndpoint: s.runtimeEndpoint, mantleEndpoint: s.mantleEndpoint,
  };
}

/**
 * The Bedrock chat side panel: builds the webview, checks every incoming message against the protocol and hands
 * it to the ChatController. The webview may be destroyed while hidden; the controller keeps the state, and a
 * reloaded webview is hydrated from it.
 */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  readonly controller: ChatController;
  private readonly readyEmitter = this._register(new vscode.EventEmitter<void>());
  /** Fires each time the webview script has loaded and asked for state. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  private readonly postedEmitter = this._register(new vscode.EventEmitter<HostMessage>());
  /** Every message sent to the webview (tests check that no secret ever goes there). */
  readonly onDidPostMessage = this.postedEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly status: BackendStatusProvider,
    host: ServiceHost,
    storage: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.controller = this._register(new ChatController(host, vscode.Uri.joinPath(storage, 'chats').fsPath, m => this.post(m)));
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

  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  }

  private receive(m: unknown): void {
    if (!isWebviewMessage(m)) {
      this.log.warn(`chat view: rejected a message outside the protocol (${typeof m === 'object' && m ? String((m as { type?: unknown }).type) : typeof m})`);
      return;
    }
    if (m.type === 'ready') {
      this.post({ type: 'status', status: toView(this.status.current()) });
      this.controller.hydrate();
      this.readyEmitter.fire();
      return;
    }
    if (m.type === 'runCommand') {
      void vscode.commands.executeCommand(m.command);
      return;
    }
    this.controller.handle(m).catch(e => this.log.error(`chat: ${m.type} failed: ${e instanceof Error ? e.stack : String(e)}`));
  }

  private post(m: HostMessage): void {
    if (!this.view) return;
    this.postedEmitter.fire(m);
    void this.view.webview.postMessage(m);
  }
}
