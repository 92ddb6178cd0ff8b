import { StreamingMarkdownRenderer } from '../../webviewKit/webview/render';
import { button, el, icon } from '../../webviewKit/webview/elements';
import type { ColumnResult, ColumnView } from '../protocol';
import { post } from './api';

const stopLabel = (r: ColumnResult) => (r.stopReason === 'aborted' ? 'stopped' : r.stopReason ? r.stopReason.replace(/_/g, ' ') : r.error ? 'error' : '—');

/**
 * One column of the comparison: its choice (a button that opens the host's picker), the streamed reply through the
 * kit's streaming markdown renderer, and its metrics. Deltas append to the open renderer; a finished or restored result
 * replaces the text once.
 */
export class ColumnElement {
  readonly root: HTMLElement;
  private readonly choice: HTMLButtonElement;
  private readonly stop: HTMLButtonElement;
  private readonly remove: HTMLButtonElement;
  private readonly problem: HTMLElement;
  private readonly errorBox: HTMLElement;
  private readonly metrics: HTMLElement;
  private readonly renderer: StreamingMarkdownRenderer;
  private shown = '';
  private streaming = false;
  private view: ColumnView;

  constructor(view: ColumnView) {
    this.view = view;
    this.choice = el('button', { type: 'button', class: 'column-choice' });
    this.choice.addEventListener('click', () => post({ type: 'chooseColumn', columnId: this.view.id }));
    this.stop = button('Stop this column', 'debug-stop', () => post({ type: 'stop', columnId: this.view.id }), { iconOnly: true, cls: 'icon-button column-stop' });
    this.remove = button('Remove this column', 'close', () => post({ type: 'removeColumn', columnId: this.view.id }), { iconOnly: true, cls: 'icon-button column-remove' });
    this.problem = el('div', { class: 'column-problem', role: 'status' });
    const body = el('div', { class: 'column-body', tabindex: '0', role: 'region', 'aria-live': 'polite' });
    this.renderer = new StreamingMarkdownRenderer(body, {
      onCodeAction: (action, code, language) => post({ type: 'codeAction', action, code, language }),
      onOpenLink: url => post({ type: 'openLink', url }),
    });
    this.errorBox = el('div', { class: 'message-error', role: 'alert' });
    this.metrics = el('dl', { class: 'column-metrics', 'aria-label': 'Metrics' });
    this.root = el('section', { class: 'compare-column', 'data-column-id': view.id },
      el('header', { class: 'column-header' }, this.choice, this.stop, this.remove),
      this.problem, body, this.errorBox, this.metrics);
    this.update(view, 0, 1);
  }

  get id(): string {
    return this.view.id;
  }

  /** Applies the host's view of this column; the streamed text is left alone while it is still arriving. */
  update(view: ColumnView, index: number, count: number): void {
    this.view = view;
    this.choice.replaceChildren(icon('hubot'), el('span', { class: 'column-title' },
      el('span', { class: 'column-model' }, view.modelName), el('span', { class: 'column-api' }, `${view.apiStyleLabel} · bedrock-${view.family}`)));
    this.root.dataset.label = view.label;
    this.choice.title = `${view.model} — change the model, API style or endpoint family`;
    // named by what it shows (WCAG 2.5.3), described by its title; the column's own label says which column it is
    this.root.setAttribute('aria-label', `Column ${index + 1}: ${view.label}`);
    this.choice.disabled = view.streaming;
    this.remove.hidden = count <= 1 || view.streaming;
    this.problem.replaceChildren(...(view.problem ? [icon('warning'), view.problem] : []));
    if (view.streaming) {
      if (!this.streaming) this.begin(view.result?.text ?? '');
    } else {
      this.end(view.result);
    }
  }

  begin(text = ''): void {
    this.streaming = true;
    this.root.classList.add('streaming');
    this.stop.hidden = false;
    this.shown = text;
    this.renderer.reset(text);
    this.errorBox.replaceChildren();
    this.metrics.replaceChildren(el('div', { class: 'metric-streaming' }, icon('loading codicon-modifier-spin'), 'Streaming…'));
  }

  append(text: string): void {
    if (!this.streaming) return;
    this.shown += text;
    this.renderer.append(text);
  }

  end(result: ColumnResult | undefined): void {
    this.streaming = false;
    this.root.classList.remove('streaming');
    this.stop.hidden = true;
    const text = result?.text ?? '';
    if (text !== this.shown) {
      this.shown = text;
      this.renderer.reset(text);
    }
    this.renderer.finish();
    this.renderResult(result);
  }

  whenIdle(): Promise<void> {
    return this.renderer.whenIdle();
  }

  private renderResult(r: ColumnResult | undefined): void {
    this.errorBox.replaceChildren();
    this.metrics.replaceChildren();
    if (!r) return;
    if (r.error) {
      this.errorBox.append(icon('error'), el('span', { class: 'error-text' }, r.error.message));
      if (r.error.action && r.error.actionLabel) this.errorBox.append(button(r.error.actionLabel, 'arrow-right', () => post({ type: 'errorAction', columnId: this.view.id }), { cls: 'action error-action' }));
    }
    const m = r.metrics;
    const rows: [string, string, string][] = [
      ['ttft', 'First token', m?.ttftMs !== undefined ? `${m.ttftMs} ms` : '—'],
      ['tps', 'Tokens/s', m?.tokensPerSecond !== undefined ? String(m.tokensPerSecond) : '—'],
      ['input', 'Input tokens', r.usage ? String(r.usage.inputTokens) : '—'],
      ['output', 'Output tokens', r.usage ? String(r.usage.outputTokens) : '—'],
      ['stop', 'Stop reason', stopLabel(r)],
    ];
    for (const [key, label, value] of rows) this.metrics.append(el('div', { class: 'metric' }, el('dt', {}, label), el('dd', { 'data-metric': key }, value)));
  }

  dispose(): void {
    this.renderer.dispose();
  }
}
