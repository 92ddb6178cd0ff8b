import type * as vscode from 'vscode';

/** An AbortController aborted by a CancellationToken or a caller's signal, whichever comes first. */
export function linkedAbort(token: vscode.CancellationToken, signal?: AbortSignal): { signal: AbortSignal; dispose(): void } {
  const abort = new AbortController();
  const cancel = () => abort.abort();
  const sub = token.onCancellationRequested(cancel);
  signal?.addEventListener('abort', cancel, { once: true });
  if (signal?.aborted || token.isCancellationRequested) cancel();
  return { signal: abort.signal, dispose: () => { sub.dispose(); signal?.removeEventListener('abort', cancel); } };
}
