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
