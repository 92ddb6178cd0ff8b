/** A tool call as the chat shows it; `argumentsDelta` is the next piece of the streamed JSON arguments. */
export interface ToolCallUpdate {
  id: string;
  name?: string;
  argumentsDelta?: string;
}

/**
 * A small collapsible card for one tool call. Everything is text content (never HTML): the arguments are model
 * output like the rest. Arguments are shown pretty-printed once they parse as JSON, raw while they stream.
 */
export class ToolCallCard {
  readonly element: HTMLDetailsElement;
  private readonly nameLabel: HTMLElement;
  private readonly args: HTMLElement;
  private argumentsText = '';

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
    summary.append(icon, this.nameLabel);
    this.args = document.createElement('pre');
    this.args.className = 'md-tool-call-arguments';
    this.element.append(summary, this.args);
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

  private setName(name: string): void {
    this.nameLabel.textContent = name;
    this.element.setAttribute('aria-label', `Tool call ${name}`);
  }
}
