import * as vscode from 'vscode';
import type { BackendStatusProvider } from '../service/statusProvider';
import { CHAT_VIEW_ID } from '../frontEndKit/ids';

/** Commands that show where the extension stands: log, connection status, settings, the chat view. */
export function registerStatusCommands(status: BackendStatusProvider, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('bedrock.showLog', () => log.show(true)),
    vscode.commands.registerCommand('bedrock.openSettings', () =>
      vscode.commands.executeCommand('workbench.action.openSettings', '@ext:bedrock-workbench.bedrock-workbench')),
    vscode.commands.registerCommand('bedrock.openChat', () => vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`)),
    vscode.commands.registerCommand('bedrock.showStatus', async () => {
      const s = status.current();
      log.info(`status: ${s.summary} (runtime ${s.runtimeEndpoint}, mantle ${s.mantleEndpoint})`);
      const actions = ["Open Settings", "Show Log"];
      const show = s.configured ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
      // a refused region or endpoint is the whole story: credentials would not help
      const detail = s.configured || s.problem ? s.summary : `${s.summary} Set AWS credentials (a profile, environment variables or AWS_BEARER_TOKEN_BEDROCK) or point the endpoint settings at a Bedrock emulator.`;
      void show(`Bedrock: ${detail}`, ...actions).then(choice => {
        if (choice === 'Open Settings') void vscode.commands.executeCommand('bedrock.openSettings');
        if (choice === 'Show Log') log.show(true);
      });
      return s;
    }),
  ];
}
