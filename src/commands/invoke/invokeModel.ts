import * as vscode from 'vscode';
import type { OutputPane } from '../../frontEndKit/panes/outputDocuments';
import { streamIntoPane, type PaneStreamResult } from '../../frontEndKit/panes/streamIntoPane';
import { readSettings } from '../../common/settings';
import { guardrailApplies } from '../../service/guardrails/support';
import { API_STYLE_LABELS, type ApiStyle, type GuardrailRef } from '../../service/model';
import { guardrailLabel } from '../../frontEndKit/pickers/guardrailPicker';
import type { CommandDeps } from '../commandContext';
import { selectedText } from '../commandContext';
import { chatRequest, promptHeader } from '../../frontEndKit/chatRequest';
import { pickModelAndStyle, rememberChoice, rememberedChoice, type ModelChoice } from '../../frontEndKit/pickers/modelChoice';

/** Arguments for running "Invoke Model…" without UI (tests, keybindings, other extensions' commands). */
export interface InvokeModelArgs {
  model?: string;
  apiStyle?: ApiStyle;
  prompt?: string;
  system?: string;
  /** Default: the `bedrock.guardrail.*` setting; null sends none. */
  guardrail?: GuardrailRef | null;
  /** Cancels like the progress notification's Cancel. */
  signal?: AbortSignal;
}

/** "Bedrock: Invoke Model…": model + API style (remembered per workspace), prompt, answer streamed into a pane. */
export async function invokeModel(deps: CommandDeps, args: InvokeModelArgs = {}): Promise<PaneStreamResult | undefined> {
  let choice: ModelChoice | undefined;
  if (args.model) {
    choice = { model: args.model, apiStyle: args.apiStyle ?? rememberedChoice(deps.workspaceState).apiStyle };
    await rememberChoice(deps.workspaceState, choice);
  } else {
    choice = await pickModelAndStyle(deps.host, deps.workspaceState);
  }
  if (!choice) return undefined;
  const prompt = args.prompt ?? selectedText() ?? await vscode.window.showInputBox({ title: `Bedrock: prompt for ${choice.model}`, prompt: 'What should the model answer?', ignoreFocusOut: true });
  if (!prompt) return undefined;
  return streamChoice(deps, choice, prompt, { title: `${choice.model}`, header: promptHeader('Prompt', prompt), system: args.system, signal: args.signal, guardrail: args.guardrail });
}

export function streamChoice(deps: CommandDeps, choice: ModelChoice, prompt: string, opts: { title: string; header?: string; system?: string; signal?: AbortSignal; bare?: boolean; pane?: OutputPane; guardrail?: GuardrailRef | null }): Promise<PaneStreamResult> {
  const guardrail = opts.guardrail === null ? undefined : opts.guardrail ?? readSettings().guardrail;
  const applied = guardrail && guardrailApplies(choice.apiStyle) ? guardrail : undefined;
  const request = chatRequest(choice.model, choice.apiStyle, prompt, opts.system, applied);
  const guardNote = guardrail ? ` · guardrail ${guardrailLabel(guardrail)}${applied ? '' : ' not applied (this API style has no guardrail parameter)'}` : '';
  const run = (): Promise<PaneStreamResult> => streamIntoPane(deps.docs, deps.host.log, signal => deps.host.service.stream(request, signal), {
    title: opts.title, header: opts.header, source: `${choice.model} · ${API_STYLE_LABELS[choice.apiStyle]}${guardNote}`, guardrailName: guardrail ? guardrailLabel(guardrail) : undefined,
    signal: opts.signal, bare: opts.bare, pane: opts.pane,
    // A retry opens a fresh pane; one streaming into a given pane (a diff side) would append a second answer.
    ...(opts.pane ? {} : { retry: () => void run() }),
  });
  return run();
}
