import * as vscode from 'vscode';
import type { EndpointOverrides } from '../service/endpoints';
import { isAwsRegion } from '../service/partitions';

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
    endpoints: { runtime: c.get<string>('runtimeEndpoint') ?? '', mantle: c.get<string>('mantleEndpoint') ?? '', control: c.get<string>('controlPlaneEndpoint') ?? '' },
    prices: readPriceOverrides(c.get<unknown>('prices')).prices,
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

export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration(e => {
    if (e.affectsConfiguration('bedrock')) listener();
  });
}
