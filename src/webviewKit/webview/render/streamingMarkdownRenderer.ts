import { isCodeAction, type CodeAction } from './codeBlock';
import { safeLinkUrl } from './linkPolicy';
import { MarkdownStream } from './markdownStream';
import { ToolCallCard, type ToolCallResult, type ToolCallUpdate } from './toolCallCard';

export interface RendererCallbacks {
  /** A code block toolbar button was pressed; `code` is the block's text as shown. */
  onCodeAction?(action: CodeAction, code: string, language: string): void;
  /** A link was activated; `url` is already validated (http, https or mailto). The host opens it, never the webview. */
  onOpenLink?(url: string): void;
}

/**
 * One assistant message: a collapsed reasoning region, the streamed markdown answer, and tool-call cards. The answer
 * and the reasoning are separate incremental streams, so thinking tokens never cause the answer to re-render.
 * All clicks and key presses are handled by two listeners on the message root (no per-element handlers, nothing
 * inline: the webview CSP forbids inline script).
 */
export class StreamingMarkdownRenderer {
  readonly element: HTMLElement;
  readonly body: MarkdownStream;
  private reasoning: { details: HTMLDetailsElement; label: HTMLElement; stream: MarkdownStream; done?: boolean; finalLabel?: string } | undefined;
  private toolCalls: HTMLElement | undefined;
  private readonly cards = new Map<string, ToolCallCard>();

  constructor(container: HTMLElement, private readonly callbacks: RendererCallbacks = {}) {
    this.element = document.createElement('div');
    this.element.className = 'md-message';
    const body = document.createElement('div');
    body.className = 'md-body';
    this.element.append(body);
    container.append(this.element);
    this.body = new MarkdownStream(body);
    this.element.addEventListener('click', this.onClick);
    this.element.addEventListener('keydown', this.onKeyDown);
  }

  append(delta: string): void {
    if (delta) this.endReasoning(); // the answer has started: reasoning is complete
    this.body.append(delta);
  }

  finish(): void {
    this.endReasoning();
    for (const card of this.cards.values()) card.finish();
    this.body.finish();
  }

  /** Replaces the answer with `text`, rendered now (for example a message restored from history; then call finish()). */
  reset(text = ''): void {
    this.body.reset(text);
  }

  appendReasoning(delta: string): void {
    this.ensureReasoning().stream.append(delta);
  }

  get hasReasoning(): boolean {
    return this.reasoning !== undefined;
  }

  /** The reasoning summary's text once it is complete (its token count, say). */
  labelReasoning(text: string): void {
    if (!this.reasoning) return;
    this.reasoning.finalLabel = text;
    if (this.reasoning.done) this.reasoning.label.textContent = text;
  }

  showToolCall(call: ToolCallUpdate): void {
    let card = this.cards.get(call.id);
    if (!card) {
      card = new ToolCallCard(call.id);
      this.cards.set(call.id, card);
      this.ensureToolCalls().append(card.element);
    }
    card.update(call);
  }

  /** A call ran (or is running): its result, error and duration on its card (made if it is not there yet). */
  showToolResult(call: ToolCallUpdate & ToolCallResult): void {
    if (!this.cards.has(call.id)) this.showToolCall({ id: call.id, name: call.name, argumentsDelta: call.argumentsDelta });
    this.cards.get(call.id)?.showResult(call);
  }

  /** Resolves when everything streamed so far (answer and reasoning) is on screen. */
  async whenIdle(): Promise<void> {
    await Promise.all([this.body.whenIdle(), this.reasoning?.stream.whenIdle()]);
  }

  dispose(): void {
    this.element.removeEventListener('click', this.onClick);
    this.element.removeEventListener('keydown', this.onKeyDown);
    this.body.dispose();
    this.reasoning?.stream.dispose();
  }

  private ensureReasoning() {
    if (this.reasoning) return this.reasoning;
    // Collapsed by default: reasoning can be long and is secondary to the answer; a closed <details> is not laid out.
    const details = document.createElement('details');
    details.className = 'md-reasoning';
    const summary = document.createElement('summary');
    const icon = document.createElement('span');
    icon.className = 'codicon codicon-lightbulb';
    icon.setAttribute('aria-hidden', 'true');
    const label = document.createElement('span');
    label.textContent = 'Reasoning…';
    summary.append(icon, label);
    const content = document.createElement('div');
    content.className = 'md-reasoning-body';
    details.append(summary, content);
    this.element.insertBefore(details, this.element.firstChild);
    this.reasoning = { details, label, stream: new MarkdownStream(content) };
    return this.reasoning;
  }

  private endReasoning(): void {
    if (!this.reasoning) return;
    this.reasoning.stream.finish();
    this.reasoning.done = true;
    this.reasoning.label.textContent = this.reasoning.finalLabel ?? 'Reasoning';
  }

  private ensureToolCalls(): HTMLElement {
    if (!this.toolCalls) {
      this.toolCalls = document.createElement('div');
      this.toolCalls.className = 'md-tool-calls';
      this.element.append(this.toolCalls);
    }
    return this.toolCalls;
  }

  private readonly onClick = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target?.closest<HTMLButtonElement>('button[data-code-action]');
    if (button && this.element.contains(button)) {
      event.preventDefault();
      this.runCodeAction(button);
      return;
    }
    const link = target?.closest<HTMLElement>('[data-href]');
    if (link && this.element.contains(link)) {
      event.preventDefault();
      this.openLink(link);
    }
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.target instanceof HTMLButtonElement && event.target.matches('.md-code-action')) {
      this.moveInToolbar(event, event.target);
      return;
    }
    if (event.key !== 'Enter') return;
    const link = event.target instanceof HTMLElement && event.target.matches('[data-href]') ? event.target : null;
    if (!link) return;
    event.preventDefault();
    this.openLink(link);
  };

  /** Arrow keys, Home and End move between a toolbar's buttons (the ARIA toolbar pattern); Tab still works too. */
  private moveInToolbar(event: KeyboardEvent, button: HTMLButtonElement): void {
    const buttons = Array.from(button.parentElement?.querySelectorAll<HTMLButtonElement>('.md-code-action') ?? []);
    const at = buttons.indexOf(button);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    buttons[(next + buttons.length) % buttons.length]?.focus();
  }

  private runCodeAction(button: HTMLButtonElement): void {
    const action = button.dataset.codeAction;
    const block = button.closest('.md-code-block');
    const code = block?.querySelector('pre > code');
    if (!isCodeAction(action) || !code) return;
    const language = block?.querySelector('.md-code-language')?.textContent ?? '';
    this.callbacks.onCodeAction?.(action, code.textContent ?? '', language);
  }

  private openLink(link: HTMLElement): void {
    const url = safeLinkUrl(link.dataset.href); // validated again: the DOM is not a trusted store
    if (url) this.callbacks.onOpenLink?.(url);
  }
}
