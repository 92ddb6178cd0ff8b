import * as vscode from 'vscode';
import type { ChatViewProvider } from './chatViewProvider';
import { registerProposalProvider } from '../webviewKit/host/codeActions';
import { disposeProposedEdits } from '../workspaceTools';

/** Palette and context-menu commands that feed the chat panel. */
export function registerChatCommands(chat: ChatViewProvider): vscode.Disposable[] {
  const withChat = (run: () => Promise<void>) => async () => {
    await chat.reveal();
    await run();
  };
  return [
    registerProposalProvider(),
    // the proposed-edit documents of the workspace tools (registered on first use) go with the extension
    { dispose: disposeProposedEdits },
    vscode.commands.registerCommand('bedrock.chat.new', withChat(() => chat.controller.newConversation())),
    vscode.commands.registerCommand('bedrock.chat.addSelection', withChat(() => chat.controller.attach('selection'))),
    vscode.commands.registerCommand('bedrock.chat.addFile', async (uri?: vscode.Uri) => {
      await chat.reveal();
      if (uri instanceof vscode.Uri) {
        await vscode.workspace.openTextDocument(uri).then(doc => vscode.window.showTextDocument(doc, { preview: true, preserveFocus: true }));
        await chat.controller.attach('activeFile');
      } else {
        await chat.controller.attach('files');
      }
    }),
    // the tier belongs to the active conversation; an argument ('none' | 'default' | 'flex' | 'priority') skips the pick
    vscode.commands.registerCommand('bedrock.chooseServiceTier', (tier?: unknown) => chat.controller.chooseServiceTier(tier)),
    // `store` for the active conversation's Responses turns; a boolean argument sets it instead of toggling
    vscode.commands.registerCommand('bedrock.chat.toggleServerState', (on?: unknown) => chat.controller.toggleServerState(on)),
    // reasoning for the active conversation: 'off', { budgetTokens } or { effort } as the argument skips the pick
    vscode.commands.registerCommand('bedrock.chat.chooseReasoning', (choice?: unknown) => chat.controller.chooseReasoning(choice)),
    // prompt caching for the active conversation; a boolean argument sets it instead of toggling
    vscode.commands.registerCommand('bedrock.chat.togglePromptCache', (on?: unknown) => chat.controller.togglePromptCache(on)),
    // the tools the active conversation's model may call; an argument (tool names) sets them instead of picking
    vscode.commands.registerCommand('bedrock.chat.chooseTools', (names?: unknown) => chat.controller.chooseTools(names)),
  ];
}
