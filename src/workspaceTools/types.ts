/**
 * The extension's own workspace tools, as any front end can offer them to a model: a name the wire accepts on every
 * API style ([a-zA-Z0-9_-]), a description, a JSON schema and an invoke that never throws (failures come back as an
 * error outcome the model reads).
 */
export interface ToolOutcome {
  content: string;
  isError?: boolean;
}

export interface WorkspaceTool {
  readonly name: string;
  /** What the picker shows. */
  readonly title: string;
  readonly description: string;
  readonly inputSchema: Record<string, unknown>;
  /** Whether the tool can change the workspace (then it asks the user first). */
  readonly writes?: boolean;
  invoke(input: Record<string, unknown>, signal: AbortSignal): Promise<ToolOutcome>;
}

export const failed = (content: string): ToolOutcome => ({ content, isError: true });

/** A string argument, or undefined when the model left it out or sent another type. */
export function stringArg(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  return typeof v === 'string' ? v : undefined;
}

export function numberArg(input: Record<string, unknown>, name: string): number | undefined {
  const v = input[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Text cut to `max` characters, saying so, so the model knows it did not see everything. */
export function capped(text: string, max: number, what = 'output'): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n[${what} truncated: showing ${max} of ${text.length} characters]`;
}
