import { randomUUID } from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ChipView, ImageFormat } from './protocol';

/** A file bigger than this is attached in part: models take it, but it would crowd out the conversation. */
const MAX_CONTEXT_CHARS = 200_000;

export type Chip =
  | { id: string; kind: 'selection' | 'file'; label: string; detail?: string; language: string; text: string }
  | { id: string; kind: 'image'; label: string; format: ImageFormat; base64: string };

export function chipView(c: Chip): ChipView {
  return { id: c.id, kind: c.kind, label: c.label, ...('detail' in c && c.detail ? { detail: c.detail } : {}) };
}

function relative(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

function clip(text: string): { text: string; clipped: boolean } {
  return text.length > MAX_CONTEXT_CHARS ? { text: text.slice(0, MAX_CONTEXT_CHARS), clipped: true } : { text, clipped: false };
}

export function selectionChip(editor: vscode.TextEditor | undefined): Chip | undefined {
  if (!editor || editor.selection.isEmpty) return undefined;
  const s = editor.selection;
  const { text, clipped } = clip(editor.document.getText(s));
  return {
    id: randomUUID(), kind: 'selection', language: editor.document.languageId, text,
    label: `${path.basename(editor.document.fileName)}:${s.start.line + 1}-${s.end.line + 1}`,
    detail: `${relative(editor.document.uri)} lines ${s.start.line + 1}-${s.end.line + 1}${clipped ? ' (clipped)' : ''}`,
  };
}

export function documentChip(doc: vscode.TextDocument): Chip {
  const { text, clipped } = clip(doc.getText());
  return { id: randomUUID(), kind: 'file', language: doc.languageId, text, label: path.basename(doc.fileName), detail: relative(doc.uri) + (clipped ? ' (clipped)' : '') };
}

export async function pickFileChips(): Promise<Chip[]> {
  const uris = await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: 'Attach to chat', defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
  const chips: Chip[] = [];
  for (const uri of uris ?? []) chips.push(documentChip(await vscode.workspace.openTextDocument(uri)));
  return chips;
}

export function imageChip(name: string, format: ImageFormat, base64: string): Chip {
  return { id: randomUUID(), kind: 'image', label: name || `image.${format}`, format, base64 };
}

/** The user's text followed by each attached text as a fenced block the model can tell apart from the question. */
export function composeWithContext(text: string, chips: Chip[]): string {
  const blocks = chips.flatMap(c => (c.kind === 'image' ? [] : [`${c.kind === 'selection' ? 'Selected code' : 'File'} ${c.detail ?? c.label}:\n${fence(c.text, c.language)}`]));
  return blocks.length ? `${text}\n\n${blocks.join('\n\n')}` : text;
}

function fence(text: string, language: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map(m => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language}\n${text}\n${ticks}`;
}
