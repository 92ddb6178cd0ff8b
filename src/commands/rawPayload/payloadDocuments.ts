import * as vscode from 'vscode';
import type { InvokeFamily } from '../../service/runtime';
import { PAYLOAD_SUFFIX, payloadFileName } from './payloadNames';

export { familyFromFileName } from './payloadNames';

/** What a payload file is for: kept per workspace, keyed by the file's URI. */
export interface PayloadMeta {
  model: string;
  family: InvokeFamily;
  stream: boolean;
}

const META_KEY = 'bedrock.rawPayload.files';

/**
 * Payload files live in the extension's storage folder, not the workspace: real files, so they can be edited,
 * saved and validated by the JSON language server, without littering the user's project.
 */
export class PayloadFiles {
  constructor(private readonly storage: vscode.Uri, private readonly state: vscode.Memento) {}

  async create(meta: PayloadMeta, body: unknown): Promise<vscode.Uri> {
    const dir = vscode.Uri.joinPath(this.storage, 'payloads');
    await vscode.workspace.fs.createDirectory(dir);
    const uri = vscode.Uri.joinPath(dir, payloadFileName(meta.model, meta.family, meta.stream));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(body, null, 2) + '\n'));
    await this.state.update(META_KEY, { ...this.all(), [uri.toString()]: meta });
    return uri;
  }

  meta(uri: vscode.Uri): PayloadMeta | undefined {
    return this.all()[uri.toString()];
  }

  isPayload(uri: vscode.Uri): boolean {
    return uri.path.endsWith(PAYLOAD_SUFFIX);
  }

  private all(): Record<string, PayloadMeta> {
    return this.state.get<Record<string, PayloadMeta>>(META_KEY) ?? {};
  }
}
