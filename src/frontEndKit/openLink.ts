import * as vscode from 'vscode';

/**
 * Opens a link a webview asked for. Links come from model output, so only web and mail links are opened; anything
 * else (command:, file:, vscode:) is refused and logged under `where`.
 */
export async function openWebviewLink(url: string, log: vscode.LogOutputChannel, where: string): Promise<void> {
  let parsed: vscode.Uri;
  try {
    parsed = vscode.Uri.parse(url, true);
  } catch {
    return;
  }
  if (!['http', 'https', 'mailto'].includes(parsed.scheme)) {
    log.warn(`${where}: refused to open a ${parsed.scheme}: link`);
    return;
  }
  await vscode.env.openExternal(parsed);
}
