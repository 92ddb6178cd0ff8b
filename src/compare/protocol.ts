/**
 * The one message protocol between the compare panel's webview and the extension host, imported by both sides.
 * The host rejects anything that does not match it exactly (isCompareWebviewMessage), and checks restored webview
 * state the same way (isCompareState) before trusting it. Nothing here ever carries a credential.
 */
import { CODE_ACTIONS, type CodeActionKind, type ErrorView } from '../webviewKit/protocol';
import type { ApiStyle, EndpointFamily, StopReason, Usage } from '../service/model';

export type { ApiStyle, EndpointFamily, StopReason, Usage } from '../service/model';
export type { ErrorView } from '../webviewKit/protocol';

export const MAX_COLUMNS = 4;
/** A prompt longer than this is refused on both sides: the panel compares replies, it is not a document uploader. */
export const MAX_PROMPT_CHARS = 100_000;

/** One column's choice: a model on one API style and endpoint family. */
export interface ColumnSpec {
  id: string;
  model: string;
  apiStyle: ApiStyle;
  family: EndpointFamily;
}

export interface ColumnMetrics {
  /** Milliseconds from sending to the first streamed token. */
  ttftMs?: number;
  /** Output tokens per second of generation (after the first token). */
  tokensPerSecond?: number;
  totalMs: number;
}

export interface ColumnResult {
  text: string;
  usage?: Usage;
  metrics?: ColumnMetrics;
  stopReason?: StopReason;
  error?: ErrorView;
}

export interface ColumnView extends ColumnSpec {
  /** "Claude Sonnet 4.5 · Anthropic Messages · bedrock-mantle" */
  label: string;
  modelName: string;
  apiStyleLabel: string;
  /** Why this combination cannot run; such a column is skipped. */
  problem?: string;
  streaming: boolean;
  result?: ColumnResult;
}

/** Everything the panel shows; also what the webview keeps as its state, so a reload restores it. */
export interface CompareState {
  prompt: string;
  columns: ColumnView[];
}

export type CompareHostMessage =
  | { type: 'state'; state: CompareState }
  | { type: 'columnStart'; columnId: string }
  | { type: 'delta'; columnId: string; text: string }
  | { type: 'columnEnd'; columnId: string; result: ColumnResult }
  | { type: 'focusPrompt' };

export const EXPORT_TARGETS = ['document', 'clipboard'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export type CompareWebviewMessage =
  | { type: 'ready' }
  | { type: 'run'; prompt: string }
  | { type: 'promptChanged'; prompt: string }
  | { type: 'stop'; columnId: string }
  | { type: 'stopAll' }
  | { type: 'addColumn' }
  | { type: 'removeColumn'; columnId: string }
  | { type: 'chooseColumn'; columnId: string }
  | { type: 'export'; target: ExportTarget }
  | { type: 'errorAction'; columnId: string }
  | { type: 'openLink'; url: string }
  | { type: 'codeAction'; action: CodeActionKind; code: string; language: string }
  | { type: 'copy'; text: string };

type Shape = Record<string, 'string' | readonly string[]>;
const SHAPES: Record<CompareWebviewMessage['type'], Shape> = {
  ready: {},
  run: { prompt: 'string' },
  promptChanged: { prompt: 'string' },
  stop: { columnId: 'string' },
  stopAll: {},
  addColumn: {},
  removeColumn: { columnId: 'string' },
  chooseColumn: { columnId: 'string' },
  export: { target: EXPORT_TARGETS },
  errorAction: { columnId: 'string' },
  openLink: { url: 'string' },
  codeAction: { action: CODE_ACTIONS, code: 'string', language: 'string' },
  copy: { text: 'string' },
};

function hasExactShape(m: Record<string, unknown>, shape: Shape): boolean {
  const keys = Object.keys(m).filter(k => k !== 'type');
  if (keys.length !== Object.keys(shape).length) return false;
  for (const [key, kind] of Object.entries(shape)) {
    const v = m[key];
    if (typeof v !== 'string') return false;
    if (kind !== 'string' && !kind.includes(v)) return false;
  }
  return true;
}

/** Exact shape check: known type, every field of the right kind, no extra fields, prompts within bounds. */
export function isCompareWebviewMessage(m: unknown): m is CompareWebviewMessage {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return false;
  const msg = m as Record<string, unknown>;
  if (typeof msg.type !== 'string' || !Object.prototype.hasOwnProperty.call(SHAPES, msg.type)) return false;
  if (!hasExactShape(msg, SHAPES[msg.type as CompareWebviewMessage['type']])) return false;
  if ((msg.type === 'run' || msg.type === 'promptChanged') && (msg.prompt as string).length > MAX_PROMPT_CHARS) return false;
  return true;
}

const API_STYLE_NAMES: readonly ApiStyle[] = ['converse', 'converse-stream', 'invoke-model', 'invoke-model-stream', 'responses', 'chat-completions', 'messages'];
const STOP_REASONS: readonly StopReason[] = ['end_turn', 'tool_use', 'max_tokens', 'stop_sequence', 'guardrail_intervened', 'content_filtered', 'aborted', 'other'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);

function isUsage(v: unknown): boolean {
  return isRecord(v) && isCount(v.inputTokens) && isCount(v.outputTokens)
    && optional(v.cacheReadTokens, isCount) && optional(v.cacheWriteTokens, isCount);
}

function isResult(v: unknown): boolean {
  if (!isRecord(v) || typeof v.text !== 'string') return false;
  const m = v.metrics;
  const metricsOk = optional(m, x => isRecord(x) && isCount(x.totalMs) && optional(x.ttftMs, isCount) && optional(x.tokensPerSecond, isCount));
  const errorOk = optional(v.error, x => isRecord(x) && typeof x.message === 'string' && typeof x.retryable === 'boolean');
  return metricsOk && errorOk && optional(v.usage, isUsage) && optional(v.stopReason, x => STOP_REASONS.includes(x as StopReason));
}

function isColumnSpec(v: unknown): v is ColumnSpec {
  return isRecord(v) && typeof v.id === 'string' && typeof v.model === 'string' && v.model.length > 0
    && API_STYLE_NAMES.includes(v.apiStyle as ApiStyle) && (v.family === 'runtime' || v.family === 'mantle');
}

/**
 * Webview state comes back from VS Code after a reload; it was written by our page, but it is checked before the
 * host builds requests from it. Labels and problems are recomputed by the host, so only the spec, prompt and
 * results matter here.
 */
export function isCompareState(v: unknown): v is CompareState {
  if (!isRecord(v) || typeof v.prompt !== 'string' || v.prompt.length > MAX_PROMPT_CHARS) return false;
  if (!Array.isArray(v.columns) || v.columns.length > MAX_COLUMNS) return false;
  return v.columns.every(c => isColumnSpec(c) && optional((c as unknown as Record<string, unknown>).result, isResult));
}
