import * as vscode from 'vscode';
import type { ApiStyle, ToolSpec } from '../../service/model';
import { WORKSPACE_TOOLS, type ToolOutcome } from '../../workspaceTools';
import { capped } from '../../workspaceTools/types';

/** A tool result from another extension is cut at this size, like the workspace tools' own results. */
const MAX_RESULT_CHARS = 50_000;

/** Styles that carry tool declarations and results; InvokeModel bodies are model-native, so the chat offers none there. */
export function stylesWithTools(style: ApiStyle): boolean {
  return style !== 'invoke-model' && style !== 'invoke-model-stream';
}

/** The one line a reply carries when the chat has tools but its style cannot offer them. */
export function toolsNote(selection: { apiStyle: ApiStyle; tools?: string[] }): { note?: string } {
  return selection.tools?.length && !stylesWithTools(selection.apiStyle) ? { note: 'Tools are not offered on InvokeModel (model-native bodies); choose another API style to use them.' } : {};
}

/** A tool the chat can offer: the extension's own, or one VS Code knows (other extensions', MCP servers'). */
export interface ChatTool {
  /** What the conversation keeps in its selection: the tool's name. */
  id: string;
  /** The name on the wire: every style accepts [a-zA-Z0-9_-]{1,64}. */
  wireName: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  source: 'workspace' | 'vscode';
}

export function wireName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'tool';
}

/** Every tool the chat can offer now: its own workspace tools first, then `vscode.lm.tools`. */
export function availableTools(): ChatTool[] {
  const out: ChatTool[] = WORKSPACE_TOOLS.map(t => ({ id: t.name, wireName: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema, source: 'workspace' as const }));
  const taken = new Set(out.map(t => t.wireName));
  for (const t of vscode.lm.tools) {
    const wire = wireName(t.name);
    if (taken.has(wire)) continue;
    taken.add(wire);
    out.push({ id: t.name, wireName: wire, title: t.name, description: t.description, inputSchema: (t.inputSchema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} }, source: 'vscode' });
  }
  return out;
}

/** The conversation's enabled tools that still exist, as the request declares them. */
export function enabledTools(names: readonly string[] | undefined, style: ApiStyle): ChatTool[] {
  if (!names?.length || !stylesWithTools(style)) return [];
  const wanted = new Set(names);
  return availableTools().filter(t => wanted.has(t.id));
}

export function toolSpecs(tools: readonly ChatTool[]): ToolSpec[] {
  return tools.map(t => ({ name: t.wireName, description: t.description, inputSchema: { type: 'object', properties: {}, ...t.inputSchema } }));
}

/**
 * Runs one call the model made. Never throws: an unknown tool, a tool's own failure or a refused confirmation
 * becomes an error result the model reads (and the card shows).
 */
export async function runChatTool(tools: readonly ChatTool[], name: string, input: Record<string, unknown>, signal: AbortSignal): Promise<ToolOutcome> {
  const tool = tools.find(t => t.wireName === name);
  if (!tool) return { content: `There is no tool named ${name} in this chat.`, isError: true };
  try {
    if (tool.source === 'workspace') {
      const own = WORKSPACE_TOOLS.find(t => t.name === tool.id);
      if (!own) return { content: `There is no tool named ${name} in this chat.`, isError: true };
      return await own.invoke(input, signal);
    }
    return await invokeVsCodeTool(tool.id, input, signal);
  } catch (e) {
    if (signal.aborted) return { content: `${tool.title} was stopped: the user stopped the reply.`, isError: true };
    // VS Code's own confirmation (a dialog outside a chat request) throws a cancellation when the user declines
    if (e instanceof vscode.CancellationError || (e instanceof Error && e.name === 'Canceled')) return { content: `The user declined to run ${tool.title}.`, isError: true };
    return { content: `${tool.title} failed: ${e instanceof Error ? e.message : String(e)}`, isError: true };
  }
}

/**
 * Through `vscode.lm.invokeTool` with no invocation token: outside a chat request VS Code shows no progress UI, but a
 * tool that asks for confirmation (its prepareInvocation's confirmationMessages, or VS Code's default for tools not
 * eligible for auto-approval) gets a modal "Allow tool to execute?" dialog; declining throws a cancellation.
 */
async function invokeVsCodeTool(name: string, input: Record<string, unknown>, signal: AbortSignal): Promise<ToolOutcome> {
  const cancel = new vscode.CancellationTokenSource();
  const onAbort = () => cancel.cancel();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, cancel.token);
    return { content: capped(resultText(result.content), MAX_RESULT_CHARS, 'result') || '(no output)' };
  } finally {
    signal.removeEventListener('abort', onAbort);
    cancel.dispose();
  }
}

/** Text parts as they are; prompt-tsx and data parts as JSON or decoded text. */
function resultText(parts: readonly unknown[]): string {
  return parts.map(p => {
    if (p instanceof vscode.LanguageModelTextPart) return p.value;
    if (typeof p !== 'object' || p === null) return '';
    const o = p as { mimeType?: unknown; data?: unknown };
    if (typeof o.mimeType === 'string' && o.data instanceof Uint8Array) return /^(text\/|application\/json)/.test(o.mimeType) ? new TextDecoder().decode(o.data) : `[${o.mimeType} data]`;
    if ('value' in p) {
      const v = (p as { value: unknown }).value;
      return typeof v === 'string' ? v : JSON.stringify(v);
    }
    return '';
  }).join('');
}
