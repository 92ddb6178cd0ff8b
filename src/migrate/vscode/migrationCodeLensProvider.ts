import * as vscode from 'vscode';
import type { Site } from '../model';
import { loadEngine, mayHaveSdkCalls } from '../engineLoader';

export const MIGRATE_SITE_COMMAND = 'bedrock.migrateSite';

/**
 * Code lenses above each OpenAI / Anthropic call site: "Migrate to Bedrock (mantle)" keeps the SDK and points it at
 * Bedrock; "Convert to Converse" (OpenAI) or "Use AnthropicBedrock" (Anthropic) moves to the runtime APIs. VS Code
 * asks again as the document changes; a setting turns the lenses off.
 */
export class MigrationCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly settingsListener = vscode.workspace.onDidChangeConfiguration(e => {
    if (e.affectsConfiguration('bedrock.migration.codeLens')) this.changed.fire();
  });

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.getConfiguration('bedrock').get<boolean>('migration.codeLens', true)) return [];
    const text = doc.getText();
    if (!mayHaveSdkCalls(text)) return [];
    const engine = await loadEngine();
    if (token.isCancellationRequested) return [];
    let sites: Site[];
    try {
      sites = engine.findSites(text, doc.fileName, { from: 'all' });
    } catch {
      return []; // a file that does not parse right now (mid-edit) simply has no lenses
    }
    return sites.flatMap(site => {
      const range = new vscode.Range(doc.positionAt(site.start), doc.positionAt(site.start));
      const args = (target: 'mantle' | 'converse') => [doc.uri, target, site.source];
      return [
        new vscode.CodeLens(range, { title: 'Migrate to Bedrock (mantle)', command: MIGRATE_SITE_COMMAND, arguments: args('mantle'), tooltip: `${site.kind}: keep the SDK, point it at Bedrock` }),
        new vscode.CodeLens(range, {
          title: site.source === 'anthropic' ? 'Use AnthropicBedrock' : 'Convert to Converse', command: MIGRATE_SITE_COMMAND, arguments: args('converse'),
          tooltip: site.source === 'anthropic' ? 'Switch to the Anthropic SDK\'s own Bedrock client' : 'Rewrite with the bedrock-runtime Converse API',
        }),
      ];
    });
  }

  dispose(): void {
    this.settingsListener.dispose();
    this.changed.dispose();
  }
}
