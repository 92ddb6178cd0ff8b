import type { BedrockService } from '../service/bedrockService';
import type { BedrockError } from '../service/errors';
import type { StreamEvent } from '../service/model';
import { Disposable } from '../common/disposable';
import type { Conversation, StoredMessage } from './conversation';
import { messageView } from './conversation';
import { priceReply, turnRequest, type TurnDeps } from './chatTurn';
import type { BackgroundStatus, ErrorView, HostMessage, Selection } from './protocol';
import { reasoningTokens } from './turnFeatures';

const RUNNING: readonly BackgroundStatus[] = ['queued', 'in_progress'];

export interface BackgroundDeps {
  service: Pick<BedrockService, 'startBackground' | 'watchBackground' | 'cancelBackground'>;
  post(message: HostMessage): void;
  save(conv: Conversation): Promise<void>;
  errorView(e: BedrockError): ErrorView;
  priceFor?: TurnDeps['priceFor'];
  /** A background reply ended (completed, failed or cancelled). */
  ended?(reply: StoredMessage): void;
  /** Between status polls; the service's default when absent. */
  pollMs?: number;
}

/** Whether this reply is a background response the server has not finished. */
export function isRunningInBackground(m: StoredMessage): boolean {
  return !!m.background && RUNNING.includes(m.background.status) && !!m.responseId && !!m.backgroundJob;
}

/**
 * Chat replies run as background Responses (mantle): queued on the server, then watched by polling. The response
 * id is stored with the reply, so closing the panel or reloading the window only stops the watching: `resume`
 * picks every unfinished one up again. Cancelling asks the server to stop the job. Disposing never cancels.
 */
export class BackgroundTurns extends Disposable {
  private readonly watching = new Map<string, AbortController>();

  constructor(private readonly deps: BackgroundDeps) {
    super();
  }

  /** Queues the reply that follows the conversation's last message; returns once the server has accepted it (or refused). */
  async start(conv: Conversation, reply: StoredMessage, selection: Selection, system: string | undefined): Promise<void> {
    const request = turnRequest(conv.messages.slice(0, conv.messages.indexOf(reply)), selection, system);
    const { apiStyle: _a, family: _f, ...rest } = request;
    try {
      const started = await this.deps.service.startBackground(rest);
      reply.responseId = started.id;
      reply.backgroundJob = { model: selection.model, ...(request.project ? { project: request.project } : {}) };
      reply.background = { status: (started.status ?? 'queued') as BackgroundStatus };
    } catch (e) {
      reply.error = this.deps.errorView(e as BedrockError);
    }
    reply.streaming = false;
    await this.update(conv, reply);
    if (isRunningInBackground(reply)) this.watch(conv, reply);
    else if (reply.error) this.deps.ended?.(reply);
  }

  /** Watches every unfinished background reply in these conversations (after a reload, or when the chat opens). */
  resume(conversations: Conversation[]): void {
    for (const conv of conversations) {
      for (const m of conv.messages) if (isRunningInBackground(m) && !this.watching.has(m.id)) this.watch(conv, m);
    }
  }

  /** Whether a background reply in this conversation is still running. */
  running(conv: Conversation): boolean {
    return conv.messages.some(isRunningInBackground);
  }

  /** Asks the server to cancel the job; the watcher sees it end as cancelled. */
  async cancel(conv: Conversation, replyId: string): Promise<void> {
    const reply = conv.messages.find(m => m.id === replyId);
    if (!reply || !isRunningInBackground(reply)) return;
    try {
      const status = await this.deps.service.cancelBackground(reply.responseId!, reply.backgroundJob!.project);
      if (status === 'cancelled') {
        this.watching.get(reply.id)?.abort();
        await this.finish(conv, reply, 'cancelled');
      }
    } catch (e) {
      reply.error = this.deps.errorView(e as BedrockError);
      await this.update(conv, reply);
    }
  }

  private watch(conv: Conversation, reply: StoredMessage): void {
    const abort = new AbortController();
    this.watching.set(reply.id, abort);
    void this.follow(conv, reply, abort.signal).finally(() => {
      if (this.watching.get(reply.id) === abort) this.watching.delete(reply.id);
    });
  }

  private async follow(conv: Conversation, reply: StoredMessage, signal: AbortSignal): Promise<void> {
    const job = reply.backgroundJob!;
    let text = '';
    let reasoning = '';
    const onStatus = (status: string | undefined) => {
      if (!status || signal.aborted || !reply.background || reply.background.status === status) return;
      reply.background = { status: status as BackgroundStatus };
      void this.update(conv, reply);
    };
    const events: StreamEvent[] = [];
    for await (const e of this.deps.service.watchBackground(reply.responseId!, job, signal, onStatus, this.deps.pollMs)) {
      events.push(e);
      if (e.type === 'text') text += e.text;
      else if (e.type === 'reasoning') reasoning += e.text;
    }
    if (signal.aborted) return; // detached (panel closed, window reloading) or cancelled: the job state is the server's
    for (const e of events) {
      if (e.type === 'usage') reply.usage = e.usage;
      else if (e.type === 'stop') reply.stopReason = e.reason;
      else if (e.type === 'service-tier') reply.serviceTier = e.tier;
      else if (e.type === 'error') reply.error = this.deps.errorView(e.error);
    }
    reply.text = text;
    if (reasoning) reply.reasoning = reasoning;
    const final: BackgroundStatus = reply.error ? 'failed' : reply.stopReason === 'aborted' ? 'cancelled' : reply.stopReason === 'max_tokens' ? 'incomplete' : 'completed';
    await this.finish(conv, reply, final);
  }

  private async finish(conv: Conversation, reply: StoredMessage, status: BackgroundStatus): Promise<void> {
    reply.background = { status };
    if (status === 'cancelled') reply.stopReason = 'aborted';
    const thought = reasoningTokens(reply.reasoning, reply.usage?.reasoningTokens);
    if (thought) reply.reasoningTokens = thought;
    priceReply(conv, reply, reply.backgroundJob?.model ?? '', this.deps.priceFor);
    conv.updatedAt = Date.now();
    await this.update(conv, reply);
    this.deps.ended?.(reply);
  }

  private async update(conv: Conversation, reply: StoredMessage): Promise<void> {
    await this.deps.save(conv);
    this.deps.post({ type: 'messageUpdate', message: messageView(reply) });
  }

  /** Stops watching, never cancels: the jobs go on on the server and a reloaded window watches them again. */
  override dispose(): void {
    for (const abort of this.watching.values()) abort.abort();
    this.watching.clear();
    super.dispose();
  }
}
