import * as vscode from 'vscode';
import { ChatViewProvider, CHAT_VIEW_ID } from './chat/chatViewProvider';
import { registerChatCommands } from './chat/chatCommands';
import { CompareFeature } from './compare/compareCommands';
import { VoiceFeature } from './voice/voiceFeature';
import { registerEditorCommands } from './commands/editorCommands';
import { registerMigrationFeatures, type MigrationFeatures } from './migrate/vscode/migrateCommands';
import { BEDROCK_VENDOR, BedrockChatModelProvider } from './languageModels/bedrockChatModelProvider';
import { bedrockChatHandler, participantContext, registerBedrockParticipant } from './participant/bedrockParticipant';
import { registerServiceCommands } from './commands/serviceCommands';
import { registerStatusCommands } from './commands/statusCommands';
import { BackendStatusProvider } from './service/statusProvider';
import type { BedrockService } from './service/bedrockService';
import { ServiceHost } from './service/vscode/serviceHost';
import type { CredentialStore } from './service/vscode/credentialStore';
import { currentPrice, useWorkspaceEndpointDecisions } from './common/settings';
import { WorkspaceEndpointConsent } from './common/workspaceEndpointConsent';
import { redactingLog } from './common/redactingLog';
import { watchPriceSetting } from './common/priceSettingWarnings';
import { UsageLedger } from './usage/usageLedger';
import { registerUsageView } from './usage/usageView';
import { registerProjectFeatures } from './projects/projectCommands';

/** The API other code (and our integration tests) may use; kept small on purpose. */
export interface BedrockWorkbenchApi {
  readonly chatView: ChatViewProvider;
  /** Only when VS Code runs the extension's own tests: other extensions get no direct path to the user's credentials. */
  readonly testing?: {
    readonly service: BedrockService;
    readonly credentials: CredentialStore;
    readonly logUri: vscode.Uri;
    readonly migration: Omit<MigrationFeatures, 'disposables'>;
    /** The `@bedrock` handler: VS Code offers no way to invoke a participant programmatically. */
    readonly chatHandler: vscode.ChatRequestHandler;
    /** The compare view's owner: its current panel and session. */
    readonly compare: CompareFeature;
    /** How long activate() took, start to return (`npm run bench` reports it). */
    readonly activationMs: number;
    readonly usage: UsageLedger;
    /** The answers about endpoints the workspace's settings set. */
    readonly workspaceEndpoints: WorkspaceEndpointConsent;
  };
}

// activate() only registers features: each owns its state and is disposed with the extension.
export function activate(context: vscode.ExtensionContext): BedrockWorkbenchApi {
  const started = performance.now();
  const log = redactingLog(vscode.window.createOutputChannel('Bedrock', { log: true }));
  // before anything reads the endpoint settings: a workspace's own endpoints wait for the user's answer
  const endpointConsent = new WorkspaceEndpointConsent(context.workspaceState, log);
  useWorkspaceEndpointDecisions(endpointConsent);
  const host = new ServiceHost(context, log);
  const status = new BackendStatusProvider(host.credentials);
  const compare = new CompareFeature(host, context.extensionUri, context.storageUri ?? context.globalStorageUri);
  const chatView = new ChatViewProvider(context.extensionUri, status, host, context.storageUri ?? context.globalStorageUri, log);
  const migration = registerMigrationFeatures(log);
  const models = new BedrockChatModelProvider(host);
  const participant = participantContext(host, id => models.routeOf(id), context.workspaceState);
  const usage = new UsageLedger((model, region) => currentPrice(model, region));
  context.subscriptions.push(
    log,
    endpointConsent,
    new VoiceFeature(host, context.extensionUri),
    host,
    status,
    chatView,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chatView, { webviewOptions: { retainContextWhenHidden: false } }),
    ...registerChatCommands(chatView),
    ...registerProjectFeatures(host, async choice => {
      await chatView.reveal();
      return chatView.controller.chooseProject(choice);
    }).disposables,
    ...registerStatusCommands(status, log),
    ...registerServiceCommands(host),
    ...registerEditorCommands(host, context),
    ...migration.disposables,
    models,
    vscode.lm.registerLanguageModelChatProvider(BEDROCK_VENDOR, models),
    registerBedrockParticipant(participant, context.extensionUri),
    compare,
    host.onDidRecordUsage(r => usage.add(r)),
    ...registerUsageView(usage),
    watchPriceSetting(log),
  );
  log.info(`Bedrock Workbench ${context.extension.packageJSON.version} activated (VS Code ${vscode.version})`);
  endpointConsent.check();
  const testing = context.extensionMode === vscode.ExtensionMode.Test
    ? {
      service: host.service, credentials: host.credentials, logUri: context.logUri,
      migration: { callSites: migration.callSites, diagnostics: migration.diagnostics }, chatHandler: bedrockChatHandler(participant),
      activationMs: performance.now() - started, compare, usage, workspaceEndpoints: endpointConsent,
    }
    : undefined;
  return { chatView, testing };
}

export function deactivate(): void {}
