import * as vscode from 'vscode';
import { noReasoningReason, REASONING_EFFORTS, reasoningControl, reasoningFor, THINKING_BUDGETS } from '../service/catalogue/modelFeatures';
import type { ReasoningOptions } from '../service/model';
import type { Selection } from './protocol';

type Choice = ReasoningOptions | 'off';

const EFFORT_DETAIL: Record<string, string> = {
  low: 'Short reasoning: faster and cheaper',
  medium: 'The usual balance',
  high: 'Longest reasoning: for hard problems, slower and dearer',
};

/**
 * The reasoning control for this conversation, offering only what the model takes on this API style (Claude's
 * thinking budget, an effort level for gpt-oss and Nova 2); a model without one is told so instead.
 * Returns undefined when the user cancelled or nothing can be chosen.
 */
export async function pickReasoning(selection: Selection): Promise<Choice | undefined> {
  const control = reasoningControl(selection.model, selection.apiStyle);
  if (!control) {
    void vscode.window.showInformationMessage(`Bedrock: ${noReasoningReason(selection.model, selection.apiStyle)}`);
    return undefined;
  }
  const current = reasoningFor(selection.model, selection.apiStyle, selection.reasoning);
  const mark = (on: boolean) => (on ? 'current' : undefined);
  const items: (vscode.QuickPickItem & { choice: Choice })[] = [
    { label: 'Off', description: mark(!current), detail: 'No reasoning asked for', choice: 'off' },
    ...(control.kind === 'budget'
      ? THINKING_BUDGETS.map(b => ({ label: `Thinking budget ${b.toLocaleString('en-US')} tokens`, description: mark(current?.budgetTokens === b), detail: 'Claude extended thinking: the most tokens it may think for (billed as output)', choice: { budgetTokens: b } }))
      : REASONING_EFFORTS.map(e => ({ label: `Effort ${e}`, description: mark(current?.effort === e), detail: EFFORT_DETAIL[e], choice: { effort: e } }))),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `${control.label} for this conversation`, placeHolder: selection.model });
  return picked?.choice;
}
