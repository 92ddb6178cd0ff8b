import * as vscode from 'vscode';
import { ChatViewProvider, CHAT_VIEW_ID } from './chat/chatViewProvider';
import { registerStatusCommands } from './commands/statusCommands';
import { BackendStatusProvider } from './service/statusProvider';

/** The API other code (and our integration tests) may use; kept small on purpose. */
export interface BedrockWorkbenchApi {
  readonly chatView: ChatViewProvider;
}

// activate() only registers features: each owns its state and is disposed with the extension.
export function activate(context: vscode.ExtensionContext): BedrockWorkbenchApi {
  const log = vscode.window.createOutputChannel('Bedrock', { log: true });
  const status = new BackendStatusProvider();
  const chatView = new ChatViewProvider(context.extensionUri, status, log);
  context.subscriptions.push(
    log,
    status,
    chatView,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chatView, { webviewOptions: { retainContextWhenHidden: false } }),
    ...registerStatusCommands(status, log),
  );
  log.info(`Bedrock Workbench ${context.extension.packageJSON.version} activated (VS Code ${vscode.version})`);
  return { chatView };
}

export function deactivate(): void {}
