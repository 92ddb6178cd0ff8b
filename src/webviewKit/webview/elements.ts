/**
 * DOM builders shared by every Bedrock webview (chat, compare). They build from text only: nothing from the host
 * or the model is ever parsed as HTML here.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

export function icon(name: string): HTMLElement {
  return el('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** A button with an icon and an accessible name; `label` is shown unless `iconOnly`. */
export function button(label: string, codicon: string, onClick: () => void, opts: { iconOnly?: boolean; cls?: string; id?: string } = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', class: opts.cls ?? 'action', 'aria-label': label, title: label, ...(opts.id ? { id: opts.id } : {}) }, icon(codicon));
  if (!opts.iconOnly) b.append(el('span', { class: 'label' }, label));
  b.addEventListener('click', onClick);
  return b;
}

/**
 * A control whose visible text is its current value (the chosen model, the conversation's title): its accessible
 * name starts with that text and then says what the control does, so a speech user can say what they see (WCAG 2.5.3).
 */
export function showValue(control: HTMLElement, glyphs: { before: string; after?: string }, text: string, purpose: string): void {
  control.replaceChildren(icon(glyphs.before), text, ...(glyphs.after ? [icon(glyphs.after)] : []));
  control.setAttribute('aria-label', `${text}, ${purpose}`);
}

/** The page's level-one heading: read by screen readers, hidden on screen (the view's own title already shows it). */
export function pageHeading(text: string): HTMLHeadingElement {
  return el('h1', { class: 'visually-hidden' }, text);
}
