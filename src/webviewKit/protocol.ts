/**
 * What every Bedrock webview says the same way, imported by each page's protocol (chat, compare) and by the kit's
 * host side. Type-only imports from the service: nothing here runs any service code in the page.
 */
import type { ErrorAction } from '../service/errors';

export interface ErrorView {
  message: string;
  action?: ErrorAction;
  actionLabel?: string;
  retryable: boolean;
}

export const CODE_ACTIONS = ['copy', 'insert', 'replace', 'newFile', 'diff'] as const;
export type CodeActionKind = (typeof CODE_ACTIONS)[number];

/**
 * A reply arriving faster than this (characters per ms; 1.5 is ~375 tokens/s, faster than anyone reads) is a fast
 * stream: the page draws it 5 times a second rather than on every frame, so the host forwards it in fewer, larger
 * batches too (src/webviewKit/host/streamTiming.ts).
 */
export const FAST_STREAM_CHARS_PER_MS = 1.5;
