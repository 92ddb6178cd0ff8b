import * as vscode from 'vscode';
import type { CountablePrompt, TokenCount } from '../../service/tokens/countTokens';
import { contextLimit } from '../../service/tokens/contextLimits';
import { estimateTokens } from '../../service/tokens/estimate';
import type { CommandDeps } from '../commandContext';

/** Answers the over-limit question in advance (tests, other commands); absent: ask the user. */
export type OverLimitAnswer = 'send' | 'cancel';

export function countText(c: TokenCount): string {
  return `${c.method === 'estimate' ? 'about ' : ''}${c.tokens.toLocaleString('en-US')} tokens (${c.method === 'estimate' ? 'estimate' : 'CountTokens'})`;
}

/**
 * Before a command sends a large selection: counts the prompt (CountTokens where the model has it) once the local
 * estimate reaches half the model's context window, and asks before sending a prompt the model cannot take.
 * Small prompts cost no request. Returns whether to send.
 */
export async function confirmPromptSize(deps: CommandDeps, prompt: CountablePrompt, answer?: OverLimitAnswer): Promise<boolean> {
  const limit = contextLimit(prompt.model);
  if (!limit || estimateTokens(prompt.messages, prompt.system) < limit / 2) return true;
  const count = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Bedrock: counting the prompt\u2019s tokens…', cancellable: true }, async (_p, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      return await deps.host.service.countTokens(prompt, abort.signal);
    } catch {
      return undefined; // cancelled: the user chose not to wait, so do not send either
    } finally {
      sub.dispose();
    }
  });
  if (!count) return false;
  if (count.tokens <= limit) return true;
  const message = `Bedrock: this prompt is ${countText(count)}, more than ${prompt.model}'s context window of ${limit.toLocaleString('en-US')} tokens; Bedrock will likely refuse it. Select less code, or send it anyway.`;
  const choice = answer ?? ((await vscode.window.showWarningMessage(message, { modal: true }, 'Send Anyway')) === 'Send Anyway' ? 'send' : 'cancel');
  deps.host.log.info(`prompt over the context window (${count.tokens} > ${limit} for ${prompt.model}): ${choice === 'send' ? 'sent anyway' : 'not sent'}`);
  return choice === 'send';
}
