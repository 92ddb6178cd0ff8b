import * as vscode from 'vscode';
import { API_STYLE_LABELS } from '../../service/model';
import type { Selection } from '../protocol';
import { availableTools, stylesWithTools } from './chatTools';

/** The tools pill's label: how many tools the model may call, or why none are offered. */
export function toolsLabel(selection: Selection): string {
  if (!stylesWithTools(selection.apiStyle)) return `No tools on ${API_STYLE_LABELS[selection.apiStyle]}`;
  const n = selection.tools?.length ?? 0;
  return n === 0 ? 'No tools' : n === 1 ? '1 tool' : `${n} tools`;
}

/** A multi-select of every tool the chat can offer; resolves to the chosen names, or undefined when dismissed. */
export async function pickTools(selection: Selection): Promise<string[] | undefined> {
  if (!stylesWithTools(selection.apiStyle)) {
    void vscode.window.showInformationMessage(`Bedrock: ${API_STYLE_LABELS[selection.apiStyle]} takes model-native bodies, so the chat offers no tools there. Choose Converse, ConverseStream, Responses, Chat Completions or Messages to use tools.`);
    return undefined;
  }
  const chosen = new Set(selection.tools ?? []);
  const tools = availableTools();
  type Item = vscode.QuickPickItem & { id?: string };
  const items: Item[] = [];
  for (const [source, label] of [['workspace', 'Workspace (Bedrock)'], ['vscode', 'VS Code tools (extensions, MCP servers)']] as const) {
    const group = tools.filter(t => t.source === source);
    if (!group.length) continue;
    items.push({ label, kind: vscode.QuickPickItemKind.Separator });
    for (const t of group) items.push({ label: t.id, description: t.title !== t.id ? t.title : undefined, detail: t.description, picked: chosen.has(t.id), id: t.id });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Tools the model may call in this chat', canPickMany: true, matchOnDetail: true,
    placeHolder: 'Tool results are sent to the model; edits are only written after you accept them',
  });
  return picked?.flatMap(i => (i.id ? [i.id] : []));
}

/** The `bedrock.chat.maxToolSteps` setting: rounds of tool calls per question before the chat stops. */
export function maxToolSteps(fallback: number): number {
  const v = vscode.workspace.getConfiguration('bedrock.chat').get<number>('maxToolSteps', fallback);
  return typeof v === 'number' && v >= 1 ? Math.floor(v) : fallback;
}
