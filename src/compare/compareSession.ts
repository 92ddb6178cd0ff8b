import { randomUUID } from 'crypto';
import { DeltaPacer } from '../webviewKit/host/streamTiming';
import { AppendBatcher } from '../frontEndKit/panes/appendBatcher';
import type { BedrockService } from '../service/bedrockService';
import type { Catalogue } from '../service/catalogue/modelCatalogue';
import type { BedrockError } from '../service/errors';
import type { BedrockRequest } from '../service/model';
import { actionLabel } from '../frontEndKit/errors/errorActionLabel';
import { checkedErrorAction } from '../service/errorActionCheck';
import { columnView } from './columnChoices';
import { ColumnMeter } from './columnMeter';
import { MAX_COLUMNS, type ColumnResult, type ColumnSpec, type CompareHostMessage, type CompareState, type ErrorView } from './protocol';

export interface SessionDeps {
  service: Pick<BedrockService, 'stream' | 'supports'>;
  post(message: CompareHostMessage): void;
  errorView(e: BedrockError): ErrorView;
  now?: () => number;
}

interface Column {
  spec: ColumnSpec;
  /** The model's display name from a restored state, shown until the catalogue loads. */
  knownName?: string;
  result?: ColumnResult;
  running?: { abort: AbortController; done: Promise<void>; shown: string };
}

/**
 * The compare panel's host-side state: the prompt, up to four columns and their last results, and the streams in
 * flight. Every column streams through the service at once, each with its own AbortController, so one can be
 * stopped while the others go on. No vscode import: the panel supplies the webview and the error wording.
 */
export class CompareSession {
  private prompt = '';
  private columns: Column[] = [];
  private catalogue: Catalogue | undefined;

  constructor(private readonly deps: SessionDeps, initial?: CompareState) {
    if (initial) {
      this.prompt = initial.prompt;
      // a reload ends every stream: a result restored mid-stream is shown as stopped
      this.columns = initial.columns.map(c => ({
        spec: { id: c.id, model: c.model, apiStyle: c.apiStyle, family: c.family },
        ...(typeof c.modelName === 'string' && c.modelName ? { knownName: c.modelName } : {}),
        ...(c.result ? { result: restoredResult(c.result, c.streaming) } : {}),
      }));
    }
  }

  get busy(): boolean {
    return this.columns.some(c => c.running);
  }

  get columnCount(): number {
    return this.columns.length;
  }

  spec(id: string): ColumnSpec | undefined {
    return this.columns.find(c => c.spec.id === id)?.spec;
  }

  state(): CompareState {
    const supports = (s: ColumnSpec['apiStyle'], f: ColumnSpec['family']) => this.deps.service.supports(s, f);
    return {
      prompt: this.prompt,
      // a running column shows what the webview was already sent, so a page rebuilt mid-stream continues seamlessly
      columns: this.columns.map(c => columnView(c.spec, this.catalogue, supports, c.running !== undefined, c.running ? { text: c.running.shown } : c.result, c.knownName)),
    };
  }

  setCatalogue(cat: Catalogue | undefined): void {
    this.catalogue = cat;
    this.postState();
  }

  setPrompt(prompt: string): void {
    this.prompt = prompt;
  }

  /** Adds a column (a copy of the last one, to be changed, or `spec`); false when the panel is full. */
  addColumn(spec?: Omit<ColumnSpec, 'id'>): boolean {
    const template = spec ?? this.columns.at(-1)?.spec;
    if (this.columns.length >= MAX_COLUMNS || !template) return false;
    this.columns.push({ spec: { model: template.model, apiStyle: template.apiStyle, family: template.family, id: randomUUID() } });
    this.postState();
    return true;
  }

  removeColumn(id: string): void {
    const col = this.columns.find(c => c.spec.id === id);
    if (!col || this.columns.length <= 1) return;
    col.running?.abort.abort();
    this.columns = this.columns.filter(c => c !== col);
    this.postState();
  }

  /** A new choice for a column forgets its old result: it no longer describes what the column shows. */
  setColumn(id: string, spec: Omit<ColumnSpec, 'id'>): void {
    const col = this.columns.find(c => c.spec.id === id);
    if (!col || col.running) return;
    col.spec = { ...spec, id };
    col.result = undefined;
    col.knownName = undefined;
    this.postState();
  }

  /** Streams the prompt to every column that can run, all at once; resolves when every column has finished. */
  async run(prompt: string): Promise<void> {
    if (this.busy || !prompt.trim()) return;
    this.prompt = prompt;
    const runnable = this.state().columns.filter(c => !c.problem).map(c => c.id);
    for (const col of this.columns) {
      col.result = undefined;
      if (!runnable.includes(col.spec.id)) continue;
      const abort = new AbortController();
      col.running = { abort, done: Promise.resolve(), shown: '' };
    }
    this.postState();
    await Promise.all(this.columns.filter(c => c.running).map(col => (col.running!.done = this.stream(col, prompt))));
  }

  stop(id: string): void {
    this.columns.find(c => c.spec.id === id)?.running?.abort.abort();
  }

  stopAll(): void {
    for (const c of this.columns) c.running?.abort.abort();
  }

  /** Resolves once nothing is streaming (after stopAll, for disposal). */
  async settled(): Promise<void> {
    await Promise.all(this.columns.map(c => c.running?.done));
  }

  private async stream(col: Column, prompt: string): Promise<void> {
    const { id, model, apiStyle, family } = col.spec;
    const running = col.running!;
    const signal = running.abort.signal;
    const meter = new ColumnMeter(this.deps.now);
    const request: BedrockRequest = { model, apiStyle, family, messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }] };
    // one delta message per frame at most, and every 100 ms while a column outruns reading (the page draws it 5 times
    // a second then): four fast columns must not flood the webview with a message per token
    const pacer = new DeltaPacer();
    const batcher = new AppendBatcher(text => {
      running.shown += text;
      this.deps.post({ type: 'delta', columnId: id, text });
      pacer.sent(text.length);
    }, () => pacer.delayMs);
    this.deps.post({ type: 'columnStart', columnId: id });
    try {
      for await (const e of this.deps.service.stream(request, signal)) {
        if (e.type === 'error') meter.result.error = this.deps.errorView(e.error);
        batcher.push(meter.observe(e));
      }
    } finally {
      await batcher.flush();
      col.result = meter.finish();
      // not running any more before anyone hears of it: the state saved on columnEnd must hold the final result
      col.running = undefined;
      this.deps.post({ type: 'columnEnd', columnId: id, result: col.result });
    }
  }

  private postState(): void {
    this.deps.post({ type: 'state', state: this.state() });
  }
}

/**
 * A result read back from saved state. A reload ends every stream, so a result restored mid-stream is shown as
 * stopped. Its error's next step is rebuilt from checked fields only and relabelled here: the saved file or webview
 * state may have been crafted, and its action becomes a button that opens links and runs commands.
 */
function restoredResult(r: ColumnResult, streaming: boolean): ColumnResult {
  const stopped = streaming && !r.stopReason && !r.error ? { ...r, stopReason: 'aborted' as const } : r;
  if (!r.error) return stopped;
  const action = checkedErrorAction(r.error.action);
  return { ...stopped, error: { message: r.error.message, retryable: r.error.retryable, ...(action ? { action, actionLabel: actionLabel(action) } : {}) } };
}
