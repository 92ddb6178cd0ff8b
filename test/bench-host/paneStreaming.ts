// A 20k-token answer streamed into an editor pane by "Bedrock: Invoke Model…": how many document edits the editor
// received, and how long after the last token reached the extension the document held the whole answer.
import * as vscode from 'vscode';
import type { BedrockWorkbenchApi } from '../../src/extension';
import type { PaneStreamResult } from '../../src/frontEndKit/panes/streamIntoPane';
import type { StreamEvent } from '../../src/service/model';
import type { EmulatorProcess } from '../../bench/support/emulatorProcess.mjs' with { 'resolution-mode': 'import' };

export const PANE_TOKENS = 20_000;
export const PANE_TOKENS_PER_SECOND = 2_000;
const STALL_TICK_MS = 10;

export interface PaneFigures {
  edits: number;
  batches: number;
  deltas: number;
  answerChars: number;
  afterLastTokenMs: number;
  streamMs: number;
  /** The longest the pane went without an update while the answer streamed. */
  longestGapMs: number;
  changes: { atMs: number; length: number }[];
  /** The first token's time on the epoch clock (ms), to line the changes up with the workbench page's own tasks. */
  firstTokenEpochMs: number;
  /** Times the extension host's event loop ran over 50 ms late (some extension's code held it), epoch clock. */
  hostStalls: { startEpochMs: number; ms: number }[];
  /** The same answer streamed into a second pane right after: the editor's one-time start-up costs are paid. */
  second?: Omit<PaneFigures, 'second'>;
}

/**
 * The first pane of the session (what a user sees the first time), then a second one: on a loaded 2-core machine the
 * first pane's first two document changes took ~1.5 s (the editor's start-up: worker, markdown support), after which
 * the gaps were those of the second pane.
 */
export async function measurePaneStreaming(api: Required<BedrockWorkbenchApi>, emu: EmulatorProcess): Promise<PaneFigures> {
  const first = await measureOnePane(api, emu);
  return { ...first, second: await measureOnePane(api, emu) };
}

async function measureOnePane(api: Required<BedrockWorkbenchApi>, emu: EmulatorProcess): Promise<Omit<PaneFigures, 'second'>> {
  const service = api.testing.service;
  const original = service.stream;
  let lastTokenAt = 0;
  let firstTokenAt = 0;
  // Timestamps each text event as the service hands it over (the pane streamer is the consumer).
  service.stream = (request, signal) => (async function* (): AsyncGenerator<StreamEvent> {
    for await (const e of original.call(service, request, signal)) {
      if (e.type === 'text') {
        lastTokenAt = performance.now();
        firstTokenAt ||= lastTokenAt;
      }
      yield e;
    }
  })();
  const changes: { uri: string; at: number; text: string }[] = [];
  // The extension host runs every extension on one thread: a timer that fires late shows it held by someone's code.
  const hostStalls: { startEpochMs: number; ms: number }[] = [];
  let lastTick = performance.now();
  const stallTimer = setInterval(() => {
    const now = performance.now();
    if (now - lastTick > STALL_TICK_MS + 50) hostStalls.push({ startEpochMs: performance.timeOrigin + lastTick + STALL_TICK_MS, ms: now - lastTick - STALL_TICK_MS });
    lastTick = now;
  }, STALL_TICK_MS);
  const sub = vscode.workspace.onDidChangeTextDocument(e => {
    if (e.document.uri.scheme === 'bedrock-output' && e.contentChanges.length) changes.push({ uri: e.document.uri.toString(), at: performance.now(), text: e.document.getText() });
  });
  try {
    // Only the ConverseStream call gets the long reply (the catalogue and model lists may be loading meanwhile).
    await emu.scriptFaults([{ fault: `long:${PANE_TOKENS},tokens-per-second:${PANE_TOKENS_PER_SECOND}`, path: '/converse-stream' }]);
    const result = await vscode.commands.executeCommand<PaneStreamResult>('bedrock.invokeModel', { model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream', prompt: 'Write a very long answer.' });
    if (!result || result.error || !result.answer) throw new Error(`the pane stream failed: ${result?.error?.message ?? 'no answer'}`);
    const uri = result.uri.toString();
    const mine = changes.filter(c => c.uri === uri);
    // The document as the extension host saw it after each change: the first that holds the whole answer.
    const complete = mine.find(c => c.text.includes(result.answer));
    if (!complete) throw new Error(`no document change completed the answer (${mine.length} changes, last ${mine.at(-1)?.text.length ?? 0} chars, answer ${result.answer.length})`);
    return {
      edits: mine.length, batches: result.edits, deltas: result.deltas, answerChars: result.answer.length,
      afterLastTokenMs: complete.at - lastTokenAt, streamMs: lastTokenAt - firstTokenAt,
      longestGapMs: Math.max(...mine.map((c, i) => c.at - (i ? mine[i - 1].at : firstTokenAt))),
      changes: mine.map(c => ({ atMs: Math.round(c.at - firstTokenAt), length: c.text.length })),
      firstTokenEpochMs: performance.timeOrigin + firstTokenAt, hostStalls,
    };
  } finally {
    sub.dispose();
    clearInterval(stallTimer);
    service.stream = original;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
}
