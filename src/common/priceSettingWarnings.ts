import * as vscode from 'vscode';
import { readPriceOverrides } from '../service/pricing/priceOverrides';

/**
 * Says once (per distinct problem, per window) which `bedrock.prices` entries are ignored and why, when the
 * extension starts and whenever the setting changes; the entries that are fine keep counting.
 */
export function watchPriceSetting(log: vscode.LogOutputChannel): vscode.Disposable {
  const warned = new Set<string>();
  const check = () => {
    const { problems } = readPriceOverrides(vscode.workspace.getConfiguration('bedrock').get<unknown>('prices'));
    const fresh = problems.filter(p => !warned.has(p));
    if (!fresh.length) return;
    for (const p of fresh) {
      warned.add(p);
      log.warn(p);
    }
    const text = fresh.length === 1 ? fresh[0] : `${fresh[0]} ${fresh.length - 1} more ${fresh.length === 2 ? 'entry is' : 'entries are'} ignored too (see the log).`;
    void vscode.window.showWarningMessage(`Bedrock: ${text}`, 'Open Settings').then(choice => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'bedrock.prices');
    });
  };
  check();
  return vscode.workspace.onDidChangeConfiguration(e => {
    if (e.affectsConfiguration('bedrock.prices')) check();
  });
}
