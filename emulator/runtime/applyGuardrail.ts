import type { Call } from '../context';
import { errors } from '../errors';
import { BLOCKED_MESSAGE, evaluateGuardrail, knownGuardrail } from '../guardrails';
import { asArray, asRecord, asString } from '../produce';

/** `POST /guardrail/{guardrailIdentifier}/version/{guardrailVersion}/apply` (ApplyGuardrail). */
export async function applyGuardrail(call: Call): Promise<void> {
  const { guardrailIdentifier, guardrailVersion } = call.params;
  if (!knownGuardrail(guardrailIdentifier, guardrailVersion, call.ctx.region)) {
    throw errors.notFound('The guardrail identifier or version provided in the request does not exist.');
  }
  const body = asRecord(JSON.parse(call.ex.body.toString('utf8') || '{}'));
  if (body.source !== 'INPUT' && body.source !== 'OUTPUT') throw errors.validation("1 validation error detected: Value at 'source' failed to satisfy constraint: Member must satisfy enum value set: [INPUT, OUTPUT]");
  const text = asArray(body.content).map(c => asString(asRecord(asRecord(c).text).text)).join('\n');
  const verdict = evaluateGuardrail(text);
  call.ex.json(200, {
    usage: verdict.usage,
    action: verdict.intervened ? 'GUARDRAIL_INTERVENED' : 'NONE',
    ...(verdict.intervened ? { actionReason: verdict.blocked ? 'Guardrail blocked.' : 'Guardrail masked.' } : {}),
    outputs: verdict.intervened ? [{ text: verdict.blocked ? BLOCKED_MESSAGE : verdict.masked }] : [],
    assessments: [verdict.assessment],
    guardrailCoverage: { textCharacters: { guarded: text.length, total: text.length } },
  });
}
