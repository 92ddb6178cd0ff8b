import * as vscode from 'vscode';
import { Disposable } from '../common/disposable';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { ComparePanel, COMPARE_VIEW_TYPE } from './comparePanel';
import { CompareStateFile } from './compareStateFile';
import { isCompareState, type CompareState } from './protocol';

/**
 * Owns the one compare panel of the window: `bedrock.compare` opens it (or brings it forward), and the serializer
 * brings it back after a reload. The last comparison (prompt, columns, results) comes from the state file the panel
 * keeps in workspace storage, else from the state its page saved.
 */
export class CompareFeature extends Disposable implements vscode.WebviewPanelSerializer {
  private current: ComparePanel | undefined;
  private readonly openedEmitter = this._register(new vscode.EventEmitter<ComparePanel>());
  /** A panel was created or restored (tests wait for it). */
  readonly onDidOpen = this.openedEmitter.event;

  private readonly stateFile: CompareStateFile;

  constructor(private readonly host: ServiceHost, private readonly extensionUri: vscode.Uri, storage: vscode.Uri) {
    super();
    this.stateFile = CompareStateFile.in(storage.fsPath);
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
    return this.adopt(panel, this.stateFile.read());
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (state !== undefined && state !== null && !isCompareState(state)) this.host.log.warn('compare view: the saved state did not match the protocol; starting afresh');
    if (this.current) {
      // a second restored panel (an older window layout): one comparison per window
      panel.dispose();
      return;
    }
    this.adopt(panel, this.stateFile.read() ?? (isCompareState(state) ? state : undefined));
  }

  private adopt(webviewPanel: vscode.WebviewPanel, state?: CompareState): ComparePanel {
    const panel = new ComparePanel(webviewPanel, this.host, this.extensionUri, this.stateFile, state);
    this.current = panel;
    panel.onDidDispose(() => {
      if (this.current === panel) this.current = undefined;
    });
    this.openedEmitter.fire(panel);
    return panel;
  }
}
