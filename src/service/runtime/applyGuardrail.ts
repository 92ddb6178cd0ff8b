import type { GuardrailRef } from '../model';
import { applyGuardrailReport, type GuardrailReport } from '../guardrails/report';
import { sdks } from '../sdks';
import { runtimeCall, runtimeClientFor, type RuntimeContext } from './context';

/**
 * ApplyGuardrail: assesses text against a guardrail without calling a model, as the user's input (`input`) or as a
 * model's reply (`output`). Resolves to the report; the text after masking is in `outputs` when the guardrail acted.
 */
export async function applyGuardrail(ctx: RuntimeContext, guardrail: GuardrailRef, source: 'input' | 'output', text: string): Promise<GuardrailReport> {
  const client = await runtimeClientFor(ctx);
  const sdk = sdks.bedrockRuntime();
  const out = await runtimeCall(ctx, undefined, () => client.send(new sdk.ApplyGuardrailCommand({
    guardrailIdentifier: guardrail.id, guardrailVersion: guardrail.version,
    source: source === 'input' ? 'INPUT' : 'OUTPUT', content: [{ text: { text } }],
  }), { abortSignal: ctx.signal }));
  return applyGuardrailReport(out, source);
}
