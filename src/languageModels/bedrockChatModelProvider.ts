import * as vscode from 'vscode';
import { Disposable } from '../common/disposable';
import type { BedrockError } from '../service/errors';
import type { StreamEvent } from '../service/model';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { languageModelErrorCode, languageModelErrorMessage } from './errorMapping';
import { languageModelsFrom, type BedrockLanguageModelInfo, type BedrockRoute } from './languageModelInfo';
import { countableText, toBedrockRequest } from './requestMapping';
import { estimateTokens, MESSAGE_OVERHEAD_TOKENS } from './tokenEstimate';

/** The vendor other extensions select Bedrock models by: `vscode.lm.selectChatModels({ vendor: 'bedrock' })`. */
export { BEDROCK_VENDOR } from '../frontEndKit/ids';

export function toLanguageModelError(e: BedrockError): vscode.LanguageModelError {
  const message = languageModelErrorMessage(e);
  const code = languageModelErrorCode(e);
  if (code) return vscode.LanguageModelError[code](message);
  // VS Code gives no public constructor for other codes; a plain LanguageModelError carries the message
  return new vscode.LanguageModelError(message);
}

/**
 * Every chat model in the user's Bedrock catalogue (both endpoint families) as a VS Code language model, answered
 * through the service: VS Code's model picker, the chat view and other extensions' `sendRequest` all land here.
 */
export class BedrockChatModelProvider extends Disposable implements vscode.LanguageModelChatProvider<BedrockLanguageModelInfo> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  /** The service keeps a catalogue (even one that failed to load) until asked to refresh it. */
  private stale = false;

  constructor(private readonly host: ServiceHost) {
    super();
    // new credentials, region or endpoints: the models VS Code knows may have changed
    this._register(host.onDidChange(() => this.refresh()));
  }

  refresh(): void {
    this.stale = true;
    this.changed.fire();
  }

  async provideLanguageModelChatInformation(_options: vscode.PrepareLanguageModelChatModelOptions, token: vscode.CancellationToken): Promise<BedrockLanguageModelInfo[]> {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const refresh = this.stale;
      this.stale = false;
      const cat = await this.host.service.catalogue({ signal: abort.signal, refresh });
      const models = languageModelsFrom(cat);
      this.host.log.info(`Offering ${models.length} Bedrock chat models to VS Code (${cat.region})${cat.problems.length ? `; not loaded: ${cat.problems.join('; ')}` : ''}`);
      return models;
    } catch (e) {
      // Without credentials or network there are simply no Bedrock models to offer; VS Code asks again on change.
      this.host.log.warn(`Bedrock language models unavailable: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    } finally {
      sub.dispose();
    }
  }

  /** The Bedrock route behind one of our model ids (e.g. the model chosen in VS Code's chat model picker). */
  async routeOf(id: string): Promise<BedrockRoute | undefined> {
    try {
      return languageModelsFrom(await this.host.service.catalogue()).find(m => m.id === id)?.route;
    } catch {
      return undefined;
    }
  }

  async provideLanguageModelChatResponse(model: BedrockLanguageModelInfo, messages: readonly vscode.LanguageModelChatRequestMessage[], options: vscode.ProvideLanguageModelChatResponseOptions, progress: vscode.Progress<vscode.LanguageModelResponsePart>, token: vscode.CancellationToken): Promise<void> {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const request = toBedrockRequest(model.route, messages, options);
      await reportStream(this.host.service.stream(request, abort.signal), progress, abort.signal);
    } finally {
      sub.dispose();
    }
  }

  async provideTokenCount(_model: BedrockLanguageModelInfo, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    return typeof text === 'string' ? estimateTokens(text) : estimateTokens(countableText(text)) + MESSAGE_OVERHEAD_TOKENS;
  }
}

/** Service events as response parts: text as it streams, each tool call once its arguments are complete. */
export async function reportStream(events: AsyncIterable<StreamEvent>, progress: vscode.Progress<vscode.LanguageModelResponsePart>, signal: AbortSignal): Promise<void> {
  const toolNames = new Map<string, string>();
  for await (const e of events) {
    if (signal.aborted) return;
    switch (e.type) {
      case 'text':
        if (e.text) progress.report(new vscode.LanguageModelTextPart(e.text));
        break;
      case 'tool-call-start':
        toolNames.set(e.id, e.name);
        break;
      case 'tool-call-end':
        progress.report(new vscode.LanguageModelToolCallPart(e.id, toolNames.get(e.id) ?? '', toObject(e.input)));
        break;
      case 'error':
        throw toLanguageModelError(e.error);
    }
  }
}

function toObject(input: unknown): object {
  return typeof input === 'object' && input !== null ? input : { value: input };
}
