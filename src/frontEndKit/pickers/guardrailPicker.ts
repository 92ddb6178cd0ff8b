import * as vscode from 'vscode';
import type { GuardrailSummary } from '../../service/control/guardrails';
import type { GuardrailRef } from '../../service/model';
import type { ServiceHost } from '../../service/vscode/serviceHost';
import { asBedrockError } from '../errors/asBedrockError';
import { showBedrockError } from '../errors/errorActions';

/** "emulator-default v1", "prod-filter (DRAFT)". */
export function guardrailLabel(g: GuardrailRef): string {
  const name = g.name ?? g.id;
  return g.version === 'DRAFT' ? `${name} (DRAFT)` : `${name} v${g.version}`;
}

/** Lists guardrails under a cancellable progress notification; undefined when cancelled or failed (error shown). */
async function listWithProgress(host: ServiceHost, title: string, guardrailId?: string): Promise<GuardrailSummary[] | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_p, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      return await host.service.listGuardrails({ guardrailId, signal: abort.signal });
    } catch (e) {
      if (!abort.signal.aborted) {
        void showBedrockError(asBedrockError(e), host.log);
      }
      return undefined;
    } finally {
      sub.dispose();
    }
  });
}

/**
 * Two quick picks: the guardrail (or none), then its version. Resolves to the choice, `null` for "no guardrail",
 * or undefined when the user cancelled.
 */
export async function pickGuardrail(host: ServiceHost, current: GuardrailRef | undefined, title = 'Guardrail'): Promise<GuardrailRef | null | undefined> {
  const guardrails = await listWithProgress(host, 'Bedrock: listing guardrails…');
  if (!guardrails) return undefined;
  type Item = vscode.QuickPickItem & { guardrail?: GuardrailSummary; none?: boolean };
  const items: Item[] = [
    ...guardrails.map(g => ({
      label: `${g.id === current?.id ? '$(check) ' : ''}$(shield) ${g.name}`, description: g.id,
      detail: [g.description, g.status].filter(Boolean).join(' · '), guardrail: g,
    })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `${current ? '' : '$(check) '}No guardrail`, description: 'send requests unguarded', none: true },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `${title} (1/2)`, placeHolder: guardrails.length ? 'Choose a guardrail from the account' : 'This account has no guardrails in this region',
    matchOnDescription: true, matchOnDetail: true,
  });
  if (!picked) return undefined;
  if (picked.none || !picked.guardrail) return null;
  const g = picked.guardrail;
  const versions = await listWithProgress(host, `Bedrock: versions of ${g.name}…`, g.id);
  if (!versions) return undefined;
  const numbered = versions.map(v => v.version).filter(v => v !== 'DRAFT').sort((a, b) => Number(b) - Number(a));
  const version = await vscode.window.showQuickPick(['DRAFT', ...numbered].map(v => ({
    label: `${current?.id === g.id && current.version === v ? '$(check) ' : ''}${v === 'DRAFT' ? 'DRAFT' : `Version ${v}`}`,
    description: v === 'DRAFT' ? 'the working draft, changes as it is edited' : 'a fixed snapshot', version: v,
  })), { title: `${title} (2/2): version of ${g.name}` });
  if (!version) return undefined;
  return { id: g.id, version: version.version, name: g.name };
}
