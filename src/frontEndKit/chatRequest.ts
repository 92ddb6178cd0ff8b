/**
 * Prompts for the editor commands, as BedrockRequests. Pure: the wording is unit-tested and the commands only
 * gather inputs.
 */
import type { ApiStyle, BedrockRequest, GuardrailRef } from '../service/model';

export interface CodeSelection {
  code: string;
  /** VS Code language id, used as the fence's info string. */
  languageId: string;
  fileName: string;
}

export function chatRequest(model: string, apiStyle: ApiStyle, prompt: string, system?: string, guardrail?: GuardrailRef): BedrockRequest {
  return {
    model, apiStyle, messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }],
    ...(system ? { system } : {}), ...(guardrail ? { guardrail: { id: guardrail.id, version: guardrail.version } } : {}),
  };
}

function fenced(sel: CodeSelection): string {
  // A fence longer than any backtick run inside the code, so code containing ``` cannot close it early.
  const longest = Math.max(2, ...[...sel.code.matchAll(/`+/g)].map(m => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${sel.languageId}\n${sel.code}\n${fence}`;
}

export const selectionPrompts = {
  ask: (sel: CodeSelection, question: string) => `${question}\n\nThe code in question, from ${sel.fileName}:\n\n${fenced(sel)}`,
  explain: (sel: CodeSelection) => `Explain what this code from ${sel.fileName} does: its purpose, how it works step by step, and anything surprising or risky. Be concise.\n\n${fenced(sel)}`,
  refactor: (sel: CodeSelection, instruction: string) => `Refactor this code from ${sel.fileName}: ${instruction}\n\n${fenced(sel)}`,
};

export const REFACTOR_SYSTEM = 'You are a refactoring tool inside a code editor. Reply with only the complete replacement for the given code, in one fenced code block, with no explanation before or after. Keep the behaviour unless asked otherwise, and keep the original indentation.';

/** The first lines of a prompt as a markdown quote, for the pane's header. */
export function promptHeader(title: string, prompt: string, limit = 600): string {
  const shown = prompt.length > limit ? `${prompt.slice(0, limit)}…` : prompt;
  return `## ${title}\n\n${shown.split('\n').map(l => `> ${l}`).join('\n')}\n\n`;
}
