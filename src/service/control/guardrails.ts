import type { GuardrailRef } from '../model';
import { sdks } from '../sdks';
import { withControlClient, type ControlContext } from './controlClient';

/** A guardrail (one version of it) as the account lists it. */
export interface GuardrailSummary extends GuardrailRef {
  name: string;
  arn?: string;
  description?: string;
  status?: string;
  updatedAt?: Date;
}

/**
 * ListGuardrails. Without an id it returns each guardrail's DRAFT; with one, every version of that guardrail (how
 * the version picker fills itself). All pages are read.
 */
export function listGuardrails(ctx: ControlContext, guardrailId?: string): Promise<GuardrailSummary[]> {
  return withControlClient(ctx, 'ListGuardrails', async (client, opts) => {
    const { ListGuardrailsCommand } = sdks.bedrockControl();
    const out: GuardrailSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListGuardrailsCommand({ maxResults: 100, nextToken, ...(guardrailId ? { guardrailIdentifier: guardrailId } : {}) }), opts);
      for (const g of page.guardrails ?? []) {
        if (!g.id || !g.version) continue;
        out.push({
          id: g.id, version: g.version, name: g.name ?? g.id,
          ...(g.arn ? { arn: g.arn } : {}), ...(g.description ? { description: g.description } : {}),
          ...(g.status ? { status: g.status } : {}), ...(g.updatedAt ? { updatedAt: g.updatedAt } : {}),
        });
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return out;
  });
}
