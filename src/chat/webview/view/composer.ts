import { IMAGE_FORMATS, MAX_IMAGE_BASE64, type ChipView, type ImageFormat } from '../../protocol';
import { button, el, icon, post, vscode } from './dom';

interface DraftState { draft?: string }

/** The input area: multi-line text (Enter sends, Shift+Enter new line, Escape stops), context chips, images. */
export class Composer {
  readonly root: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly chips: HTMLElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly notice: HTMLElement;
  acceptsImages = false;

  constructor() {
    this.input = el('textarea', { id: 'input', rows: '3', 'aria-label': 'Message to Bedrock', placeholder: 'Ask Bedrock… (Enter to send, Shift+Enter for a new line)' });
    this.input.value = (vscode.getState() as DraftState | undefined)?.draft ?? '';
    this.chips = el('div', { class: 'chips', role: 'list', 'aria-label': 'Attached context' });
    this.notice = el('div', { class: 'composer-notice', role: 'status' });
    this.sendButton = button('Send', 'send', () => this.send(), { iconOnly: true, cls: 'icon-button primary', id: 'send' });
    this.stopButton = button('Stop (Escape)', 'debug-stop', () => post({ type: 'stop' }), { iconOnly: true, cls: 'icon-button', id: 'stop' });
    this.stopButton.hidden = true;
    const actions = el('div', { class: 'composer-actions' },
      button('Attach selection', 'selection', () => post({ type: 'attach', what: 'selection' }), { iconOnly: true, cls: 'icon-button' }),
      button('Attach active file', 'file-code', () => post({ type: 'attach', what: 'activeFile' }), { iconOnly: true, cls: 'icon-button' }),
      button('Attach files…', 'files', () => post({ type: 'attach', what: 'files' }), { iconOnly: true, cls: 'icon-button' }),
      el('span', { class: 'spacer' }), this.stopButton, this.sendButton);
    this.root = el('footer', { class: 'composer' }, this.chips, this.notice, this.input, actions);
    this.input.addEventListener('keydown', e => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.send(); }
    });
    this.input.addEventListener('input', () => vscode.setState({ draft: this.input.value } satisfies DraftState));
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

  focus(): void {
    this.input.focus();
  }

  private send(): void {
    const text = this.input.value;
    if (!text.trim() && !this.chips.childElementCount) return;
    post({ type: 'send', text });
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
