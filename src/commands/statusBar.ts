import * as vscode from 'vscode';
import { Disposable } from '../common/disposable';
import { readSettings } from '../common/settings';
import { choiceLabel, describeChoice } from '../service/credentials/sources';
import type { ServiceHost } from '../service/vscode/serviceHost';

/** `$(cloud) profile · region` in the status bar; clicking it opens the region picker, which also offers credentials. */
export class CredentialStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('bedrock.credentials', vscode.StatusBarAlignment.Right, 100));

  constructor(private readonly host: ServiceHost) {
    super();
    this.item.name = 'Bedrock credentials and region';
    this.item.command = { command: 'bedrock.chooseRegion', title: 'Choose Region', arguments: [{ offerCredentials: true }] };
    this._register(host.onDidChange(() => this.update()));
    this.update();
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  private update(): void {
    const choice = this.host.credentials.choice;
    const region = readSettings().region;
    this.item.text = `$(cloud) ${choiceLabel(choice)} · ${region}`;
    this.item.tooltip = `Bedrock: ${describeChoice(choice)} in ${region}. Click to change the region or the credentials.`;
    this.item.accessibilityInformation = { label: `Bedrock credentials: ${describeChoice(choice)}, region ${region}` };
  }
}
