import * as vscode from 'vscode';
import { actionLabel } from '../frontEndKit/errors/errorActions';
import type { BedrockError, ErrorAction } from '../service/errors';
import type { BedrockRequest } from '../service/model';
import { modelAccessUrl } from '../service/regions';
import type { BedrockService } from '../service/bedrockService';

export interface AnswerResult {
  text: string;
  error?: BedrockError;
}

/** Streams a reply into the chat response as markdown, chunk by chunk; stops when `token` is cancelled. */
export async function streamAnswer(service: BedrockService, request: BedrockRequest, response: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<AnswerResult> {
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  let text = '';
  try {
    for await (const e of service.stream(request, abort.signal)) {
      if (e.type === 'text' && e.text) {
        text += e.text;
        response.markdown(e.text);
      } else if (e.type === 'error') {
        return { text, error: e.error };
      }
    }
    return { text };
  } finally {
    sub.dispose();
  }
}

function actionCommand(a: ErrorAction): vscode.Command | undefined {
  const title = actionLabel(a);
  switch (a.kind) {
    case 'sign-in': return { command: 'bedrock.signIn', title };
    case 'choose-model': return { command: 'bedrock.listModels', title };
    case 'show-log': return { command: 'bedrock.showLog', title };
    case 'choose-region': return { command: 'bedrock.chooseRegion', title };
    case 'open-settings': return { command: 'bedrock.openSettings', title };
    case 'request-access': {
      const url = modelAccessUrl(a.region);
      return url ? { command: 'vscode.open', title, arguments: [vscode.Uri.parse(url)] } : undefined;
    }
    case 'sso-login': return { command: 'bedrock.ssoLogin', title, arguments: [{ profile: a.profile }] };
    // retry is VS Code's own button on a failed chat turn
    default: return undefined;
  }
}

/** A failed turn: the one-sentence message as the turn's error, and the next step as a button under it. */
export function reportError(error: BedrockError, response: vscode.ChatResponseStream): vscode.ChatErrorDetails {
  const command = error.action && actionCommand(error.action);
  if (command) response.button(command);
  const hint = error.action?.kind === 'sso-login' ? ` (Or run \`aws sso login --profile ${error.action.profile}\` in a terminal.)` : '';
  return { message: `Bedrock: ${error.message}${hint}` };
}
