import * as vscode from 'vscode';
import { codeRegion } from '../common/settings';
import { endpointHost, NEEDS, recommend, type NeedId, type Recommendation } from '../apiAdvisor/decisionTable';
import { starterSnippet, type SnippetLanguage } from '../apiAdvisor/snippets';

export interface WhichApiArgs {
  need?: NeedId;
  language?: SnippetLanguage;
}

export interface WhichApiResult extends Recommendation {
  language: SnippetLanguage;
  snippet: vscode.Uri;
  endpoint: string;
}

/**
 * "Bedrock: Which Bedrock API Should I Use?": what are you building → which API on which endpoint family, and why;
 * then a runnable starter in TypeScript or Python opens as an untitled file (the user decides where it lives).
 */
export async function whichApi(args: WhichApiArgs = {}): Promise<WhichApiResult | undefined> {
  const need = args.need ?? (await vscode.window.showQuickPick(NEEDS.map(n => ({ label: n.label, detail: n.detail, id: n.id })), {
    title: 'Which Bedrock API should I use? (1/2) — what are you building?', matchOnDetail: true,
  }))?.id;
  if (!need) return undefined;
  const rec = recommend(need);
  const region = codeRegion();
  const endpoint = endpointHost(rec.family, region);
  const language = args.language ?? (await vscode.window.showQuickPick([
    { label: 'TypeScript', language: 'typescript' as const },
    { label: 'Python', language: 'python' as const },
  ], { title: `(2/2) Use ${rec.apiName} on bedrock-${rec.family} — starter snippet in…`, placeHolder: rec.why }))?.language;
  if (!language) return undefined;
  const snippet = starterSnippet(rec.api, language, region);
  const header = language === 'typescript'
    ? `// Recommended: ${rec.apiName} on bedrock-${rec.family} (${endpoint}).\n// Why: ${rec.why}\n// Also: ${rec.note}\n\n`
    : `# Recommended: ${rec.apiName} on bedrock-${rec.family} (${endpoint}).\n# Why: ${rec.why}\n# Also: ${rec.note}\n\n`;
  const doc = await vscode.workspace.openTextDocument({ language, content: header + snippet.code });
  await vscode.window.showTextDocument(doc, { preview: false });
  void vscode.window.showInformationMessage(`Bedrock: use ${rec.apiName} on bedrock-${rec.family}. ${rec.why}`);
  return { ...rec, language, snippet: doc.uri, endpoint };
}
