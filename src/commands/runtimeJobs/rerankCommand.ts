import * as vscode from 'vscode';
import type { BedrockError } from '../../service/errors';
import { rerank, type RankedDocument } from '../../service/runtime';
import { selectedText, withJobProgress, type CommandDeps } from '../commandContext';
import { rerankTable, splitDocuments } from './rerankText';

export interface RerankArgs {
  query?: string;
  /** Default: the selection split into paragraphs (blank-line separated), or lines when it has no blank lines. */
  documents?: string[];
  model?: string;
  topN?: number;
  signal?: AbortSignal;
}

export const DEFAULT_RERANK_MODEL = 'cohere.rerank-v3-5:0';

/** "Bedrock: Rerank Documents": the documents ordered by relevance to a query, as a table in a pane. */
export async function rerankDocuments(deps: CommandDeps, args: RerankArgs = {}): Promise<{ pane?: vscode.Uri; ranked?: RankedDocument[]; error?: BedrockError } | undefined> {
  const documents = args.documents ?? (selectedText() ? splitDocuments(selectedText()!) : undefined);
  if (!documents?.length) {
    void vscode.window.showInformationMessage('Bedrock: select the documents to rank (one per paragraph or line) first.');
    return undefined;
  }
  const query = args.query ?? await vscode.window.showInputBox({ title: 'Bedrock: Rerank Documents', prompt: `Query to rank ${documents.length} documents against`, ignoreFocusOut: true });
  if (!query) return undefined;
  const model = args.model ?? DEFAULT_RERANK_MODEL;
  const { value, error } = await withJobProgress(deps.host, `ranking ${documents.length} documents`, args.signal, ctx => rerank(ctx, query, documents, model, { topN: args.topN }));
  if (!value) return { error };
  const uri = deps.docs.create(`Rerank ${model}`);
  deps.docs.set(uri, rerankTable(query, model, value));
  await deps.docs.show(uri);
  return { pane: uri, ranked: value };
}
