import type { MessageView, ToolCallView } from '../../protocol';
import { formatCost } from '../../../format/formatCost';
import { StreamingMarkdownRenderer } from '../../../webviewKit/webview/render';
import { button, el, icon, post } from './dom';

/** One message in the transcript. Assistant replies render through the streaming markdown renderer. */
export class MessageElement {
  readonly root: HTMLElement;
  private renderer: StreamingMarkdownRenderer | undefined;
  private readonly footer: HTMLElement;
  private readonly errorBox: HTMLElement;
  private readonly guardrailBox: HTMLElement;
  private text: string;
  /** The answer's text, until its deferred first render (see renderBody). */
  private deferred: string | undefined;
  /** What the message was built from: a redraw of the conversation keeps elements whose message did not change. */
  source: string;

  /** `deferBody`: a finished reply's answer is rendered only when renderBody() is called (older turns of a restore). */
  constructor(private message: MessageView, { deferBody = false } = {}) {
    this.source = JSON.stringify(message);
    this.text = message.text;
    this.root = el('article', { class: `message ${message.role}`, 'data-id': message.id, 'aria-label': message.role === 'user' ? 'You said' : 'Bedrock replied' });
    this.footer = el('div', { class: 'message-footer' });
    this.errorBox = el('div', { class: 'message-error', role: 'alert' });
    this.guardrailBox = el('div', { class: 'message-guardrail', role: 'note', 'aria-label': 'Guardrail' });
    if (message.role === 'user') this.buildUser();
    else this.buildAssistant(deferBody && !message.streaming);
    this.root.append(this.guardrailBox, this.errorBox, this.footer);
    this.renderFooter();
  }

  get id(): string {
    return this.message.id;
  }

  /** A background reply the server has not finished: the next turn must wait for it (it chains on it). */
  get runningInBackground(): boolean {
    const status = this.message.background?.status;
    return status === 'queued' || status === 'in_progress';
  }

  private buildUser(): void {
    const body = el('div', { class: 'user-text' }, this.message.text);
    this.root.append(body);
    if (this.message.attachments?.length) {
      this.root.append(el('div', { class: 'attachments' }, ...this.message.attachments.map(a => el('span', { class: 'chip static' }, icon('file'), a))));
    }
  }

  private buildAssistant(deferBody: boolean): void {
    const container = el('div', { class: 'assistant-body' });
    this.root.append(container);
    this.renderer = new StreamingMarkdownRenderer(container, {
      onCodeAction: (action, code, language) => post({ type: 'codeAction', action, code, language }),
      onOpenLink: url => post({ type: 'openLink', url }),
    });
    if (this.message.reasoning) this.renderer.appendReasoning(this.message.reasoning);
    this.labelReasoning();
    for (const t of this.message.toolCalls ?? []) this.showTool(t);
    if (deferBody) {
      this.deferred = this.message.text;
      return;
    }
    if (this.message.text) this.renderer.reset(this.message.text);
    if (!this.message.streaming) this.renderer.finish();
    else this.root.classList.add('streaming');
  }

  /** Whether the answer still waits for renderBody(). */
  get bodyPending(): boolean {
    return this.deferred !== undefined;
  }

  /** Renders a deferred answer (once). */
  renderBody(): void {
    if (this.deferred === undefined || !this.renderer) return;
    if (this.deferred) this.renderer.reset(this.deferred);
    this.renderer.finish();
    this.deferred = undefined;
  }

  private showTool(t: ToolCallView): void {
    this.renderer?.showToolCall({ id: t.id, name: t.name, argumentsDelta: t.arguments });
    this.renderer?.showToolResult(t);
  }

  /** The host ran (or is running) this reply's tool calls: show their results on the cards. */
  updateTools(calls: ToolCallView[], running = false): void {
    const next = running ? calls.find(t => t.result === undefined) : undefined;
    for (const t of calls) this.renderer?.showToolResult({ ...t, running: t === next });
  }

  append(d: { text?: string; reasoning?: string; tools?: { id: string; name?: string; argumentsDelta?: string }[] }): void {
    if (!this.renderer) return;
    if (d.reasoning) this.renderer.appendReasoning(d.reasoning);
    for (const t of d.tools ?? []) this.renderer.showToolCall(t);
    if (d.text) {
      this.text += d.text;
      this.renderer.append(d.text);
    }
  }

  /** The reply ended: keep what streamed (the host's final text is the same), show usage, errors and actions. */
  end(final: MessageView): void {
    this.message = final;
    this.source = JSON.stringify(final);
    this.root.classList.remove('streaming');
    if (this.renderer && final.text !== this.text) {
      this.text = final.text;
      this.renderer.reset(final.text);
    }
    if (this.renderer && final.reasoning && !this.renderer.hasReasoning) this.renderer.appendReasoning(final.reasoning);
    this.renderer?.finish();
    this.labelReasoning();
    this.updateTools(final.toolCalls ?? []);
    this.renderFooter();
  }

  /** "Reasoning · 312 tokens", or "≈312 tokens (estimate)" where the wire does not count them. */
  private labelReasoning(): void {
    const t = this.message.reasoningTokens;
    if (!t || !this.renderer?.hasReasoning) return;
    this.renderer.labelReasoning(`Reasoning · ${t.estimated ? '≈' : ''}${t.count.toLocaleString('en-US')} tokens${t.estimated ? ' (estimate)' : ''}`);
  }

