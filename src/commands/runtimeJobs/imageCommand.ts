import * as vscode from 'vscode';
import type { BedrockError } from '../../service/errors';
import { generateImage } from '../../service/runtime';
import { withJobProgress, type CommandDeps } from '../commandContext';

export interface ImageArgs {
  prompt?: string;
  model?: string;
  width?: number;
  height?: number;
  /** Where to save the PNG (skips the save dialog). */
  saveTo?: vscode.Uri;
  signal?: AbortSignal;
}

export const DEFAULT_IMAGE_MODEL = 'amazon.nova-canvas-v1:0';

/**
 * "Bedrock: Generate Image": Nova Canvas draws the prompt; the PNG is saved where the user chooses (or in the
 * extension's storage when the dialog is dismissed, so the image is never lost) and opened in VS Code's image preview.
 */
export async function generateImageCommand(deps: CommandDeps, args: ImageArgs = {}): Promise<{ saved?: vscode.Uri; bytes?: number; error?: BedrockError } | undefined> {
  const prompt = args.prompt ?? await vscode.window.showInputBox({ title: 'Bedrock: Generate Image', prompt: 'Describe the image', placeHolder: 'A lighthouse on a cliff at dawn, watercolor', ignoreFocusOut: true });
  if (!prompt) return undefined;
  const model = args.model ?? DEFAULT_IMAGE_MODEL;
  const size = { width: args.width ?? 1024, height: args.height ?? 1024 };
  const { value: png, error } = await withJobProgress(deps.host, `drawing with ${model}`, args.signal, ctx => generateImage(ctx, prompt, model, size));
  if (!png) return { error };
  const suggested = `${prompt.replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').slice(0, 40).toLowerCase() || 'bedrock-image'}.png`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = args.saveTo ?? await vscode.window.showSaveDialog({ title: 'Save the generated image', filters: { 'PNG image': ['png'] }, ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, suggested) } : {}) })
    ?? vscode.Uri.joinPath(deps.storage, 'images', `${Date.now()}-${suggested}`);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  await vscode.workspace.fs.writeFile(target, png);
  await vscode.commands.executeCommand('vscode.open', target, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  return { saved: target, bytes: png.length };
}
