import * as vscode from 'vscode';
import { Disposable } from '../../common/disposable';
import { onSettingsChanged, readSettings } from '../../common/settings';
import { BedrockService, type UsageRecord } from '../bedrockService';
import { CredentialStore } from './credentialStore';

/**
 * Builds the one BedrockService for the window from settings, the credential store and the log, and resets cached
 * credentials whenever the choice, a secret or a setting changes.
 */
export class ServiceHost extends Disposable {
  readonly credentials: CredentialStore;
  readonly service: BedrockService;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Region, endpoints or credentials changed: anything showing them should refresh. */
  readonly onDidChange = this.changed.event;
  private readonly usage = this._register(new vscode.EventEmitter<UsageRecord>());
  /** Every request that reported usage, from any front end (the session's usage view totals them). */
  readonly onDidRecordUsage = this.usage.event;

  constructor(context: vscode.ExtensionContext, readonly log: vscode.LogOutputChannel) {
    super();
    this.credentials = this._register(new CredentialStore(context.globalState, context.secrets));
    this.service = new BedrockService({
      config: () => {
        const s = readSettings();
        return { region: s.region, endpoints: s.endpoints, endpointFamily: s.endpointFamily, credentials: this.credentials.choice };
      },
      secrets: this.credentials,
      env: process.env,
      log: m => log.info(m),
      debug: line => { if (log.logLevel === vscode.LogLevel.Debug || log.logLevel === vscode.LogLevel.Trace) log.debug(line()); },
      onUsage: r => this.usage.fire(r),
    });
    const reset = () => { this.service.resetCredentials(); this.changed.fire(); };
    this._register(this.credentials.onDidChange(reset));
    this._register(onSettingsChanged(reset));
  }
}
