import type * as vscode from 'vscode';
import type { BedrockService } from '../service/bedrockService';
import type { ApiStyle, EndpointFamily } from '../service/model';

export interface ParticipantRoute {
  model: string;
  apiStyle: ApiStyle;
  family?: EndpointFamily;
}

/** What the `@bedrock` commands need from the extension, injected so the handler has no hidden globals. */
export interface ParticipantContext {
  readonly participantId: string;
  readonly service: BedrockService;
  /** The model chosen in VS Code's chat model picker when it is a Bedrock model, else the workspace's last choice. */
  routeFor(model: vscode.LanguageModelChat | undefined): Promise<ParticipantRoute>;
  readonly log: vscode.LogOutputChannel;
}
