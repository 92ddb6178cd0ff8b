import type { HostMessage, StatusView, WebviewMessage, WebviewCommand } from '../protocol';

declare function acquireVsCodeApi(): { postMessage(m: WebviewMessage): void; getState(): unknown; setState(s: unknown): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

/** Builds elements with text content only: nothing from the host is ever parsed as HTML here. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function icon(name: string): HTMLElement {
  return el('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

function commandButton(label: string, codicon: string, command: WebviewCommand): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'action', 'data-command': command }, icon(codicon), label);
  b.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command }));
  return b;
}

function renderStatus(s: StatusView): void {
  const state = s.configured ? (s.local ? 'local' : 'aws') : 'none';
  const heading = s.configured ? (s.local ? 'Local Bedrock endpoint' : 'Amazon Bedrock') : 'No backend configured';
  const panel = el('section', { id: 'status', class: `status status-${state}`, 'aria-label': 'Bedrock connection status' },
    el('h2', {}, icon(s.configured ? 'plug' : 'debug-disconnect'), heading),
    el('p', { id: 'status-summary' }, s.summary),
    el('dl', {},
      el('dt', {}, 'Region'), el('dd', {}, s.region),
      el('dt', {}, 'bedrock-runtime'), el('dd', {}, s.runtimeEndpoint),
      el('dt', {}, 'bedrock-mantle'), el('dd', {}, s.mantleEndpoint)),
    el('div', { class: 'actions' },
      commandButton('Settings', 'gear', 'bedrock.openSettings'),
      commandButton('Status', 'info', 'bedrock.showStatus'),
      commandButton('Log', 'output', 'bedrock.showLog')));
  app.replaceChildren(panel);
}

window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
  const m = e.data;
  switch (m?.type) {
    case 'status':
      renderStatus(m.status);
      break;
  }
});

vscode.postMessage({ type: 'ready' });
