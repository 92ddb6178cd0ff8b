import * as vscode from 'vscode';
import type { EndpointOverrides } from '../service/endpoints';
import { isAwsRegion } from '../service/partitions';
import { endpointSource, rememberedDecision, type EndpointKey, type EndpointSource, type RememberedDecisions } from './workspaceEndpointPolicy';

import type { ApiStyle, GuardrailRef } from '../service/model';
import { findPrice, type PriceFound, type PriceOverrides } from '../service/pricing/pricing';
import { readPriceOverrides } from '../service/pricing/priceOverrides';

export type { ApiStyle } from '../service/model';

export interface BedrockSettings {
  region: string;
  profile: string;
  defaultApiStyle: ApiStyle;
  defaultModel: string;
  endpointFamily: 'auto' | 'runtime' | 'mantle';
  endpoints: EndpointOverrides;
  /** The default guardrail for editor commands and new chats; undefined = none. */
  guardrail?: GuardrailRef;
  /** `bedrock.prices`, with malformed entries dropped. */
  prices: PriceOverrides;
  /** `bedrock.project`: the Project (Workspace on Messages) chats use unless a conversation chose one; empty = default. */
  project: string;
}

/** Where the remembered answers about workspace endpoints come from (the consent feature, once activated). */
export interface WorkspaceEndpointDecisions {
  decisions(): RememberedDecisions | undefined;
  readonly onDidChange: vscode.Event<void>;
}

let workspaceDecisions: WorkspaceEndpointDecisions | undefined;

/** Called once at activation, before anything reads settings or listens for their changes. */
export function useWorkspaceEndpointDecisions(d: WorkspaceEndpointDecisions): void {
  workspaceDecisions = d;
}

/**
 * Each endpoint setting's value and where it came from (`inspect()`): a workspace value the user has not allowed
 * for this workspace is not used (see workspaceEndpointPolicy).
 */
export function endpointSources(c = vscode.workspace.getConfiguration('bedrock')): Record<EndpointKey, EndpointSource> {
  const remembered = workspaceDecisions?.decisions();
  const source = (key: EndpointKey) => endpointSource(c.inspect(key), vscode.workspace.isTrusted, v => rememberedDecision(remembered, key, v));
  return { runtimeEndpoint: source('runtimeEndpoint'), mantleEndpoint: source('mantleEndpoint'), controlPlaneEndpoint: source('controlPlaneEndpoint') };
}

function endpointOverrides(s: Record<EndpointKey, EndpointSource>): EndpointOverrides {
  return { runtime: s.runtimeEndpoint.value, mantle: s.mantleEndpoint.value, control: s.controlPlaneEndpoint.value };
}

/** The one typed way to read the `bedrock.*` settings; defaults live in package.json. */
export function readSettings(): BedrockSettings {
  const c = vscode.workspace.getConfiguration('bedrock');
  return {
    region: c.get<string>('region') || 'us-east-1',
    profile: c.get<string>('profile') ?? '',
    defaultApiStyle: c.get<ApiStyle>('defaultApiStyle') ?? 'converse-stream',
    defaultModel: c.get<string>('defaultModel') ?? '',
    endpointFamily: c.get<'auto' | 'runtime' | 'mantle'>('endpointFamily') ?? 'auto',
    endpoints: endpointOverrides(endpointSources(c)),
    prices: readPriceOverrides(c.get<unknown>('prices')).prices,
    project: c.get<string>('project')?.trim() ?? '',
    ...guardrailSetting(c),
  };
}

/**
 * The region to write into generated code (starters, migrations): the setting when it is an AWS region, else the
 * default, so a hostile workspace setting never becomes code the user runs.
 */
export function codeRegion(): string {
  const region = readSettings().region;
  return isAwsRegion(region) ? region : 'us-east-1';
}

/** A model's price in the current region: the `bedrock.prices` override, else the shipped table. */
export function currentPrice(model: string, region?: string): PriceFound | undefined {
  const s = readSettings();
  return findPrice(model, region ?? s.region, s.prices);
}

function guardrailSetting(c: vscode.WorkspaceConfiguration): { guardrail?: GuardrailRef } {
  const id = c.get<string>('guardrail.identifier')?.trim();
  return id ? { guardrail: { id, version: c.get<string>('guardrail.version')?.trim() || 'DRAFT' } } : {};
}

/** The settings changed, or the user decided about a workspace endpoint (which changes what `readSettings` says). */
export function onSettingsChanged(listener: () => void): vscode.Disposable {
  const config = vscode.workspace.onDidChangeConfiguration(e => {
    if (e.affectsConfiguration('bedrock')) listener();
  });
  return workspaceDecisions ? vscode.Disposable.from(config, workspaceDecisions.onDidChange(listener)) : config;
}
