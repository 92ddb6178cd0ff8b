import * as vscode from 'vscode';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { asBedrockError } from './commandContext';
import { showBedrockError } from '../frontEndKit/errors/errorActions';

/**
 * "Bedrock: Copy a Short-Term Bedrock API Key": for tools that take only a key (AWS_BEARER_TOKEN_BEDROCK, OpenAI
 * SDKs pointed at Bedrock). The key goes to the clipboard only: never to the log, a setting or a return value, since
 * any extension may run a command. Returns when it expires.
 */
export async function copyShortTermApiKey(host: ServiceHost): Promise<{ expiresAt: string; region: string } | undefined> {
  try {
    const { key, expiresAt, region } = await host.service.shortTermApiKey();
    await vscode.env.clipboard.writeText(key);
    const hours = Math.round((expiresAt.getTime() - Date.now()) / 360_000) / 10;
    host.log.info(`copied a short-term Bedrock API key for ${region}, valid until ${expiresAt.toISOString()}`);
    void vscode.window.showInformationMessage(`Bedrock: a short-term API key for ${region} is on the clipboard. It expires at ${expiresAt.toLocaleString()} (in ${hours} h).`);
    return { expiresAt: expiresAt.toISOString(), region };
  } catch (e) {
    void showBedrockError(asBedrockError(e), host.log);
    return undefined;
  }
}
