import { IMAGE_FORMATS, MAX_IMAGE_BASE64, type ChipView, type ImageFormat, type TokenCountView } from '../../protocol';
import { button, el, icon, post, vscode } from './dom';

interface DraftState { draft?: string }

/** Counting waits for a pause in typing: one count per pause, never one CountTokens call per keystroke. */
const COUNT_DEBOUNCE_MS = 600;

const number = (n: number) => n.toLocaleString('en-US');

/** "1,234 / 200,000 tokens (CountTokens)" or "≈1,234 / 300,000 tokens (estimate)". */
export function countLabel(c: TokenCountView): string {
  const size = `${c.method === 'estimate' ? '≈' : ''}${number(c.tokens)}${c.limit ? ` / ${number(c.limit)}` : ''} tokens`;
  return `${size} (${c.method === 'estimate' ? 'estimate' : 'CountTokens'})`;
}

/** The input area: multi-line text (Enter sends, Shift+Enter new line, Escape stops), context chips, images. */
export class Composer {
  readonly root: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly chips: HTMLElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly backgroundButton: HTMLButtonElement;
  private readonly notice: HTMLElement;
  private readonly tokenCount: HTMLElement;
  private countTimer: ReturnType<typeof setTimeout> | undefined;
  acceptsImages = false;
  /** A background reply is still running in this conversation: sending waits (the text stays in the box). */
  backgroundRunning = false;

