/**
 * The one message protocol between the chat webview and the extension host. Both sides import this file;
 * anything that does not match it is rejected (see isWebviewMessage).
 */

/** What the webview may show about the backend. Never contains secrets: only where credentials come from. */
export interface StatusView {
  configured: boolean;
  local: boolean;
  region: string;
  summary: string;
  runtimeEndpoint: string;
  mantleEndpoint: string;
}

export type HostMessage =
  | { type: 'status'; status: StatusView };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'runCommand'; command: WebviewCommand };

/** Host commands the webview may ask for; an allow-list, so a compromised webview cannot run arbitrary commands. */
export const WEBVIEW_COMMANDS = ['bedrock.showLog', 'bedrock.showStatus', 'bedrock.openSettings'] as const;
export type WebviewCommand = (typeof WEBVIEW_COMMANDS)[number];

export function isWebviewMessage(m: unknown): m is WebviewMessage {
  if (typeof m !== 'object' || m === null) return false;
  const msg = m as Record<string, unknown>;
  switch (msg.type) {
    case 'ready':
      return Object.keys(msg).length === 1;
    case 'runCommand':
      return typeof msg.command === 'string' && (WEBVIEW_COMMANDS as readonly string[]).includes(msg.command);
    default:
      return false;
  }
}
