import * as vscode from 'vscode';
import { Disposable } from '../../common/disposable';
import type { SourceSdk } from '../model';
import { targetStatus } from './callSiteTree';
import { MIGRATE_SITE_COMMAND } from './migrationCodeLensProvider';
import type { WorkspaceCallSiteScan } from './workspaceScan';

export const DIAGNOSTIC_SOURCE = 'Bedrock';
const codeFor: Record<SourceSdk, string> = { openai: 'openai-call', anthropic: 'anthropic-call' };

/** The scan's call sites as hints in the problems panel (Information: nothing is wrong, there is a move on offer). */
export class CallSiteDiagnostics extends Disposable {
  readonly collection = this._register(vscode.languages.createDiagnosticCollection('bedrock-migrate'));

  constructor(private readonly scan: WorkspaceCallSiteScan) {
    super();
    this._register(scan.onDidChange(() => this.refresh()));
  }

  private refresh(): void {
    this.collection.clear();
    for (const file of this.scan.files()) {
      if (file.syntaxError) {
        const e = file.syntaxError;
        const d = new vscode.Diagnostic(new vscode.Range(e.position, e.position.translate(0, 1)),
          `Bedrock cannot look for OpenAI / Anthropic calls in this file until it parses: ${e.message}`, vscode.DiagnosticSeverity.Warning);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = 'syntax-error';
        this.collection.set(file.uri, [d]);
        continue;
      }
      this.collection.set(file.uri, file.sites.map(site => {
        // the call's first line only: a squiggle over a twenty-line call hides the code it is about
        const end = site.range.isSingleLine ? site.range.end : site.range.start.with({ character: Number.MAX_SAFE_INTEGER });
        const d = new vscode.Diagnostic(new vscode.Range(site.range.start, end),
          `${site.source === 'openai' ? 'OpenAI' : 'Anthropic'} ${site.kind} can move to Bedrock: ${targetStatus(site)}`, vscode.DiagnosticSeverity.Information);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = codeFor[site.source];
        return d;
      }));
    }
  }
}

/** Quick fixes on those hints: the same two migrations the code lenses offer. */
export class CallSiteCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap(d => {
      if (d.source !== DIAGNOSTIC_SOURCE) return [];
      const source = (Object.keys(codeFor) as SourceSdk[]).find(s => codeFor[s] === d.code);
      if (!source) return [];
      const runtime = source === 'anthropic' ? 'Use AnthropicBedrock' : 'Convert to Converse';
      return ([['Migrate to Bedrock (mantle)', 'mantle'], [runtime, 'converse']] as const).map(([title, target]) => {
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.command = { title, command: MIGRATE_SITE_COMMAND, arguments: [doc.uri, target, source] };
        return action;
      });
    });
  }
}
