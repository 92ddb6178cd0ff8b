import * as vscode from 'vscode';
import { rememberedChoice } from '../frontEndKit/pickers/modelChoice';
import { BEDROCK_VENDOR } from '../frontEndKit/ids';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { apiAdvice } from './apiCommand';
import { ask, explain } from './askCommands';
import { followupsFor, type ParticipantResultMetadata } from './followups';
import { migrate } from './migrateCommand';
import type { ParticipantContext, ParticipantRoute } from './participantContext';

/** Matches `contributes.chatParticipants[0].id` in package.json. */
export const PARTICIPANT_ID = 'bedrock-workbench.bedrock';

/** `routeOf` is the language-model provider's lookup (BedrockChatModelProvider.routeOf), passed in so the participant does not import that front end. */
export function participantContext(host: ServiceHost, routeOf: (id: string) => Promise<ParticipantRoute | undefined>, state: vscode.Memento): ParticipantContext {
  return {
    participantId: PARTICIPANT_ID,
    service: host.service,
    log: host.log,
    async routeFor(model) {
      if (model?.vendor === BEDROCK_VENDOR) {
        const route = await routeOf(model.id);
        if (route) return route;
      }
      return rememberedChoice(state);
    },
  };
}

/** The `@bedrock` handler: one function per slash command, `/ask` when none is given. */
export function bedrockChatHandler(ctx: ParticipantContext): vscode.ChatRequestHandler {
  return async (request, context, response, token) => {
    switch (request.command) {
      case 'explain': return explain(ctx, request, response, token);
      case 'migrate': return migrate(ctx, request, response, token);
      case 'api': return apiAdvice(request, response);
      default: return ask(ctx, request, context, response, token);
    }
  };
}

export function registerBedrockParticipant(ctx: ParticipantContext, extensionUri: vscode.Uri): vscode.Disposable {
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, bedrockChatHandler(ctx));
  participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'bedrock.svg');
  participant.followupProvider = {
    provideFollowups: result => followupsFor(result.metadata as ParticipantResultMetadata | undefined),
  };
  return participant;
}
