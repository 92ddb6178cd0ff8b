/**
 * Which value an endpoint setting takes when the workspace (a committed `.vscode/settings.json`) sets one the user
 * did not: the workspace's value only once the user allowed that very value for this workspace, and never in an
 * untrusted workspace. Until then the user's own value (or the AWS default) is used, so a cloned repository cannot
 * redirect requests, and the credentials they carry, to its own server. Pure: VS Code glue supplies `inspect()`,
 * trust and the remembered decisions.
 */
export const ENDPOINT_KEYS = ['runtimeEndpoint', 'mantleEndpoint', 'controlPlaneEndpoint'] as const;
export type EndpointKey = (typeof ENDPOINT_KEYS)[number];

export type WorkspaceEndpointDecision = 'allow' | 'use-default';

/** The parts of `WorkspaceConfiguration.inspect()` that say where a value comes from. */
export interface Inspected {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export interface EndpointSource {
  /** What requests use. */
  value: string;
  /** The workspace's own value when it differs from the user's; undefined when the workspace sets none. */
  workspaceValue?: string;
  /** Whether the user has still to be asked about `workspaceValue`. */
  undecided: boolean;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);

export function endpointSource(i: Inspected | undefined, trusted: boolean, decision: (workspaceValue: string) => WorkspaceEndpointDecision | undefined): EndpointSource {
  const user = text(i?.globalValue) ?? text(i?.defaultValue) ?? '';
  const workspace = text(i?.workspaceFolderValue) ?? text(i?.workspaceValue);
  if (workspace === undefined || workspace === user) return { value: user, undecided: false };
  if (!trusted) return { value: user, workspaceValue: workspace, undecided: false };
  const d = decision(workspace);
  return { value: d === 'allow' ? workspace : user, workspaceValue: workspace, undecided: d === undefined };
}

/** What is remembered per workspace: the decision for the exact value it was made on (a new value asks again). */
export type RememberedDecisions = Partial<Record<EndpointKey, { value: string; decision: WorkspaceEndpointDecision }>>;

export function rememberedDecision(remembered: RememberedDecisions | undefined, key: EndpointKey, value: string): WorkspaceEndpointDecision | undefined {
  const r = remembered?.[key];
  return r && r.value === value && (r.decision === 'allow' || r.decision === 'use-default') ? r.decision : undefined;
}
