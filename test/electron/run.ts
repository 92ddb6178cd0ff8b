// `npm run test:electron`: the same integration suite in desktop VS Code, for machines that can download it
// (@vscode/test-electron fetches VS Code; offline machines use scripts/harness/run-integration.mjs instead).
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/integration/index'),
      launchArgs: [path.join(root, 'test/fixtures/workspace'), '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (err) {
    console.error('integration tests failed in desktop VS Code:', err);
    process.exit(1);
  }
}

void main();
