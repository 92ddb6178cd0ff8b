import type { CompareHostMessage, CompareState } from '../protocol';
import { MAX_COLUMNS } from '../protocol';
import { button, el, pageHeading } from '../../webviewKit/webview/elements';
import { post, saveState } from './api';
import { ColumnElement } from './columnElement';

/**
 * The compare page. It only displays and forwards: the host owns the columns, runs the streams and measures them.
 * It keeps a copy of the host's state (with the text streamed so far) as webview state, which the panel serializer
 * hands back after a reload.
 */
const app = document.getElementById('app') as HTMLElement;
app.classList.add('compare');
app.removeAttribute('aria-live'); // each column announces its own reply

const prompt = el('textarea', { id: 'prompt', rows: '3', 'aria-label': 'Prompt for every column', placeholder: 'One prompt for every column — Enter runs, Shift+Enter for a new line' });
const run = button('Run', 'play', () => runAll(), { id: 'run', cls: 'action primary' });
const stopAll = button('Stop all', 'debug-stop', () => post({ type: 'stopAll' }), { id: 'stop-all' });
const addColumn = button('Add column', 'add', () => post({ type: 'addColumn' }), { id: 'add-column' });
const exportDoc = button('Export to Markdown', 'markdown', () => post({ type: 'export', target: 'document' }), { id: 'export-document' });
const exportCopy = button('Copy as Markdown', 'copy', () => post({ type: 'export', target: 'clipboard' }), { id: 'export-clipboard' });
const toolbar = el('div', { class: 'compare-toolbar', role: 'toolbar', 'aria-label': 'Comparison' }, run, stopAll, addColumn, el('span', { class: 'spacer' }), exportDoc, exportCopy);
const columnsBox = el('div', { class: 'compare-columns', role: 'group', 'aria-label': 'Columns' });
app.replaceChildren(pageHeading('Compare models and APIs'), el('div', { class: 'compare-prompt' }, prompt, toolbar), columnsBox);

let state: CompareState = { prompt: '', columns: [] };
const columns = new Map<string, ColumnElement>();
let completedRuns = 0;

function runAll(): void {
  if (!prompt.value.trim() || busy()) return;
  post({ type: 'run', prompt: prompt.value });
}

const busy = () => state.columns.some(c => c.streaming);

function renderChrome(): void {
  run.disabled = busy() || !state.columns.some(c => !c.problem);
  stopAll.disabled = !busy();
  addColumn.disabled = busy() || state.columns.length >= MAX_COLUMNS;
  const done = state.columns.some(c => c.result);
  exportDoc.disabled = !done || busy();
  exportCopy.disabled = !done || busy();
  columnsBox.style.setProperty('--columns', String(Math.max(1, state.columns.length)));
}

function renderState(next: CompareState): void {
  state = next;
  if (document.activeElement !== prompt || !prompt.value) prompt.value = next.prompt;
  const keep = new Set(next.columns.map(c => c.id));
  for (const [id, col] of columns) {
    if (keep.has(id)) continue;
    col.dispose();
    col.root.remove();
    columns.delete(id);
  }
  next.columns.forEach((view, i) => {
    let col = columns.get(view.id);
    if (!col) columns.set(view.id, col = new ColumnElement(view));
    col.update(view, i, next.columns.length);
    columnsBox.append(col.root); // append moves an existing element: the DOM follows the host's order
  });
  renderChrome();
  saveState(state);
}

/** Marks the page once every column's reply is on screen (tests and screen readers learn the run is over). */
async function markCompletedWhenIdle(): Promise<void> {
  if (busy()) return;
  await Promise.all([...columns.values()].map(c => c.whenIdle()));
  if (busy()) return;
  document.body.dataset.completedRuns = String(++completedRuns);
}

window.addEventListener('message', (e: MessageEvent<CompareHostMessage>) => {
  const m = e.data;
  switch (m?.type) {
    case 'state': renderState(m.state); break;
    case 'columnStart': {
      const view = state.columns.find(c => c.id === m.columnId);
      if (view) { view.streaming = true; view.result = undefined; }
      columns.get(m.columnId)?.begin();
      renderChrome();
      break;
    }
    case 'delta': {
      columns.get(m.columnId)?.append(m.text);
      const view = state.columns.find(c => c.id === m.columnId);
      if (view) view.result = { ...view.result, text: (view.result?.text ?? '') + m.text };
      saveState(state);
      break;
    }
    case 'columnEnd': {
      const view = state.columns.find(c => c.id === m.columnId);
      if (view) { view.streaming = false; view.result = m.result; }
      const index = state.columns.findIndex(c => c.id === m.columnId);
      // update, not just end: the column's picker and remove button come back once it is idle
      if (view) columns.get(m.columnId)?.update(view, index, state.columns.length);
      renderChrome();
      saveState(state);
      void markCompletedWhenIdle();
      break;
    }
    case 'focusPrompt': prompt.focus(); break;
  }
});

let promptTimer: ReturnType<typeof setTimeout> | undefined;
prompt.addEventListener('input', () => {
  state.prompt = prompt.value;
  saveState(state);
  clearTimeout(promptTimer);
  promptTimer = setTimeout(() => post({ type: 'promptChanged', prompt: prompt.value }), 250);
});
prompt.addEventListener('keydown', e => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    runAll();
  }
});
document.addEventListener('keydown', e => {
  if (e.key === 'Escape' && busy()) {
    e.preventDefault();
    post({ type: 'stopAll' });
  }
});

post({ type: 'ready' });
prompt.focus();
