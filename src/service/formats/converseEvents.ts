import type { ConverseOutput, ConverseStreamOutput, StopReason as SdkStopReason, TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import { converseGuardrailReport } from '../guardrails/report';
import type { StreamEvent, Usage } from '../model';
import { stopReason } from './stopReasons';
import { ToolCallAssembler } from './toolCalls';

export function converseUsage(u: TokenUsage | undefined): Usage | undefined {
  if (!u) return undefined;
  return {
    inputTokens: u.inputTokens ?? 0,
    outputTokens: u.outputTokens ?? 0,
    ...(u.cacheReadInputTokens ? { cacheReadTokens: u.cacheReadInputTokens } : {}),
    ...(u.cacheWriteInputTokens ? { cacheWriteTokens: u.cacheWriteInputTokens } : {}),
  };
}

/**
 * ConverseStream events → internal events. `messageStop` arrives before `metadata` (which carries usage), so the
 * stop is held back until the stream ends: consumers always see usage before stop.
 */
export class ConverseStreamNormalizer {
  private readonly tools = new ToolCallAssembler();
  private pendingStop: StreamEvent | undefined;

  *push(e: ConverseStreamOutput): Generator<StreamEvent> {
    if (e.contentBlockStart?.start?.toolUse) {
      const t = e.contentBlockStart.start.toolUse;
      yield this.tools.start(e.contentBlockStart.contentBlockIndex ?? 0, t.toolUseId ?? '', t.name ?? '');
    } else if (e.contentBlockDelta?.delta) {
      const d = e.contentBlockDelta.delta;
      const index = e.contentBlockDelta.contentBlockIndex ?? 0;
      if (d.text) yield { type: 'text', text: d.text };
      else if (d.reasoningContent?.text) yield { type: 'reasoning', text: d.reasoningContent.text };
      else if (d.toolUse?.input !== undefined) {
        const ev = this.tools.delta(index, d.toolUse.input);
        if (ev) yield ev;
      }
    } else if (e.contentBlockStop) {
      const ev = this.tools.end(e.contentBlockStop.contentBlockIndex ?? 0);
      if (ev) yield ev;
    } else if (e.messageStop) {
      this.pendingStop = { type: 'stop', ...stopReason(e.messageStop.stopReason) };
    } else if (e.metadata) {
      if (e.metadata.serviceTier?.type) yield { type: 'service-tier', tier: e.metadata.serviceTier.type };
      const usage = converseUsage(e.metadata.usage);
      if (usage) yield { type: 'usage', usage };
      const pending = this.pendingStop?.type === 'stop' ? this.pendingStop.raw : undefined;
      const report = converseGuardrailReport(e.metadata.trace?.guardrail, pending);
      if (report) yield { type: 'guardrail', report };
    }
  }

  *end(): Generator<StreamEvent> {
    yield* this.tools.endAll();
    if (this.pendingStop) yield this.pendingStop;
  }
}

/** A whole Converse reply as the same events a stream would give. */
export function* converseReplyEvents(output: ConverseOutput | undefined, reason: SdkStopReason | string | undefined, usage: TokenUsage | undefined, guardrailTrace?: unknown): Generator<StreamEvent> {
  for (const b of output?.message?.content ?? []) {
    if (b.reasoningContent?.reasoningText?.text) yield { type: 'reasoning', text: b.reasoningContent.reasoningText.text };
    else if (b.text) yield { type: 'text', text: b.text };
    else if (b.toolUse) {
      const id = b.toolUse.toolUseId ?? '';
      yield { type: 'tool-call-start', id, name: b.toolUse.name ?? '' };
      yield { type: 'tool-call-end', id, input: b.toolUse.input ?? {} };
    }
  }
  const u = converseUsage(usage);
  if (u) yield { type: 'usage', usage: u };
  const report = converseGuardrailReport(guardrailTrace, reason);
  if (report) yield { type: 'guardrail', report };
  yield { type: 'stop', ...stopReason(reason) };
}
