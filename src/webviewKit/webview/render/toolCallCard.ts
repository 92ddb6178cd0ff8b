import { displayableText } from './displayableText';

/** A tool call as the chat shows it; `argumentsDelta` is the next piece of the streamed JSON arguments. */
export interface ToolCallUpdate {
  id: string;
  name?: string;
  argumentsDelta?: string;
}

/** What running the call gave. The result is untrusted (file contents, another extension's output): text only. */
export interface ToolCallResult {
  result?: string;
  isError?: boolean;
  durationMs?: number;
  /** The host is running this call now. */
  running?: boolean;
}

/**
 * A small collapsible card for one tool call: name, status and time in the summary; arguments and result inside.
 * Collapsed by default, reachable with Tab (its summary is focusable) and opened with Enter or Space. Everything is
 * text content (never HTML): the arguments are model output and the result is whatever the tool read.
 */
export class ToolCallCard {
  readonly element: HTMLDetailsElement;
  private readonly nameLabel: HTMLElement;
  private readonly status: HTMLElement;
  private readonly args: HTMLElement;
  private readonly resultLabel: HTMLElement;
  private readonly resultBody: HTMLElement;
  private argumentsText = '';
  private name = 'tool';

  constructor(readonly id: string) {
    this.element = document.createElement('details');
    this.element.className = 'md-tool-call';
    this.element.dataset.toolCallId = id;
    const summary = document.createElement('summary');
    const icon = document.createElement('span');
    icon.className = 'codicon codicon-tools';
    icon.setAttribute('aria-hidden', 'true');
    this.nameLabel = document.createElement('span');
    this.nameLabel.className = 'md-tool-call-name';
    this.status = document.createElement('span');
    this.status.className = 'md-tool-call-status';
    summary.append(icon, this.nameLabel, this.status);
    const argsLabel = document.createElement('div');
    argsLabel.className = 'md-tool-call-label';
    argsLabel.textContent = 'Arguments';
    this.args = document.createElement('pre');
    this.args.className = 'md-tool-call-arguments';
    this.resultLabel = document.createElement('div');
    this.resultLabel.className = 'md-tool-call-label';
    this.resultBody = document.createElement('pre');
    this.resultBody.className = 'md-tool-call-result';
    this.resultLabel.hidden = this.resultBody.hidden = true;
    this.element.append(summary, argsLabel, this.args, this.resultLabel, this.resultBody);
    this.setName('tool');
  }

  update(call: ToolCallUpdate): void {
    if (call.name) this.setName(call.name);
    if (!call.argumentsDelta) return;
    this.argumentsText += call.argumentsDelta;
    this.args.textContent = this.argumentsText;
  }

  /** The call is complete: pretty-print its arguments when they are JSON. */
  finish(): void {
    try {
      this.args.textContent = JSON.stringify(JSON.parse(this.argumentsText), null, 2);
    } catch {
      // Not JSON (or empty): the raw text is already shown.
    }
  }

  showResult(r: ToolCallResult): void {
    this.element.classList.toggle('error', r.isError === true);
    this.element.classList.toggle('running', r.running === true && r.result === undefined);
    const time = r.durationMs !== undefined ? `${r.durationMs < 1000 ? `${r.durationMs} ms` : `${(r.durationMs / 1000).toFixed(1)} s`}` : '';
    const state = r.result === undefined ? (r.running ? 'running…' : '') : r.isError ? `failed${time ? ` · ${time}` : ''}` : time;
    this.status.textContent = state ? `· ${state}` : '';
    this.element.setAttribute('aria-label', `Tool call ${this.name}${state ? `, ${state}` : ''}`);
    if (r.result === undefined) return;
    this.resultLabel.hidden = this.resultBody.hidden = false;
    this.resultLabel.textContent = r.isError ? 'Error' : 'Result';
    this.resultBody.textContent = displayableText(r.result);
  }

  private setName(name: string): void {
    this.name = name;
    this.nameLabel.textContent = name;
    this.element.setAttribute('aria-label', `Tool call ${name}`);
  }
}
