/**
 * The one message protocol between the chat webview and the extension host. Both sides import this file; the host
 * rejects anything that does not match it (isWebviewMessage). Nothing here ever carries a credential: the webview
 * sees where credentials come from, never what they are.
 */
import type { ApiStyle, EndpointFamily, GuardrailRef, ReasoningOptions, ServiceTier, StopReason, Usage } from '../service/model';
import { CODE_ACTIONS, type CodeActionKind, type ErrorView } from '../webviewKit/protocol';

export type { ApiStyle, EndpointFamily, ServiceTier } from '../service/model';
export type { ErrorAction } from '../service/errors';

/** What the webview may show about the backend. */
export interface StatusView {
  configured: boolean;
  local: boolean;
  region: string;
  summary: string;
  runtimeEndpoint: string;
  mantleEndpoint: string;
}

export interface Selection {
  model: string;
  apiStyle: ApiStyle;
  family: EndpointFamily;
  /** The conversation's guardrail, when it has one. */
  guardrail?: GuardrailRef;
  /** Absent: Bedrock's default (no tier sent). */
  serviceTier?: ServiceTier;
  /**
   * Responses only: false keeps the conversation off the server (`store: false`, the whole history sent each turn,
   * no `previous_response_id`). Absent: stored and chained.
   */
  store?: boolean;
  /** The Project (Workspace on Messages) the conversation's requests are attributed to; absent: the `bedrock.project` setting. */
  project?: ProjectRef;
  /** Claude's thinking budget or an effort level (sent only where the model takes it, see turnFeatures); absent: off. */
  reasoning?: ReasoningOptions;
  /** false turns prompt caching off; absent: on where the model supports it. */
  promptCache?: boolean;
  /** Names of the tools the model may call in this conversation (see chat/tools); absent or empty: none. */
  tools?: string[];
}

/** A project as a conversation keeps it: the id that is sent, and the name shown. */
export interface ProjectRef {
  id: string;
  name?: string;
}

export interface SelectionView extends Selection {
  modelName: string;
  apiStyleLabel: string;
  /** The model takes images (paste/drop allowed). */
  acceptsImages: boolean;
  /** Why this combination may not work (e.g. the catalogue does not list the style for the model). */
  warning?: string;
  /** "emulator-default v1"; undefined when the chat has no guardrail. */
  guardrailLabel?: string;
  /** "Default", "Standard", "Flex" or "Priority". */
  serviceTierLabel: string;
  /** The project requests are attributed to ("Default project", a name), marked when this style cannot carry it. */
  projectLabel: string;
  /** Responses only: whether turns are stored on the server and chained, or sent whole each time. */
  serverStateLabel?: string;
  /** "Thinking 4,096", "Effort high", "Reasoning off" or "No reasoning" (the model has none). */
  reasoningLabel: string;
  /** "Cache on" / "Cache off"; absent where the model or style takes no cache points. */
  cacheLabel?: string;
  /** Why the next turn cannot run in the background; absent when it can. */
  backgroundUnavailable?: string;
  /** The tools pill: "2 tools", "No tools", or why the style has none. */
  toolsLabel?: string;
}

/** A background response's status as the server reports it. */
export type BackgroundStatus = 'queued' | 'in_progress' | 'completed' | 'failed' | 'cancelled' | 'incomplete';

/** A prompt's size against the model's context window, as the composer shows it. */
export interface TokenCountView {
  tokens: number;
  /** `count-tokens`: Bedrock's own count; `estimate`: the local rule of thumb, labelled as such. */
  method: 'count-tokens' | 'estimate';
  limit?: number;
  note?: string;
}

export interface CostView {
  /** This reply's cost. */
  amount: number;
  /** The conversation's cost up to and including this reply. */
  conversation: number;
  currency: string;
  /** The shipped price table or the user's `bedrock.prices` override. */
  from: 'table' | 'setting';
}

export interface ChipView {
  id: string;
  kind: 'selection' | 'file' | 'image';
  label: string;
  detail?: string;
}

export interface ToolCallView {
  id: string;
  name: string;
  arguments: string;
  /** What the tool returned (or why it failed), as text; absent while it has not run. Untrusted: shown as text only. */
  result?: string;
  isError?: boolean;
  durationMs?: number;
}

export interface MetricsView {
  /** Milliseconds from send to the first streamed token. */
  ttftMs?: number;
  tokensPerSecond?: number;
  totalMs: number;
}

/** What a guardrail blocked or masked in a reply, and why, in words. */
export interface GuardrailView {
  headline: string;
  /** One line per policy finding: "Input · Denied topic: Investment advice — blocked". */
  lines: string[];
}

export type { ErrorView } from '../webviewKit/protocol';

export interface MessageView {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  reasoning?: string;
  toolCalls?: ToolCallView[];
  attachments?: string[];
  usage?: Usage;
  metrics?: MetricsView;
  stopReason?: StopReason;
  error?: ErrorView;
  guardrail?: GuardrailView;
  /** Footer label for an assistant reply: model and API style it came from. */
  via?: string;
  /** The service tier the service reported for this reply. */
  serviceTier?: string;
  /** From the reported usage and the price table; 'unpriced' when no price is known for the model and region. */
  cost?: CostView | 'unpriced';
  /** One line about how the reply was obtained (the chained conversation was refused and sent again in full). */
  note?: string;
  streaming?: boolean;
  /** The reasoning's size: as the wire counted it, or an estimate (labelled as such). */
  reasoningTokens?: { count: number; estimated: boolean };
  /** A reply run in the background (Responses on mantle): where it stands on the server. */
  background?: { status: BackgroundStatus };
}

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
}

