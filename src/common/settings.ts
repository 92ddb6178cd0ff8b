import * as vscode from 'vscode';
import type { EndpointOverrides } from '../service/endpoints';

import type { ApiStyle } from '../service/model';

export type { ApiStyle } from '../service/model';

export interface BedrockSettings {
  region: string;
  profile: string;
  defaultApiStyle: ApiStyle;
  defaultModel: string;
  endpointFamily: 'auto' | 'runtime' | 'mantle';
  endpoints: EndpointOverrides;
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
  };
}

export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration(e => {
    if (e.affectsConfiguration('bedrock')) listener();
  });
}
