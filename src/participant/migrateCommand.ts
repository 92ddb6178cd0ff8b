import * as vscode from 'vscode';
import { loadEngine } from '../migrate/engineLoader';
import type { MigrationTarget, SiteResult, SourceSdk } from '../migrate/model';
import { codeRegion } from '../common/settings';
import type { ParticipantContext } from './participantContext';

const COMMAND_FOR: Record<SourceSdk, string> = { openai: 'bedrock.migrateOpenAICode', anthropic: 'bedrock.migrateAnthropicCode' };

export function targetFromPrompt(prompt: string): MigrationTarget {
  return /\b(converse|runtime|boto3|aws sdk|anthropicbedrock)\b/i.test(prompt) ? 'converse' : 'mantle';
}

function fence(text: string, info: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map(m => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${info}\n${text}${text.endsWith('\n') ? '' : '\n'}${f}\n`;
}

function siteLine(s: SiteResult): string {
  const what = s.status === 'manual' ? '**needs a manual step**' : s.status;
  return `- line ${s.line}: \`${s.kind}\` (${s.source}) — ${what}${s.notes.length ? `: ${s.notes.join('; ')}` : ''}`;
}

/**
 * `/migrate [converse]`: runs the migration engine on the active file and streams the result as a markdown diff;
 * nothing changes until the user opens the refactor preview from the button and applies it there.
 */
export async function migrate(_ctx: ParticipantContext, request: vscode.ChatRequest, response: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
  const target = targetFromPrompt(request.prompt);
  const refUri = request.references.map(r => r.value).find((v): v is vscode.Uri => v instanceof vscode.Uri);
  const doc = refUri ? await vscode.workspace.openTextDocument(refUri) : vscode.window.activeTextEditor?.document;
  const meta = { command: 'migrate' as const, target };
  if (!doc) {
    response.markdown('Open a Python, JavaScript or TypeScript file that calls the OpenAI or Anthropic SDK, then run `@bedrock /migrate`.');
    return { metadata: meta };
  }
  response.progress(`Finding OpenAI and Anthropic calls in ${vscode.workspace.asRelativePath(doc.uri)}…`);
  const engine = await loadEngine();
  if (token.isCancellationRequested) return { metadata: meta };
  // untitled files have no extension: their language id says what they are
  const source = engine.languageOf(doc.fileName) ? doc.fileName : engine.languageOf(doc.languageId) ? doc.languageId : undefined;
  if (!source) {
    response.markdown(`\`/migrate\` works on Python, JavaScript and TypeScript files; ${vscode.workspace.asRelativePath(doc.uri)} is ${doc.languageId}.`);
    return { metadata: meta };
  }
  const before = doc.getText();
  const result = engine.migrate(before, source, { target, from: 'all', region: codeRegion() });
  const name = vscode.workspace.asRelativePath(doc.uri);
  response.reference(doc.uri);
  if (!result.sites.length) {
    response.markdown(`No OpenAI or Anthropic SDK calls were found in \`${name}\`.`);
    return { metadata: meta };
  }
  const migrated = result.sites.filter(s => s.status === 'migrated').length;
  const targetName = target === 'converse' ? 'Converse on bedrock-runtime' : 'the SDK\'s Bedrock client on bedrock-mantle';
  response.markdown(`**${migrated} of ${result.sites.length}** call site(s) in \`${name}\` migrate to ${targetName}:\n\n${result.sites.map(siteLine).join('\n')}\n\n`);
  if (result.edits.length) {
    response.markdown(fence(engine.unifiedDiff(before, result.text, name), 'diff'));
    if (result.dependencies.length) response.markdown(`\nInstall: ${result.dependencies.map(d => `\`${d.spec}\` (${d.ecosystem})`).join(', ')}\n`);
    const sources = [...new Set(result.sites.filter(s => s.status === 'migrated').map(s => s.source))];
    for (const source of sources) {
      response.button({
        command: COMMAND_FOR[source],
        title: sources.length > 1 ? `Review ${source === 'openai' ? 'OpenAI' : 'Anthropic'} changes in Refactor Preview` : 'Review and Apply in Refactor Preview',
        arguments: [doc.uri, [doc.uri], { target, preview: true }],
      });
    }
  }
  return { metadata: meta };
}