export interface ConversationView {
  id: string;
  title: string;
  messages: MessageView[];
}

export type HostMessage =
  | { type: 'status'; status: StatusView }
  | { type: 'conversation'; conversation: ConversationView; conversations: ConversationSummary[]; busy: boolean }
  | { type: 'selection'; selection: SelectionView }
  | { type: 'chips'; chips: ChipView[] }
  | { type: 'messageStart'; message: MessageView }
  | { type: 'delta'; id: string; text?: string; reasoning?: string; tools?: { id: string; name?: string; argumentsDelta?: string }[] }
  | { type: 'messageEnd'; message: MessageView }
  /** A reply changed after it ended (a background reply's status or result): redraw it, nothing else. */
  | { type: 'messageUpdate'; message: MessageView }
  /** A reply's tool calls ran (or are running): update their cards; the turn goes on, so the composer stays busy. */
  | { type: 'toolCalls'; id: string; toolCalls: ToolCallView[] }
  | { type: 'focusInput' }
  | { type: 'tokenCount'; count: TokenCountView }
  /** The message was not sent: it would exceed the context window. The webview puts it back and offers to send anyway. */
  | { type: 'overLimit'; text: string; count: TokenCountView };

export { CODE_ACTIONS, type CodeActionKind } from '../webviewKit/protocol';
export const IMAGE_FORMATS = ['png', 'jpeg', 'gif', 'webp'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];
/** Larger pasted images are refused in the webview and again here: Bedrock's own per-image limit is 3.75 MB. */
export const MAX_IMAGE_BASE64 = 5_000_000;

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'runCommand'; command: WebviewCommand }
  | { type: 'send'; text: string }
  /** Send although the prompt is over the model's context window (after an `overLimit`). */
  | { type: 'sendAnyway'; text: string }
  /** The draft changed (debounced in the webview): count the prompt it would make. */
  | { type: 'countDraft'; text: string }
  | { type: 'stop' }
  | { type: 'retry'; id: string }
  | { type: 'editResend'; id: string; text: string }
  | { type: 'copy'; text: string }
  | { type: 'codeAction'; action: CodeActionKind; code: string; language: string }
  | { type: 'openLink'; url: string }
  | { type: 'errorAction'; id: string }
  | { type: 'pick'; what: PickTarget }
  /** Send this message as a background response (Responses on mantle). */
  | { type: 'sendInBackground'; text: string }
  | { type: 'cancelBackground'; id: string }
  | { type: 'newConversation' }
  | { type: 'renameConversation' }
  | { type: 'deleteConversation' }
  | { type: 'attach'; what: 'selection' | 'activeFile' | 'files' }
  | { type: 'attachImage'; name: string; format: ImageFormat; base64: string }
  | { type: 'removeChip'; id: string };

export const PICK_TARGETS = ['model', 'apiStyle', 'family', 'guardrail', 'serviceTier', 'project', 'serverState', 'conversation', 'reasoning', 'promptCache', 'tools'] as const;
export type PickTarget = (typeof PICK_TARGETS)[number];

/** Host commands the webview may ask for; an allow-list, so a compromised webview cannot run arbitrary commands. */
export const WEBVIEW_COMMANDS = ['bedrock.showLog', 'bedrock.showStatus', 'bedrock.openSettings', 'bedrock.signIn', 'bedrock.chooseRegion'] as const;
export type WebviewCommand = (typeof WEBVIEW_COMMANDS)[number];

type Shape = Record<string, 'string' | readonly string[]>;
const SHAPES: Record<WebviewMessage['type'], Shape> = {
  ready: {},
  runCommand: { command: WEBVIEW_COMMANDS },
  send: { text: 'string' },
  sendAnyway: { text: 'string' },
  countDraft: { text: 'string' },
  stop: {},
  retry: { id: 'string' },
  editResend: { id: 'string', text: 'string' },
  copy: { text: 'string' },
  codeAction: { action: CODE_ACTIONS, code: 'string', language: 'string' },
  openLink: { url: 'string' },
  errorAction: { id: 'string' },
  pick: { what: PICK_TARGETS },
  sendInBackground: { text: 'string' },
  cancelBackground: { id: 'string' },
  newConversation: {},
  renameConversation: {},
  deleteConversation: {},
  attach: { what: ['selection', 'activeFile', 'files'] },
  attachImage: { name: 'string', format: IMAGE_FORMATS, base64: 'string' },
  removeChip: { id: 'string' },
};

/** Exact shape check: known type, every field of the right kind, no extra fields. */
export function isWebviewMessage(m: unknown): m is WebviewMessage {
  if (typeof m !== 'object' || m === null) return false;
  const msg = m as Record<string, unknown>;
  if (typeof msg.type !== 'string' || !Object.prototype.hasOwnProperty.call(SHAPES, msg.type)) return false;
  const shape = SHAPES[msg.type as WebviewMessage['type']];
  const keys = Object.keys(msg).filter(k => k !== 'type');
  if (keys.length !== Object.keys(shape).length) return false;
  for (const [key, kind] of Object.entries(shape)) {
    const v = msg[key];
    if (typeof v !== 'string') return false;
    if (kind !== 'string' && !kind.includes(v)) return false;
  }
  if (msg.type === 'attachImage' && (msg.base64 as string).length > MAX_IMAGE_BASE64) return false;
  return true;
}
