import * as vscode from 'vscode';
import { SERVICE_TIER_LABELS, SERVICE_TIERS, type ServiceTier } from '../../service/model';

const DETAILS: Record<ServiceTier, string> = {
  default: 'Consistent performance at the regular on-demand rate',
  flex: 'Discounted; requests may wait longer when demand is high',
  priority: 'Served ahead of Standard and Flex, at a premium',
};

/** 'none' = let Bedrock choose (no tier sent); undefined = the user cancelled. */
export type TierChoice = ServiceTier | 'none';

export function isTierChoice(v: unknown): v is TierChoice {
  return v === 'none' || SERVICE_TIERS.includes(v as ServiceTier);
}

export async function pickServiceTier(current: ServiceTier | undefined): Promise<TierChoice | undefined> {
  const items: (vscode.QuickPickItem & { tier: TierChoice })[] = [
    { label: 'Default', description: current === undefined ? 'current' : undefined, detail: 'Send no tier: Bedrock serves the request at its default (Standard)', tier: 'none' },
    ...SERVICE_TIERS.map(t => ({ label: SERVICE_TIER_LABELS[t], description: current === t ? 'current' : undefined, detail: DETAILS[t], tier: t })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Service tier for this conversation',
    placeHolder: 'Flex and Priority are offered for some models and regions only; Bedrock refuses a tier it cannot serve',
  });
  return picked?.tier;
}
