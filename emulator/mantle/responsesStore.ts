import type { PromptTurn } from '../replyGenerator';

export interface StoredResponse {
  id: string;
  /** The Response object as last returned (its status moves for background responses). */
  response: Record<string, unknown>;
  /** The whole conversation up to and including this response's answer, for `previous_response_id`. */
  turns: PromptTurn[];
  system: string;
  /** Background responses: until when polls see `queued` (then `in_progress`). */
  startsAt?: number;
  /** Background responses: when the answer is ready (before that, polls see `in_progress`). */
  readyAt?: number;
  /** Set when a background response was cancelled before it finished. */
  cancelled?: boolean;
}

/** Stored Responses (`store: true`, the OpenAI default), keyed by `resp_…` id. */
export class ResponsesStore {
  private readonly byId = new Map<string, StoredResponse>();
  get(id: string): StoredResponse | undefined { return this.byId.get(id); }
  put(entry: StoredResponse): void { this.byId.set(entry.id, entry); }
  delete(id: string): boolean { return this.byId.delete(id); }
}
