import type { StopReason } from '../model';

const KNOWN: Record<string, StopReason> = {
  end_turn: 'end_turn', stop: 'end_turn', completed: 'end_turn',
  tool_use: 'tool_use', tool_calls: 'tool_use', function_call: 'tool_use',
  max_tokens: 'max_tokens', length: 'max_tokens', max_output_tokens: 'max_tokens', model_context_window_exceeded: 'max_tokens',
  stop_sequence: 'stop_sequence',
  guardrail_intervened: 'guardrail_intervened',
  content_filtered: 'content_filtered', content_filter: 'content_filtered', refusal: 'content_filtered',
};

/** Every API names its stop reasons differently; the internal model has one set, keeping the raw name. */
export function stopReason(raw: string | null | undefined): { reason: StopReason; raw?: string } {
  if (!raw) return { reason: 'end_turn' };
  return { reason: KNOWN[raw] ?? 'other', raw };
}
