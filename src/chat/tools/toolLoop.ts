import type { StoredMessage } from '../conversation';
import type { ToolCallView } from '../protocol';
import { toolInput } from './toolTurns';

export const DEFAULT_MAX_TOOL_STEPS = 10;

export interface ToolLoopDeps {
  /** Streams one request into `reply` (runTurn): the conversation up to it, with the tools declared. */
  step(reply: StoredMessage): Promise<void>;
  /** Adds the next assistant reply to the conversation (saved, shown) for the model's answer to the tool results. */
  nextReply(): Promise<StoredMessage>;
  /** Runs one call; never throws (failures are error outcomes). */
  runTool(name: string, input: Record<string, unknown>, signal: AbortSignal): Promise<{ content: string; isError?: boolean }>;
  /** The reply's tool cards changed (a call started or finished): show them; `final`: the reply will not change again. */
  show(reply: StoredMessage, final: boolean): void;
  save(): Promise<void>;
  /** How many rounds of tool calls one question may run before the chat stops and says so. */
  maxSteps: number;
  signal: AbortSignal;
  now?: () => number;
}

export const stepLimitNote = (max: number) => `Stopped after ${max} rounds of tool calls (the bedrock.chat.maxToolSteps setting); ask again to let the model go on.`;
const STOPPED = 'Not run: the user stopped the reply.';

/**
 * The chat's tool loop: streams a reply; when the model stops to call tools, runs them one after another, stores
 * each result on its call (so the next request, a retry or a reload carries it in the style's own shape), and asks
 * again in a new reply, until the model answers, the user stops, a request fails, or the step limit is reached.
 * Every call of a reply gets a result, even one that was not run, because every style refuses a call left
 * unanswered. Resolves to the last reply.
 */
export async function runToolLoop(first: StoredMessage, deps: ToolLoopDeps): Promise<StoredMessage> {
  const now = deps.now ?? Date.now;
  let reply = first;
  for (let steps = 0; ; steps++) {
    await deps.step(reply);
    const calls = reply.toolCalls ?? [];
    if (!calls.length || reply.error) return reply;
    if (deps.signal.aborted) return settle(reply, STOPPED, deps);
    // arguments cut off mid-way must not run (a truncated propose_edit would offer half a file)
    if (reply.stopReason === 'max_tokens') return settle(reply, 'Not run: the reply reached its token limit before the call was complete.', deps);
    if (steps >= deps.maxSteps) {
      reply.note = [reply.note, stepLimitNote(deps.maxSteps)].filter(Boolean).join(' ');
      return settle(reply, `Not run: the chat's limit of ${deps.maxSteps} tool rounds was reached.`, deps);
    }
    for (const call of calls) {
      if (deps.signal.aborted) { answer(call, STOPPED, true); continue; }
      deps.show(reply, false);
      const started = now();
      const out = await deps.runTool(call.name, toolInput(call), deps.signal);
      answer(call, out.content, out.isError === true, now() - started);
      deps.show(reply, false);
    }
    await deps.save();
    if (deps.signal.aborted) {
      deps.show(reply, true);
      return reply;
    }
    reply = await deps.nextReply();
  }
}

function answer(call: ToolCallView, content: string, isError: boolean, durationMs?: number): void {
  call.result = content || '(no output)';
  if (isError) call.isError = true;
  else delete call.isError;
  if (durationMs !== undefined) call.durationMs = durationMs;
}

async function settle(reply: StoredMessage, why: string, deps: ToolLoopDeps): Promise<StoredMessage> {
  for (const call of reply.toolCalls ?? []) if (call.result === undefined) answer(call, why, true);
  await deps.save();
  deps.show(reply, true);
  return reply;
}