  constructor() {
    this.input = el('textarea', { id: 'input', rows: '3', 'aria-label': 'Message to Bedrock', placeholder: 'Ask Bedrock… (Enter to send, Shift+Enter for a new line)' });
    this.input.value = (vscode.getState() as DraftState | undefined)?.draft ?? '';
    this.chips = el('div', { class: 'chips', role: 'list', 'aria-label': 'Attached context' });
    this.notice = el('div', { class: 'composer-notice', role: 'status' });
    // not a live region: it changes on every pause in typing; the over-limit warning is announced through `notice`
    this.tokenCount = el('span', { class: 'token-count', id: 'token-count' });
    this.sendButton = button('Send', 'send', () => this.send(), { iconOnly: true, cls: 'icon-button primary', id: 'send' });
    this.stopButton = button('Stop (Escape)', 'debug-stop', () => post({ type: 'stop' }), { iconOnly: true, cls: 'icon-button', id: 'stop' });
    this.stopButton.hidden = true;
    this.backgroundButton = button('Send in the background', 'cloud-upload', () => this.send('sendInBackground'), { iconOnly: true, cls: 'icon-button', id: 'send-background' });
    const actions = el('div', { class: 'composer-actions' },
      button('Attach selection', 'selection', () => post({ type: 'attach', what: 'selection' }), { iconOnly: true, cls: 'icon-button' }),
      button('Attach active file', 'file-code', () => post({ type: 'attach', what: 'activeFile' }), { iconOnly: true, cls: 'icon-button' }),
      button('Attach files…', 'files', () => post({ type: 'attach', what: 'files' }), { iconOnly: true, cls: 'icon-button' }),
      el('span', { class: 'spacer' }), this.tokenCount, this.stopButton, this.backgroundButton, this.sendButton);
    this.root = el('footer', { class: 'composer' }, this.chips, this.notice, this.input, actions);
    this.input.addEventListener('keydown', e => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.send(); }
    });
    this.input.addEventListener('input', () => {
      vscode.setState({ draft: this.input.value } satisfies DraftState);
      this.requestCount();
    });
    this.input.addEventListener('paste', e => this.takeImages(e.clipboardData?.files, e));
    this.root.addEventListener('dragover', e => { if (this.acceptsImages) e.preventDefault(); });
    this.root.addEventListener('drop', e => this.takeImages(e.dataTransfer?.files, e));
  }

  setBusy(busy: boolean): void {
    this.stopButton.hidden = !busy;
    this.root.classList.toggle('busy', busy);
  }

  setChips(chips: ChipView[]): void {
    this.chips.replaceChildren(...chips.map(c => el('span', { class: `chip ${c.kind}`, role: 'listitem', title: c.detail ?? c.label },
      icon(c.kind === 'image' ? 'file-media' : c.kind === 'selection' ? 'selection' : 'file'), c.label,
      button(`Remove ${c.label}`, 'close', () => post({ type: 'removeChip', id: c.id }), { iconOnly: true, cls: 'chip-remove' }))));
  }

  /** Background replies exist only for Responses on mantle: elsewhere the button says why it is off. */
  setBackground(unavailable: string | undefined): void {
    this.backgroundButton.disabled = !!unavailable;
    this.backgroundButton.title = unavailable ?? 'Send in the background: the reply runs on the server and survives closing the panel or reloading the window';
  }

  focus(): void {
    this.input.focus();
  }

  /** Asks the host to count the prompt once typing (or the conversation) has settled. */
  requestCount(): void {
    if (this.countTimer) clearTimeout(this.countTimer);
    this.countTimer = setTimeout(() => {
      this.countTimer = undefined;
      post({ type: 'countDraft', text: this.input.value });
    }, COUNT_DEBOUNCE_MS);
  }

  showCount(c: TokenCountView): void {
    const over = c.limit !== undefined && c.tokens > c.limit;
    this.tokenCount.title = `${c.method === 'estimate' ? 'Estimated at about four characters per token: this model has no CountTokens.' : 'Counted by Bedrock CountTokens.'}${c.note ? ` ${c.note}` : ''}${c.limit ? ` The model's context window is ${number(c.limit)} tokens.` : ''}`;
    this.tokenCount.classList.toggle('over', over);
    this.tokenCount.replaceChildren(...(over ? [icon('warning')] : []), countLabel(c));
  }

  /** The host refused to send: put the text back and offer to send it anyway. */
  overLimit(text: string, c: TokenCountView): void {
    if (!this.input.value) this.input.value = text;
    this.showCount(c);
    this.notice.replaceChildren(icon('warning'),
      `This prompt is ${countLabel(c)}, more than the model's context window: Bedrock will likely refuse it. Shorten it, start a new chat, or `,
      button('Send anyway', 'send', () => { this.notice.replaceChildren(); this.input.value = ''; post({ type: 'sendAnyway', text }); }, { cls: 'action', id: 'send-anyway' }));
    this.notice.classList.add('warning');
  }

  private send(type: 'send' | 'sendInBackground' = 'send'): void {
    const text = this.input.value;
    if (!text.trim() && !this.chips.childElementCount) return;
    if (this.backgroundRunning) {
      this.say('A background reply is still running in this chat: wait for it or cancel it, then send.');
      return;
    }
    post({ type, text });
    this.notice.replaceChildren();
    this.notice.classList.remove('warning');
    this.input.value = '';
    vscode.setState({ draft: '' } satisfies DraftState);
  }

  private takeImages(files: FileList | undefined | null, e: Event): void {
    const images = [...(files ?? [])].filter(f => f.type.startsWith('image/'));
    if (!images.length) return;
    e.preventDefault();
    if (!this.acceptsImages) {
      this.say('This model does not take images.');
      return;
    }
    for (const f of images) {
      const format = f.type.slice('image/'.length).replace('jpg', 'jpeg') as ImageFormat;
      if (!IMAGE_FORMATS.includes(format)) { this.say(`${f.name}: only PNG, JPEG, GIF and WebP images can be sent.`); continue; }
      const reader = new FileReader();
      reader.onload = () => {
        const base64 = String(reader.result).split(',', 2)[1] ?? '';
        if (base64.length > MAX_IMAGE_BASE64) this.say(`${f.name} is too large (Bedrock takes images up to 3.75 MB).`);
        else post({ type: 'attachImage', name: f.name || `pasted.${format}`, format, base64 });
      };
      reader.readAsDataURL(f);
    }
  }

  private say(text: string): void {
    this.notice.replaceChildren(icon('info'), text);
  }
}
