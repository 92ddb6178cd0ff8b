import * as vscode from 'vscode';
import { showBedrockError } from '../errors/errorActions';
import type { BedrockError } from '../../service/errors';
import { reportMarkdown } from '../../service/guardrails/describe';
import type { GuardrailReport } from '../../service/guardrails/report';
import type { StopReason, StreamEvent, Usage } from '../../service/model';
import type { OutputDocuments, OutputPane } from './outputDocuments';
import { paneFooter, ReasoningQuoter } from './paneText';

export interface PaneStreamOptions {
  /** Progress notification and tab title. */
  title: string;
  /** Markdown written before the answer (what was asked). */
  header?: string;
  /** Footer's first part, e.g. "model · API style". */
  source: string;
  /** Cancels like the notification's Cancel button (commands run from tests pass one). */
  signal?: AbortSignal;
  /** Stream into this pane (already shown, e.g. as the right side of a diff) instead of opening a new one. */
  pane?: OutputPane;
  /** Leave out the header and footer: the pane holds only the answer (a refactoring shown as a diff). */
  bare?: boolean;
  /** Retry offered by the error notification. */
  retry?: () => unknown;
  /** The guardrail's display name, for its verdict. */
  guardrailName?: string;
}

export interface PaneStreamResult {
  uri: vscode.Uri;
  /** The answer text alone (no header, reasoning or footer). */
  answer: string;
  usage?: Usage;
  stopReason?: StopReason;
  error?: BedrockError;
  /** What the guardrail assessed, when one was applied with trace. */
  guardrail?: GuardrailReport;
  cancelled: boolean;
  /** Document edits made for the whole pane (batched: far fewer than deltas). */
  edits: number;
  /** Text deltas received. */
  deltas: number;
}

/**
 * Streams service events into an output pane beside the active editor, under a cancellable progress notification.
 * Partial text stays on cancel and on error (the error is shown with its next step, not awaited, so the caller is not
 * held up by an unanswered notification); the footer says how it ended, with usage and timing.
 */
export function streamIntoPane(docs: OutputDocuments, log: vscode.LogOutputChannel, events: (signal: AbortSignal) => AsyncIterable<StreamEvent>, opts: PaneStreamOptions): Promise<PaneStreamResult> {
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Bedrock: ${opts.title}`, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const cancel = () => abort.abort();
    const sub = token.onCancellationRequested(cancel);
    opts.signal?.addEventListener('abort', cancel, { once: true });
    if (opts.signal?.aborted) cancel();
    try {
      const header = opts.header && !opts.bare ? opts.header : '';
      // A new pane opens with its header in it: no document change, so no wait for the editor before the answer.
      const pane = opts.pane ?? docs.writer(docs.create(opts.title, undefined, header));
      if (!opts.pane) await docs.show(pane.uri);
      const started = Date.now();
      const stream = startNow(events(abort.signal));
      if (header && opts.pane) {
        // A pane already open (the right side of a diff) gets the header while the request is on its way.
        pane.append(header);
        await pane.flush();
      }
      return await pump(pane, stream, started, abort.signal, progress, opts, log);
    } finally {
      sub.dispose();
      opts.signal?.removeEventListener('abort', cancel);
    }
  }));
}

async function pump(pane: OutputPane, events: AsyncIterable<StreamEvent>, started: number, signal: AbortSignal, progress: vscode.Progress<{ message?: string }>, opts: PaneStreamOptions, log: vscode.LogOutputChannel): Promise<PaneStreamResult> {
  let firstTokenMs: number | undefined;
  let answer = '';
  let deltas = 0;
  let usage: Usage | undefined;
  let stopReason: StopReason | undefined;
  let error: BedrockError | undefined;
  let guardrail: GuardrailReport | undefined;
  const reasoning = new ReasoningQuoter();
  let lastReport = 0;
  for await (const e of events) {
    if (e.type === 'text' || e.type === 'reasoning') {
      firstTokenMs ??= Date.now() - started;
      deltas++;
      if (e.type === 'text') {
        pane.append(reasoning.end() + e.text);
        answer += e.text;
      } else if (!opts.bare) {
        pane.append(reasoning.quote(e.text));
      }
      // Progress text changes at batch pace, not per token: each report is a message to the workbench.
      if (Date.now() - lastReport > 250) {
        lastReport = Date.now();
        progress.report({ message: `${answer.length.toLocaleString()} characters` });
      }
    } else if (e.type === 'usage') {
      usage = e.usage;
    } else if (e.type === 'stop') {
      stopReason = e.reason;
    } else if (e.type === 'guardrail') {
      guardrail = e.report;
    } else if (e.type === 'error') {
      error = e.error;
    }
  }
  // what was blocked and why goes under the answer (the guardrail's own message), before the footer
  if (guardrail?.intervened && !opts.bare) pane.append(`${reasoning.end()}\n\n${reportMarkdown(guardrail, opts.guardrailName)}\n`);
  const cancelled = signal.aborted || error?.kind === 'aborted';
  if (!opts.bare) {
    pane.append(reasoning.end() + paneFooter({
      source: opts.source, usage, stopReason, firstTokenMs, totalMs: Date.now() - started,
      ...(cancelled ? { ended: 'cancelled' as const } : error ? { ended: 'error' as const, errorMessage: error.message } : {}),
    }));
  }
  await pane.flush();
  log.info(`${opts.title}: ${deltas} deltas in ${pane.edits} edits, ${Date.now() - started} ms${cancelled ? ', cancelled' : error ? `, error ${error.kind}` : ''}`);
  if (error && !cancelled) void showBedrockError(error, log, opts.retry);
  return { uri: pane.uri, answer, usage, stopReason, error: cancelled ? undefined : error, ...(guardrail ? { guardrail } : {}), cancelled, edits: pane.edits, deltas };
}

/** Asks for the first event now (a lazy stream sends its request on the first next()), then iterates as usual. */
function startNow<T>(iterable: AsyncIterable<T>): AsyncIterable<T> {
  const iterator = iterable[Symbol.asyncIterator]();
  let first: Promise<IteratorResult<T>> | undefined = iterator.next();
  // a request that fails before anyone iterates is reported by the loop that does, not as an unhandled rejection
  first.catch(() => undefined);
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => {
        const next = first ?? iterator.next();
        first = undefined;
        return next;
      },
      return: (value?: unknown) => iterator.return?.(value) ?? Promise.resolve({ done: true, value: undefined }),
    }),
  } as AsyncIterable<T>;
}
