import * as vscode from 'vscode';
import { Disposable } from '../../common/disposable';
import { CredentialChoice, isCredentialChoice, SECRET_KEYS, SecretReader } from '../credentials/sources';

const CHOICE_KEY = 'bedrock.credentialChoice';

/**
 * The remembered credential choice (extension global state, no secrets in it) and the secrets themselves
 * (VS Code SecretStorage, the OS keychain where there is one). Nothing here ever reaches settings or logs.
 */
export class CredentialStore extends Disposable implements SecretReader {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento, private readonly secrets: vscode.SecretStorage) {
    super();
    this._register(secrets.onDidChange(e => {
      if ((Object.values(SECRET_KEYS) as string[]).includes(e.key)) this.changed.fire();
    }));
  }

  get choice(): CredentialChoice {
    const v = this.state.get<unknown>(CHOICE_KEY);
    return isCredentialChoice(v) ? v : { kind: 'default-chain' };
  }

  async setChoice(choice: CredentialChoice): Promise<void> {
    await this.state.update(CHOICE_KEY, choice);
    this.changed.fire();
  }

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.secrets.get(key));
  }

  async storeAccessKeys(accessKeyId: string, secretAccessKey: string, sessionToken?: string): Promise<void> {
    await this.secrets.store(SECRET_KEYS.accessKeyId, accessKeyId);
    await this.secrets.store(SECRET_KEYS.secretAccessKey, secretAccessKey);
    if (sessionToken) await this.secrets.store(SECRET_KEYS.sessionToken, sessionToken);
    else await this.secrets.delete(SECRET_KEYS.sessionToken);
    await this.setChoice({ kind: 'access-keys' });
  }

  async storeApiKey(apiKey: string): Promise<void> {
    await this.secrets.store(SECRET_KEYS.apiKey, apiKey);
    await this.setChoice({ kind: 'api-key' });
  }

  async forgetSecrets(): Promise<void> {
    for (const key of Object.values(SECRET_KEYS)) await this.secrets.delete(key);
    await this.setChoice({ kind: 'default-chain' });
  }
}
