import * as vscode from 'vscode';
import { redactUrl } from '../service/redactUrls';
import { Disposable } from './disposable';
import { endpointSources } from './settings';
import { ENDPOINT_KEYS, type EndpointKey, type RememberedDecisions, type WorkspaceEndpointDecision } from './workspaceEndpointPolicy';

const STATE_KEY = 'bedrock.workspaceEndpointDecisions';
const ALLOW = 'Allow for This Workspace';
const USE_DEFAULT = 'Use Default';

/**
 * When the workspace's settings (not the user's) set an endpoint, says so once and asks whether to use it; the
 * answer is remembered per workspace, for that exact value. Until the user allows it, requests go where the user's
 * own settings (or the AWS defaults) say.
 */
export class WorkspaceEndpointConsent extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** A decision was made: the effective endpoints may have changed. */
  readonly onDidChange = this.changed.event;
  private readonly asked = new Set<string>();

  constructor(private readonly state: vscode.Memento, private readonly log: vscode.LogOutputChannel) {
    super();
    this._register(vscode.workspace.onDidChangeConfiguration(e => {
      if (ENDPOINT_KEYS.some(k => e.affectsConfiguration(`bedrock.${k}`))) this.check();
    }));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.check()));
    this._register(vscode.commands.registerCommand('bedrock.resetWorkspaceEndpoints', async () => {
      await this.forgetDecisions();
      this.check();
    }));
  }

  decisions(): RememberedDecisions | undefined {
    return this.state.get<RememberedDecisions>(STATE_KEY);
  }

  /** Asks about every workspace endpoint not decided yet (each value once per window). */
  check(): void {
    for (const [key, source] of Object.entries(endpointSources()) as [EndpointKey, ReturnType<typeof endpointSources>[EndpointKey]][]) {
      if (source.undecided && source.workspaceValue !== undefined) void this.ask(key, source.workspaceValue);
    }
  }

  async remember(key: EndpointKey, value: string, decision: WorkspaceEndpointDecision): Promise<void> {
    await this.state.update(STATE_KEY, { ...this.decisions(), [key]: { value, decision } });
    this.log.info(`workspace setting bedrock.${key} (${redactUrl(value)}): ${decision === 'allow' ? 'allowed for this workspace' : 'not used; the default applies'}`);
    this.changed.fire();
  }

  /** Forgets every answer for this workspace: each workspace endpoint is asked about again. */
  async forgetDecisions(): Promise<void> {
    await this.state.update(STATE_KEY, undefined);
    this.asked.clear();
    this.changed.fire();
  }

  private async ask(key: EndpointKey, value: string): Promise<void> {
    const id = `${key}\n${value}`;
    if (this.asked.has(id)) return;
    this.asked.add(id);
    const shown = value ? redactUrl(value) : 'the AWS default';
    this.log.warn(`this workspace's settings set bedrock.${key} to ${shown}; your own setting is used until you allow it`);
    const choice = await vscode.window.showWarningMessage(
      `Bedrock: This workspace's settings send Bedrock requests, with your credentials, to ${shown} (bedrock.${key}); use that endpoint?`,
      ALLOW, USE_DEFAULT);
    if (choice) await this.remember(key, value, choice === ALLOW ? 'allow' : 'use-default');
  }
}
