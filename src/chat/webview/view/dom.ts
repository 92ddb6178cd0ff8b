import type { WebviewMessage } from '../../protocol';

export { button, el, icon } from '../../../webviewKit/webview/elements';

declare function acquireVsCodeApi(): { postMessage(m: WebviewMessage): void; getState(): unknown; setState(s: unknown): void };

/** The VS Code webview API; acquire it once per page. */
export const vscode = acquireVsCodeApi();

export function post(m: WebviewMessage): void {
  vscode.postMessage(m);
}
