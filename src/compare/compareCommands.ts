import * as vscode from 'vscode';
import { Disposable } from '../common/disposable';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { ComparePanel, COMPARE_VIEW_TYPE } from './comparePanel';
import { isCompareState, type CompareState } from './protocol';

/**
 * Owns the one compare panel of the window: `bedrock.compare` opens it (or brings it forward), and the serializer
 * brings it back after a reload from the state its page saved (prompt, columns, last results).
 */
export class CompareFeature extends Disposable implements vscode.WebviewPanelSerializer {
  private current: ComparePanel | undefined;
  private readonly openedEmitter = this._register(new vscode.EventEmitter<ComparePanel>());
  /** A panel was created or restored (tests wait for it). */
  readonly onDidOpen = this.openedEmitter.event;

  constructor(private readonly host: ServiceHost, private readonly extensionUri: vscode.Uri) {
    super();
    this._register(vscode.commands.registerCommand('bedrock.compare', () => this.open()));
    this._register(vscode.window.registerWebviewPanelSerializer(COMPARE_VIEW_TYPE, this));
    this._register({ dispose: () => this.current?.panel.dispose() });
  }

  get panel(): ComparePanel | undefined {
    return this.current;
  }

  open(): ComparePanel {
    if (this.current) {
      this.current.reveal();
      return this.current;
    }
    const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, 'Compare Models and APIs', vscode.ViewColumn.Active, { enableFindWidget: true });
    return this.adopt(panel);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (state !== undefined && state !== null && !isCompareState(state)) this.host.log.warn('compare view: the saved state did not match the protocol; starting afresh');
    if (this.current) {
      // a second restored panel (an older window layout): one comparison per window
      panel.dispose();
      return;
    }
    this.adopt(panel, isCompareState(state) ? state : undefined);
  }

  private adopt(webviewPanel: vscode.WebviewPanel, state?: CompareState): ComparePanel {
    const panel = new ComparePanel(webviewPanel, this.host, this.extensionUri, state);
    this.current = panel;
    panel.onDidDispose(() => {
      if (this.current === panel) this.current = undefined;
    });
    this.openedEmitter.fire(panel);
    return panel;
  }
}