  whenIdle(): Promise<void> {
    return this.renderer?.whenIdle() ?? Promise.resolve();
  }

  private renderFooter(): void {
    const m = this.message;
    this.footer.replaceChildren();
    this.errorBox.replaceChildren();
    this.guardrailBox.replaceChildren();
    if (m.guardrail) {
      // what was blocked and why, in words; the conversation goes on (the host leaves this turn out of later requests)
      this.guardrailBox.append(el('div', { class: 'guardrail-headline' }, icon('shield'), el('span', {}, m.guardrail.headline)));
      if (m.guardrail.lines.length) this.guardrailBox.append(el('ul', { class: 'guardrail-findings' }, ...m.guardrail.lines.map(l => el('li', {}, l))));
    }
    if (m.error) {
      this.errorBox.append(icon('error'), el('span', { class: 'error-text' }, m.error.message));
      if (m.error.action && m.error.actionLabel && m.error.action.kind !== 'retry') {
        this.errorBox.append(button(m.error.actionLabel, 'arrow-right', () => post({ type: 'errorAction', id: m.id }), { cls: 'action error-action' }));
      }
      if (m.error.retryable || m.error.action?.kind === 'retry') this.errorBox.append(button('Retry', 'refresh', () => post({ type: 'retry', id: m.id }), { cls: 'action error-action' }));
    }
    if (m.role === 'user') {
      this.footer.append(
        button('Edit and resend', 'edit', () => this.edit(), { iconOnly: true, cls: 'icon-button' }),
        button('Copy message', 'copy', () => post({ type: 'copy', text: m.text }), { iconOnly: true, cls: 'icon-button' }));
      return;
    }
    if (m.streaming) {
      this.footer.append(el('span', { class: 'meta' }, icon('loading codicon-modifier-spin'), 'Streaming…'));
      return;
    }
    if (m.background && (m.background.status === 'queued' || m.background.status === 'in_progress')) {
      this.footer.append(
        el('span', { class: 'meta background-status', role: 'status' }, icon('loading codicon-modifier-spin'), m.background.status === 'queued' ? 'Queued in the background…' : 'In progress in the background…'),
        button('Cancel', 'close', () => post({ type: 'cancelBackground', id: m.id }), { cls: 'action' }));
      return;
    }
    const meta: string[] = [];
    if (m.via) meta.push(m.via);
    if (m.note) meta.push(m.note);
    if (m.usage) meta.push(`${m.usage.inputTokens} in · ${m.usage.outputTokens} out${m.usage.cacheReadTokens ? ` · ${m.usage.cacheReadTokens} cache read` : ''}${m.usage.cacheWriteTokens ? ` · ${m.usage.cacheWriteTokens} cache write` : ''}`);
    if (m.background) meta.push(m.background.status === 'completed' ? 'done in the background' : `background ${m.background.status.replace('_', ' ')}`);
    if (m.serviceTier) meta.push(`${m.serviceTier} tier`);
    if (m.cost === 'unpriced') meta.push('no price known');
    else if (m.cost) meta.push(`${formatCost(m.cost.amount, m.cost.currency)} · chat ${formatCost(m.cost.conversation, m.cost.currency)}${m.cost.from === 'setting' ? ' (your prices)' : ''}`);
    if (m.metrics?.ttftMs !== undefined) meta.push(`first token ${m.metrics.ttftMs} ms`);
    if (m.metrics?.tokensPerSecond) meta.push(`${m.metrics.tokensPerSecond} tok/s`);
    if (m.stopReason && m.stopReason !== 'end_turn') meta.push(m.stopReason === 'aborted' ? 'stopped' : m.stopReason === 'guardrail_intervened' ? 'blocked by guardrail' : m.stopReason.replace(/_/g, ' '));
    this.footer.append(
      el('span', { class: 'meta', 'aria-label': 'Reply details' }, meta.join(' · ')),
      button('Copy reply', 'copy', () => post({ type: 'copy', text: m.text }), { iconOnly: true, cls: 'icon-button' }),
      button('Retry', 'refresh', () => post({ type: 'retry', id: m.id }), { iconOnly: true, cls: 'icon-button' }));
  }

  private edit(): void {
    const area = el('textarea', { class: 'edit-area', 'aria-label': 'Edit message', rows: '3' });
    area.value = this.message.text;
    const done = () => form.replaceWith(body);
    const send = () => {
      if (!area.value.trim()) return;
      post({ type: 'editResend', id: this.message.id, text: area.value });
      done();
    };
    const form = el('div', { class: 'edit-form' }, area,
      el('div', { class: 'edit-actions' }, button('Send', 'send', send, { cls: 'action primary' }), button('Cancel', 'close', done)));
    area.addEventListener('keydown', e => {
      if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); send(); }
      if (e.key === 'Escape') { e.preventDefault(); done(); }
    });
    const body = this.root.querySelector('.user-text') as HTMLElement;
    body.replaceWith(form);
    area.focus();
  }

  dispose(): void {
    this.renderer?.dispose();
  }
}
