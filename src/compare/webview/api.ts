import type { CompareState, CompareWebviewMessage } from '../protocol';

declare function acquireVsCodeApi(): { postMessage(m: CompareWebviewMessage): void; getState(): unknown; setState(s: CompareState): void };

/** The VS Code webview API for the compare page, typed with its own protocol; acquired once per page. */
const vscode = acquireVsCodeApi();

export function post(m: CompareWebviewMessage): void {
  vscode.postMessage(m);
}

/** Kept by VS Code across reloads and handed to the panel serializer, which restores the comparison from it. */
export function saveState(state: CompareState): void {
  vscode.setState(state);
}
