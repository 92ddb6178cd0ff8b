import * as vscode from 'vscode';
import type { BedrockError } from '../../service/errors';
import { embed } from '../../service/runtime';
import { selectedText, withJobProgress, type CommandDeps } from '../commandContext';

export interface EmbeddingsArgs {
  /** Texts to embed (default: the selection, one text). */
  texts?: string[];
  model?: string;
  dimensions?: number;
  signal?: AbortSignal;
}

export const DEFAULT_EMBEDDINGS_MODEL = 'amazon.titan-embed-text-v2:0';

/** "Bedrock: Generate Embeddings for Selection": the vectors open as JSON in a pane (ready to copy into a test or index). */
export async function generateEmbeddings(deps: CommandDeps, args: EmbeddingsArgs = {}): Promise<{ pane?: vscode.Uri; vectors?: number[][]; error?: BedrockError } | undefined> {
  const texts = args.texts ?? (selectedText() !== undefined ? [selectedText()!] : undefined);
  if (!texts?.length) {
    void vscode.window.showInformationMessage('Bedrock: select the text to embed first.');
    return undefined;
  }
  const model = args.model ?? DEFAULT_EMBEDDINGS_MODEL;
  const { value, error } = await withJobProgress(deps.host, `embedding with ${model}`, args.signal, ctx => embed(ctx, texts, model, { dimensions: args.dimensions }));
  if (!value) return { error };
  const uri = deps.docs.create(`Embeddings ${model}`, 'json');
  deps.docs.set(uri, JSON.stringify({ model, dimensions: value.dimensions, ...(value.inputTokens !== undefined ? { inputTokens: value.inputTokens } : {}), texts, vectors: value.vectors }, null, 2) + '\n');
  await deps.docs.show(uri);
  return { pane: uri, vectors: value.vectors };
}
