import * as vscode from 'vscode';
import { runCodeAction } from '../webviewKit/host/codeActions';
import { webviewHtml, webviewOptions } from '../webviewKit/host/webviewHtml';
import { actionLabel, runErrorAction } from '../frontEndKit/errors/errorActions';
import { loadCatalogueWithProgress } from '../frontEndKit/catalogueProgress';
import { Disposable } from '../common/disposable';
import { readSettings } from '../common/settings';
import type { BedrockError } from '../service/errors';
import { defaultFamily } from '../service/router';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { columnChoices } from './columnChoices';
import { CompareSession } from './compareSession';
import type { CompareStateFile } from './compareStateFile';
import { comparisonMarkdown } from './markdownExport';
import { isCompareWebviewMessage, type CompareHostMessage, type CompareState, type CompareWebviewMessage, type ExportTarget } from './protocol';
import { openWebviewLink } from '../frontEndKit/openLink';

export const COMPARE_VIEW_TYPE = 'bedrock.compare';

/**
 * One "Compare Models and APIs" editor panel: builds the webview, checks every incoming message against the
 * protocol, and drives a CompareSession. Closing the panel stops its streams.
 */
export class ComparePanel extends Disposable {
  readonly session: CompareSession;
  private readonly disposedEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposedEmitter.event;
  private readonly postedEmitter = this._register(new vscode.EventEmitter<CompareHostMessage>());
  /** Every message sent to the webview (tests check what the page was told). */
  readonly onDidPostMessage = this.postedEmitter.event;

  constructor(readonly panel: vscode.WebviewPanel, private readonly host: ServiceHost, extensionUri: vscode.Uri, private readonly stateFile: CompareStateFile, restored?: CompareState) {
    super();
    this.session = new CompareSession({
      service: host.service,
      post: m => this.post(m),
      errorView: e => this.errorView(e),
    }, restored);
    if (!this.session.columnCount) this.session.addColumn(defaultColumn());
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = webviewHtml(panel.webview, extensionUri, { name: 'compare', title: 'Compare Models and APIs' });
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'bedrock.svg');
    this._register(panel.webview.onDidReceiveMessage(m => this.receive(m)));
    this._register(host.onDidChange(() => void this.loadCatalogue()));
    this._register(panel.onDidDispose(() => {
      this.session.stopAll();
      this.disposedEmitter.fire();
      this.dispose();
    }));
  }

  reveal(): void {
    this.panel.reveal();
    this.post({ type: 'focusPrompt' });
  }

  private async loadCatalogue(): Promise<void> {
    try {
      this.session.setCatalogue(await this.host.service.catalogue());
    } catch (e) {
      // the columns still run without it; the pickers report the failure when the user opens one
      this.host.log.warn(`compare: the model catalogue could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private receive(m: unknown): void {
    if (!isCompareWebviewMessage(m)) {
      this.host.log.warn(`compare view: rejected a message outside the protocol (${typeof m === 'object' && m ? String((m as { type?: unknown }).type) : typeof m})`);
      return;
    }
    this.handle(m).catch(e => this.host.log.error(`compare: ${m.type} failed: ${e instanceof Error ? e.stack : String(e)}`));
  }

  async handle(m: CompareWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.post({ type: 'state', state: this.session.state() });
        return this.loadCatalogue();
      case 'run': return this.session.run(m.prompt);
      case 'promptChanged': this.session.setPrompt(m.prompt); return this.persist();
      case 'stop': this.session.stop(m.columnId); return;
      case 'stopAll': this.session.stopAll(); return;
      case 'addColumn':
        if (this.session.addColumn()) await this.chooseColumn(this.session.state().columns.at(-1)!.id);
        return;
      case 'removeColumn': this.session.removeColumn(m.columnId); return;
      case 'chooseColumn': return this.chooseColumn(m.columnId);
      case 'export': return this.export(m.target);
      case 'errorAction': return this.errorAction(m.columnId);
      case 'openLink': return openWebviewLink(m.url, this.host.log, 'compare');
      case 'codeAction': this.host.log.info(`compare code action ${m.action}: ${await runCodeAction(m.action, m.code, m.language)}`); return;
      case 'copy': return vscode.env.clipboard.writeText(m.text);
    }
  }

  /** One quick pick of every model × API style × family the catalogue and the service agree on. */
  private async chooseColumn(columnId: string): Promise<void> {
    const current = this.session.spec(columnId);
    const cat = await loadCatalogueWithProgress(this.host, false);
    if (!cat || !current) return;
    this.session.setCatalogue(cat);
    const items: (vscode.QuickPickItem & { choice?: ReturnType<typeof columnChoices>[number] })[] = [];
    let lastModel = '';
    for (const choice of columnChoices(cat, (s, f) => this.host.service.supports(s, f))) {
      if (choice.model.id !== lastModel) items.push({ label: `${choice.model.provider} · ${choice.model.name}`, kind: vscode.QuickPickItemKind.Separator });
      lastModel = choice.model.id;
      const isCurrent = choice.modelId === current.model && choice.apiStyle === current.apiStyle && choice.family === current.family;
      items.push({ label: choice.label, description: choice.modelId, picked: isCurrent, choice });
    }
    const picked = await vscode.window.showQuickPick(items, { title: 'Compare: model × API style × endpoint family', placeHolder: 'Search models and APIs', matchOnDescription: true });
    if (picked?.choice) this.session.setColumn(columnId, { model: picked.choice.modelId, apiStyle: picked.choice.apiStyle, family: picked.choice.family });
    this.post({ type: 'focusPrompt' });
  }

  private async export(target: ExportTarget): Promise<void> {
    const state = this.session.state();
    const markdown = comparisonMarkdown(state.prompt, state.columns);
    if (target === 'clipboard') {
      await vscode.env.clipboard.writeText(markdown);
      void vscode.window.setStatusBarMessage('$(check) Bedrock comparison copied as markdown', 3000);
      return;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  private async errorAction(columnId: string): Promise<void> {
    const action = this.session.state().columns.find(c => c.id === columnId)?.result?.error?.action;
    if (!action) return;
    // a retry (or a retry after signing in) is a new run of the whole comparison, so the columns stay comparable
    if ((await runErrorAction(action, this.host.log)) === 'retry') await this.session.run(this.session.state().prompt);
  }


  private errorView(e: BedrockError) {
    this.host.log.error(e.detail);
    return { message: e.message, retryable: e.retryable, ...(e.action ? { action: e.action, actionLabel: actionLabel(e.action) } : {}) };
  }

  private post(m: CompareHostMessage): void {
    this.postedEmitter.fire(m);
    void this.panel.webview.postMessage(m);
    // deltas are not written: a reply cut off by a reload is kept as far as its column's last state
    if (m.type === 'state' || m.type === 'columnEnd') void this.persist();
  }

  private persist(): Promise<void> {
    return this.stateFile.save(this.session.state()).catch(e => this.host.log.warn(`compare: could not save the comparison: ${e instanceof Error ? e.message : String(e)}`));
  }
}

/** The first column of a new comparison: the chat's default model, API style and family from the settings. */
function defaultColumn() {
  const s = readSettings();
  const apiStyle = s.defaultApiStyle === 'invoke-model' ? 'converse-stream' as const : s.defaultApiStyle;
  return { model: s.defaultModel || 'us.amazon.nova-lite-v1:0', apiStyle, family: defaultFamily(apiStyle, s.endpointFamily) };
}
