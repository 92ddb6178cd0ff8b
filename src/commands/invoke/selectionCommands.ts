import * as path from 'path';
import * as vscode from 'vscode';
import { extractCode } from '../../frontEndKit/panes/paneText';
import { describeReport } from '../../service/guardrails/describe';
import type { PaneStreamResult } from '../../frontEndKit/panes/streamIntoPane';
import type { ApiStyle, GuardrailRef } from '../../service/model';
import type { CommandDeps } from '../commandContext';
import { REFACTOR_SYSTEM, chatRequest, promptHeader, selectionPrompts, type CodeSelection } from '../../frontEndKit/chatRequest';
import { confirmPromptSize, type OverLimitAnswer } from './promptSizeCheck';
import { streamChoice } from './invokeModel';
import { rememberedChoice, type ModelChoice } from '../../frontEndKit/pickers/modelChoice';

export interface SelectionArgs {
  model?: string;
  apiStyle?: ApiStyle;
  /** Ask About Selection: the question. */
  question?: string;
  /** Refactor Selection: what to change. */
  instruction?: string;
  /** Refactor Selection: answer the Apply / Discard question in advance. */
  decision?: 'apply' | 'discard';
  /** Default: the `bedrock.guardrail.*` setting; null sends none. */
  guardrail?: GuardrailRef | null;
  /** A selection over the model's context window: answer "send anyway?" in advance. */
  overLimit?: OverLimitAnswer;
  signal?: AbortSignal;
}

/** False when the prompt is over the model's context window and the user (or `args.overLimit`) declined to send. */
function fits(deps: CommandDeps, choice: ModelChoice, prompt: string, args: SelectionArgs, system?: string): Promise<boolean> {
  return confirmPromptSize(deps, chatRequest(choice.model, choice.apiStyle, prompt, system), args.overLimit);
}

interface EditorSelection extends CodeSelection {
  editor: vscode.TextEditor;
  range: vscode.Range;
  version: number;
}

function currentSelection(): EditorSelection | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) {
    void vscode.window.showInformationMessage('Bedrock: select some code first.');
    return undefined;
  }
  const doc = editor.document;
  const range = new vscode.Range(editor.selection.start, editor.selection.end);
  return { editor, range, version: doc.version, code: doc.getText(range), languageId: doc.languageId, fileName: path.basename(doc.uri.path) || doc.uri.toString() };
}

function choiceFor(deps: CommandDeps, args: SelectionArgs): ModelChoice {
  const last = rememberedChoice(deps.workspaceState);
  return { model: args.model ?? last.model, apiStyle: args.apiStyle ?? last.apiStyle };
}

/** "Bedrock: Ask About Selection": the question and the selected code go to the model; the answer streams into a pane. */
export async function askAboutSelection(deps: CommandDeps, args: SelectionArgs = {}): Promise<PaneStreamResult | undefined> {
  const sel = currentSelection();
  if (!sel) return undefined;
  const question = args.question ?? await vscode.window.showInputBox({ title: 'Bedrock: Ask About Selection', prompt: `Your question about the selected code in ${sel.fileName}`, ignoreFocusOut: true });
  if (!question) return undefined;
  const choice = choiceFor(deps, args);
  const prompt = selectionPrompts.ask(sel, question);
  if (!(await fits(deps, choice, prompt, args))) return undefined;
  return streamChoice(deps, choice, prompt, { title: `Ask · ${sel.fileName}`, header: promptHeader(question, sel.code), signal: args.signal, guardrail: args.guardrail });
}

/** "Bedrock: Explain Selection". */
export async function explainSelection(deps: CommandDeps, args: SelectionArgs = {}): Promise<PaneStreamResult | undefined> {
  const sel = currentSelection();
  if (!sel) return undefined;
  const choice = choiceFor(deps, args);
  const prompt = selectionPrompts.explain(sel);
  if (!(await fits(deps, choice, prompt, args))) return undefined;
  return streamChoice(deps, choice, prompt, { title: `Explain · ${sel.fileName}`, header: promptHeader(`Explain ${sel.fileName}`, sel.code), signal: args.signal, guardrail: args.guardrail });
}

export interface RefactorResult extends PaneStreamResult {
  /** The code proposed (fence stripped). */
  code: string;
  applied: boolean;
}

/**
 * "Bedrock: Refactor Selection": the proposal streams into the right side of a diff against the selection, then
 * Apply replaces the selection in one edit (one undo step) and Discard closes the diff.
 */
export async function refactorSelection(deps: CommandDeps, args: SelectionArgs = {}): Promise<RefactorResult | undefined> {
  const sel = currentSelection();
  if (!sel) return undefined;
  const instruction = args.instruction ?? await vscode.window.showInputBox({ title: 'Bedrock: Refactor Selection', prompt: 'How should the selected code change?', placeHolder: 'e.g. extract a helper function, add types, simplify the loop', ignoreFocusOut: true });
  if (!instruction) return undefined;
  const choice = choiceFor(deps, args);
  const prompt = selectionPrompts.refactor(sel, instruction);
  if (!(await fits(deps, choice, prompt, args, REFACTOR_SYSTEM))) return undefined;
  const ext = path.extname(sel.editor.document.uri.path).slice(1) || 'txt';
  const original = deps.docs.create(`${sel.fileName} selection`, ext);
  deps.docs.set(original, sel.code);
  const proposal = deps.docs.writer(deps.docs.create(`${sel.fileName} refactored`, ext));
  await vscode.commands.executeCommand('vscode.diff', original, proposal.uri, `${sel.fileName}: selection ↔ Bedrock refactoring`, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
  const result = await streamChoice(deps, choice, prompt, { title: `Refactor · ${sel.fileName}`, system: REFACTOR_SYSTEM, signal: args.signal, bare: true, pane: proposal, guardrail: args.guardrail });
  if (result.guardrail?.intervened) void vscode.window.showWarningMessage(`Bedrock: ${describeReport(result.guardrail).headline}`);
  if (result.cancelled || result.error || !result.answer.trim() || result.stopReason === 'guardrail_intervened') {
    return { ...result, code: '', applied: false };
  }
  // Keep the selection's trailing newline, which models usually drop.
  let code = extractCode(result.answer);
  if (sel.code.endsWith('\n') && !code.endsWith('\n')) code += '\n';
  await proposal.replace(code);
  const decision = args.decision ?? await askApply(sel.fileName);
  let applied = false;
  if (decision === 'apply') applied = await applyRefactoring(sel, code);
  await closeDiff(proposal.uri);
  return { ...result, code, applied };
}

async function askApply(fileName: string): Promise<'apply' | 'discard'> {
  const choice = await vscode.window.showInformationMessage(`Bedrock: apply the refactoring to ${fileName}?`, 'Apply', 'Discard');
  return choice === 'Apply' ? 'apply' : 'discard';
}

async function applyRefactoring(sel: EditorSelection, code: string): Promise<boolean> {
  const doc = sel.editor.document;
  // The user may have kept typing while the model answered: replacing a moved range would corrupt the file.
  if (doc.isClosed || (doc.version !== sel.version && doc.getText(sel.range) !== sel.code)) {
    void vscode.window.showWarningMessage(`Bedrock: ${sel.fileName} changed while the refactoring was generated; it was not applied.`);
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, sel.range, code);
  return vscode.workspace.applyEdit(edit);
}

async function closeDiff(modified: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === modified.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
