import * as vscode from 'vscode';
import { readSettings } from '../../common/settings';
import { reportMarkdown } from '../../service/guardrails/describe';
import type { GuardrailReport } from '../../service/guardrails/report';
import type { GuardrailRef } from '../../service/model';
import type { ServiceHost } from '../../service/vscode/serviceHost';
import { asBedrockError, linkedAbort, selectedText, type CommandDeps } from '../commandContext';
import { showBedrockError } from '../../frontEndKit/errors/errorActions';
import { guardrailLabel, pickGuardrail } from '../../frontEndKit/pickers/guardrailPicker';

export interface ChooseGuardrailArgs {
  /** The choice made in advance (tests, keybindings); `null` clears it. */
  guardrail?: GuardrailRef | null;
}

/**
 * "Bedrock: Choose Guardrail": the default guardrail for the editor commands and new chats, kept in the
 * `bedrock.guardrail.*` settings. Resolves to the choice (null = none), undefined when cancelled.
 */
export async function chooseGuardrail(host: ServiceHost, args: ChooseGuardrailArgs = {}): Promise<GuardrailRef | null | undefined> {
  const choice = args.guardrail !== undefined ? args.guardrail : await pickGuardrail(host, readSettings().guardrail, 'Default guardrail');
  if (choice === undefined) return undefined;
  const c = vscode.workspace.getConfiguration('bedrock');
  await c.update('guardrail.identifier', choice?.id ?? '', vscode.ConfigurationTarget.Global);
  await c.update('guardrail.version', choice?.version ?? 'DRAFT', vscode.ConfigurationTarget.Global);
  void vscode.window.setStatusBarMessage(choice ? `Bedrock: guardrail ${guardrailLabel(choice)} applies to Converse and InvokeModel requests` : 'Bedrock: no guardrail', 5000);
  return choice;
}

export interface CheckGuardrailArgs {
  /** The text to check; default: the editor's selection. */
  text?: string;
  /** Check it as the user's input or as a model's output; asked when missing. */
  source?: 'input' | 'output';
  /** Default: the `bedrock.guardrail.*` setting, else asked. */
  guardrail?: GuardrailRef;
  signal?: AbortSignal;
}

export interface CheckGuardrailResult {
  uri: vscode.Uri;
  report: GuardrailReport;
  guardrail: GuardrailRef;
}

/** "Bedrock: Check Text with Guardrail": ApplyGuardrail on the selection, the assessment shown in a markdown pane. */
export async function checkGuardrail(deps: CommandDeps, args: CheckGuardrailArgs = {}): Promise<CheckGuardrailResult | undefined> {
  const text = args.text ?? selectedText();
  if (!text?.trim()) {
    void vscode.window.showInformationMessage('Bedrock: select the text to check first.');
    return undefined;
  }
  const guardrail = args.guardrail ?? readSettings().guardrail ?? await pickGuardrail(deps.host, undefined, 'Check with which guardrail');
  if (!guardrail) return undefined;
  const source = args.source ?? (await vscode.window.showQuickPick([
    { label: 'As user input', description: 'INPUT: what a user would send to the model', source: 'input' as const },
    { label: 'As model output', description: 'OUTPUT: what a model would answer', source: 'output' as const },
  ], { title: `Check with ${guardrailLabel(guardrail)}`, placeHolder: 'Assess the text as…' }))?.source;
  if (!source) return undefined;
  const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Bedrock: checking with ${guardrailLabel(guardrail)}…`, cancellable: true }, async (_p, token) => {
    const abort = linkedAbort(token, args.signal);
    try {
      return await deps.host.service.applyGuardrail(guardrail, source, text, abort.signal);
    } catch (e) {
      const error = asBedrockError(e);
      if (error.kind !== 'aborted' && !abort.signal.aborted) void showBedrockError(error, deps.host.log);
      return undefined;
    } finally {
      abort.dispose();
    }
  });
  if (!report) return undefined;
  const uri = deps.docs.create(`Guardrail check · ${guardrail.name ?? guardrail.id}`);
  deps.docs.set(uri, checkMarkdown(guardrail, source, text, report));
  await deps.docs.show(uri);
  return { uri, report, guardrail };
}

function checkMarkdown(guardrail: GuardrailRef, source: 'input' | 'output', text: string, report: GuardrailReport): string {
  const shown = text.length > 600 ? `${text.slice(0, 600)}…` : text;
  return [
    `## Guardrail check: ${guardrailLabel(guardrail)}`,
    '',
    `Assessed as **${source === 'input' ? 'user input' : 'model output'}** (${guardrail.id}, version ${guardrail.version}):`,
    '',
    ...shown.split('\n').map(l => `    ${l}`),
    '',
    reportMarkdown(report, guardrailLabel(guardrail)),
    '',
  ].join('\n');
}
