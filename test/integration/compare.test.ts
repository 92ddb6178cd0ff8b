// The compare view's host in a real VS Code against the emulator: the command opens one panel, a comparison runs
// every valid column and skips an invalid one, and both exports (clipboard, untitled markdown editor) carry the table.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import type { BedrockWorkbenchApi } from '../../src/extension';
import { pointAtEmulator } from './emulatorSettings';

const EXTENSION_ID = 'bedrock-workbench.bedrock-workbench';
const SETTINGS = ['runtimeEndpoint', 'mantleEndpoint', 'controlPlaneEndpoint', 'region'];

suite('Compare view against the emulator', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let api: NonNullable<BedrockWorkbenchApi['testing']>;
  const config = () => vscode.workspace.getConfiguration('bedrock');

  suiteSetup(async () => {
    emu = await startEmulator();
    await pointAtEmulator(emu);
    api = (await vscode.extensions.getExtension<BedrockWorkbenchApi>(EXTENSION_ID)!.activate()).testing!;
    await api.credentials.storeAccessKeys(emu.accessKeyId, emu.secretAccessKey);
  });

  suiteTeardown(async () => {
    api.compare.panel?.panel.dispose();
    for (const key of SETTINGS) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await emu.close();
  });

  test('the command opens one panel; a run streams the valid columns, skips the invalid one, and exports the table', async () => {
    await vscode.commands.executeCommand('bedrock.compare');
    const panel = api.compare.panel;
    assert.ok(panel, 'bedrock.compare opened a panel');
    await vscode.commands.executeCommand('bedrock.compare');
    assert.strictEqual(api.compare.panel, panel, 'running it again brings the same panel forward');

    const session = panel.session;
    const first = session.state().columns[0].id;
    session.setColumn(first, { model: 'openai.gpt-oss-120b', apiStyle: 'chat-completions', family: 'mantle' });
    assert.ok(session.addColumn({ model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream', family: 'mantle' }));
    // refreshed: one loaded before the test stored its credentials may be cached empty
    session.setCatalogue(await api.service.catalogue({ refresh: true }));
    assert.match(session.state().columns[1].problem ?? '', /ConverseStream is not served by bedrock-mantle/);

    const before = emu.requests.length;
    await panel.handle({ type: 'run', prompt: 'Name one river' });
    const sent = emu.requests.slice(before).filter(r => r.method === 'POST');
    assert.deepStrictEqual(sent.map(r => `${r.family} ${r.path}`), ['mantle /openai/v1/chat/completions'], `only the valid column was sent: ${JSON.stringify(session.state().columns)}`);
    const [ran, skipped] = session.state().columns;
    assert.strictEqual(ran.result?.stopReason, 'end_turn');
    assert.match(ran.result?.text ?? '', /You asked: "Name one river"/);
    assert.strictEqual(skipped.result, undefined);

    await vscode.env.clipboard.writeText('');
    await panel.handle({ type: 'export', target: 'clipboard' });
    const copied = await vscode.env.clipboard.readText();
    const m = ran.result!;
    const row = `| gpt-oss-120b (\`openai.gpt-oss-120b\`) | OpenAI Chat Completions | bedrock-mantle | ${m.metrics!.ttftMs} ms | ${m.metrics!.tokensPerSecond ?? '—'} | ${m.usage!.inputTokens} | ${m.usage!.outputTokens} | end turn |`;
    assert.ok(copied.includes(row), `clipboard lacks ${row}:\n${copied}`);
    assert.ok(copied.includes('| not run: ConverseStream is not served by bedrock-mantle. |'), copied);

    await panel.handle({ type: 'export', target: 'document' });
    const doc = vscode.window.activeTextEditor?.document;
    assert.strictEqual(doc?.languageId, 'markdown');
    assert.strictEqual(doc?.isUntitled, true);
    assert.ok(doc?.getText().includes(row), 'the exported document holds the same table');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
