import * as path from 'path';
import * as vscode from 'vscode';
import { selectionPrompts, type CodeSelection } from '../frontEndKit/chatRequest';
import type { ChatMessage } from '../service/model';
import type { ParticipantContext } from './participantContext';
import { reportError, streamAnswer } from './streamAnswer';

const SYSTEM = 'You are Amazon Bedrock answering inside VS Code\'s chat view. Answer in concise markdown; put code in fenced blocks with a language.';
const HISTORY_TURNS = 10;

/** Earlier `@bedrock` turns of this conversation, so a follow-up question has its context. */
function historyOf(context: vscode.ChatContext, participantId: string): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const turn of context.history.slice(-2 * HISTORY_TURNS)) {
    if (turn.participant !== participantId) continue;
    if (turn instanceof vscode.ChatRequestTurn) {
      if (turn.prompt) out.push({ role: 'user', content: [{ type: 'text', text: turn.prompt }] });
    } else if (turn instanceof vscode.ChatResponseTurn) {
      const text = turn.response.map(p => (p instanceof vscode.ChatResponseMarkdownPart ? p.value.value : '')).join('');
      // a turn whose request was dropped (or that failed) would leave two user messages in a row
      if (text && out.at(-1)?.role === 'user') out.push({ role: 'assistant', content: [{ type: 'text', text }] });
    }
  }
  if (out.at(-1)?.role === 'user') out.pop();
  return out;
}

/** `/ask` (and a prompt with no command): the question, with the conversation so far, to the chosen Bedrock model. */
export async function ask(ctx: ParticipantContext, request: vscode.ChatRequest, context: vscode.ChatContext, response: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
  const question = request.prompt.trim();
  if (!question) {
    response.markdown('Ask a question after `@bedrock`, for example `@bedrock how do I stream a Converse reply in Python?`');
    return { metadata: { command: 'ask' } };
  }
  const route = await ctx.routeFor(request.model);
  // only code the user attached (#selection, a dragged range): an editor selection left over is not a question
  const selection = selectionFrom(request, false);
  const prompt = selection ? selectionPrompts.ask(selection, question) : question;
  const answer = await streamAnswer(ctx.service, {
    ...route, system: SYSTEM,
    messages: [...historyOf(context, ctx.participantId), { role: 'user', content: [{ type: 'text', text: prompt }] }],
  }, response, token);
  return { metadata: { command: 'ask' }, ...(answer.error ? { errorDetails: reportError(answer.error, response) } : {}) };
}

/** `/explain`: the selection (a `#selection` reference, else the active editor's) explained by the model. */
export async function explain(ctx: ParticipantContext, request: vscode.ChatRequest, response: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
  const selection = selectionFrom(request);
  if (!selection) {
    response.markdown('Select some code in an editor first, then run `@bedrock /explain`.');
    return { metadata: { command: 'explain' } };
  }
  response.reference(selection.location);
  const route = await ctx.routeFor(request.model);
  const extra = request.prompt.trim();
  const prompt = selectionPrompts.explain(selection) + (extra ? `\n\nAlso: ${extra}` : '');
  const answer = await streamAnswer(ctx.service, { ...route, system: SYSTEM, messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }] }, response, token);
  return { metadata: { command: 'explain' }, ...(answer.error ? { errorDetails: reportError(answer.error, response) } : {}) };
}

interface ChatSelection extends CodeSelection {
  location: vscode.Location;
}

function selectionFrom(request: vscode.ChatRequest, orActiveEditor = true): ChatSelection | undefined {
  for (const ref of request.references) {
    const v = ref.value;
    if (v instanceof vscode.Location && !v.range.isEmpty) {
      const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === v.uri.toString());
      if (doc) return selectionOf(doc, v.range);
    }
  }
  const editor = vscode.window.activeTextEditor;
  if (!orActiveEditor || !editor || editor.selection.isEmpty) return undefined;
  return selectionOf(editor.document, editor.selection);
}

function selectionOf(doc: vscode.TextDocument, range: vscode.Range): ChatSelection {
  return { code: doc.getText(range), languageId: doc.languageId, fileName: path.basename(doc.uri.path) || doc.uri.toString(), location: new vscode.Location(doc.uri, range) };
}
