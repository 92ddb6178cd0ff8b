import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { readSettings, onSettingsChanged } from '../common/settings';
import { Disposable } from '../common/disposable';
import { BackendStatus, backendStatus } from './backendStatus';
import { describeChoice } from './credentials/sources';
import type { CredentialStore } from './vscode/credentialStore';

/** Keeps the current BackendStatus and tells listeners when settings change it. */
export class BackendStatusProvider extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<BackendStatus>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly credentials: CredentialStore) {
    super();
    this._register(onSettingsChanged(() => this.changed.fire(this.current())));
    this._register(credentials.onDidChange(() => this.changed.fire(this.current())));
  }

  current(): BackendStatus {
    const s = readSettings();
    const awsDir = path.join(os.homedir(), '.aws');
    const sharedFilesExist = ['config', 'credentials'].some(f => fs.existsSync(path.join(awsDir, f)));
    const choice = this.credentials.choice;
    const chosen = choice.kind === 'default-chain' ? undefined : describeChoice(choice);
    return backendStatus({ region: s.region, profile: s.profile, endpoints: s.endpoints, env: process.env, sharedFilesExist, chosen });
  }
}
