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
