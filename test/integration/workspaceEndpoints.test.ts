import * as assert from 'assert';
import * as vscode from 'vscode';
import type { BedrockWorkbenchApi } from '../../src/extension';
import type { BackendStatus } from '../../src/service/backendStatus';

const EXTENSION_ID = 'bedrock-workbench.bedrock-workbench';

// A committed .vscode/settings.json can set an endpoint: it is used only after the user allowed that value.
suite('Endpoints set by the workspace, not the user', () => {
  let api: BedrockWorkbenchApi;
  const config = () => vscode.workspace.getConfiguration('bedrock');
  const status = () => vscode.commands.executeCommand<BackendStatus>('bedrock.showStatus');

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<BedrockWorkbenchApi>(EXTENSION_ID)!.activate();
    assert.ok(vscode.workspace.workspaceFolders?.length, 'the suite runs in a folder, which has workspace settings');
  });

  suiteTeardown(async () => {
    await config().update('runtimeEndpoint', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('region', undefined, vscode.ConfigurationTarget.Global);
    await api.testing!.workspaceEndpoints.forgetDecisions();
  });

  test('are not used until allowed, are used once allowed, and a changed value waits for a new answer', async () => {
    const consent = api.testing!.workspaceEndpoints;
    await config().update('region', 'eu-west-1', vscode.ConfigurationTarget.Global);
    await config().update('runtimeEndpoint', 'http://127.0.0.1:2', vscode.ConfigurationTarget.Workspace);
    assert.strictEqual(config().inspect('runtimeEndpoint')?.workspaceValue, 'http://127.0.0.1:2');
    assert.strictEqual((await status()).runtimeEndpoint, 'https://bedrock-runtime.eu-west-1.amazonaws.com', 'not yet allowed: the AWS default');

    await consent.remember('runtimeEndpoint', 'http://127.0.0.1:2', 'allow');
    assert.strictEqual((await status()).runtimeEndpoint, 'http://127.0.0.1:2', 'allowed for this workspace');

    await config().update('runtimeEndpoint', 'http://127.0.0.1:3', vscode.ConfigurationTarget.Workspace);
    assert.strictEqual((await status()).runtimeEndpoint, 'https://bedrock-runtime.eu-west-1.amazonaws.com', 'another value is asked about again');

    await consent.remember('runtimeEndpoint', 'http://127.0.0.1:3', 'use-default');
    assert.strictEqual((await status()).runtimeEndpoint, 'https://bedrock-runtime.eu-west-1.amazonaws.com');
    await consent.remember('runtimeEndpoint', 'http://127.0.0.1:3', 'allow');
    assert.strictEqual((await status()).runtimeEndpoint, 'http://127.0.0.1:3');
    // the palette command takes every answer back: the workspace's endpoint waits for a new one
    await vscode.commands.executeCommand('bedrock.resetWorkspaceEndpoints');
    assert.strictEqual(consent.decisions(), undefined);
    assert.strictEqual((await status()).runtimeEndpoint, 'https://bedrock-runtime.eu-west-1.amazonaws.com');
  });
});
