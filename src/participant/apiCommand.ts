import * as vscode from 'vscode';
import { endpointHost, NEEDS, recommend } from '../apiAdvisor/decisionTable';
import type { SnippetLanguage } from '../apiAdvisor/snippets';
import { codeRegion } from '../common/settings';
import { needFromText } from '../apiAdvisor/needFromText';

function languageFor(prompt: string): SnippetLanguage {
  if (/\bpython\b|\bboto3\b|\.py\b/i.test(prompt)) return 'python';
  if (/\b(typescript|javascript|node|ts|js)\b/i.test(prompt)) return 'typescript';
  return vscode.window.activeTextEditor?.document.languageId === 'python' ? 'python' : 'typescript';
}

/**
 * `/api <what you are building>`: the API-choice helper (the same decision table as "Which Bedrock API Should I
 * Use?") answering in chat with the reason, the endpoint and a starter snippet; without a recognisable need it
 * shows the whole table.
 */
export async function apiAdvice(request: vscode.ChatRequest, response: vscode.ChatResponseStream): Promise<vscode.ChatResult> {
  const need = needFromText(request.prompt);
  if (!need) {
    const rows = NEEDS.map(n => {
      const r = recommend(n.id);
      return `| ${n.label} | ${r.apiName} | bedrock-${r.family} |`;
    });
    response.markdown(`Tell me what you are building, e.g. \`@bedrock /api a voice assistant\`. The choices:\n\n| you are building | use | endpoint family |\n|---|---|---|\n${rows.join('\n')}\n`);
    return { metadata: { command: 'api' } };
  }
  const rec = recommend(need);
  const region = codeRegion();
  const language = languageFor(request.prompt);
  // ~20 KB of program text: its own chunk, imported when a starter is first shown
  const { starterSnippet } = await import('../apiAdvisor/snippets.js');
  const snippet = starterSnippet(rec.api, language, region);
  response.markdown(`Use **${rec.apiName}** on **bedrock-${rec.family}** (\`${endpointHost(rec.family, region)}\`).\n\n${rec.why}\n\n${rec.note}\n\nStarter (${language === 'python' ? 'Python' : 'TypeScript'}):\n\n\`\`\`\`${language}\n${snippet.code}\n\`\`\`\`\n`);
  response.button({ command: 'bedrock.whichApi', title: 'Open the Starter as a File', arguments: [{ need, language }] });
  return { metadata: { command: 'api', need } };
}
