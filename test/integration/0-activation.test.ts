// Runs first (mocha loads files in name order): activation must be light, before any feature is used.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { BedrockWorkbenchApi } from '../../src/extension';

suite('Activation', () => {
  test('activates without loading any SDK: they load on the first request', async () => {
    const ext = vscode.extensions.getExtension<BedrockWorkbenchApi>('bedrock-workbench.bedrock-workbench')!;
    await ext.activate();
    const sdkBundle = path.join(ext.extensionPath, 'dist', 'sdks.js');
    assert.ok(fs.existsSync(sdkBundle), 'the SDK bundle exists');
    assert.strictEqual(Object.keys(require.cache).includes(sdkBundle), false, 'dist/sdks.js was loaded at activation');
  });
});
