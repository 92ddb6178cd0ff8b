import type { Call } from '../context';
import { errors } from '../errors';
import { BLOCKED_MESSAGE, GUARDRAIL_ID, GUARDRAIL_NAME, GUARDRAIL_VERSIONS, guardrailArn } from '../guardrails';

const CREATED = '2025-10-01T00:00:00Z';

function summary(region: string, version: string): Record<string, unknown> {
  return { id: GUARDRAIL_ID, arn: guardrailArn(region), status: 'READY', name: GUARDRAIL_NAME, version, createdAt: CREATED, updatedAt: CREATED, description: 'Blocks investment advice, two custom words and SSNs; masks e-mail addresses (emulator).' };
}

/** `GET /guardrails`: the DRAFT of each guardrail, or every version of one (`guardrailIdentifier`). */
export async function listGuardrails(call: Call): Promise<void> {
  const id = call.ex.query.get('guardrailIdentifier');
  if (id && id !== GUARDRAIL_ID && id !== guardrailArn(call.ctx.region)) {
    call.ex.json(200, { guardrails: [] });
    return;
  }
  const versions = id ? GUARDRAIL_VERSIONS : ['DRAFT'];
  call.ex.json(200, { guardrails: versions.map(v => summary(call.ctx.region, v)) });
}

/** `GET /guardrails/{guardrailIdentifier}?guardrailVersion=` */
export async function getGuardrail(call: Call): Promise<void> {
  const id = call.params.guardrailIdentifier;
  const version = call.ex.query.get('guardrailVersion') ?? 'DRAFT';
  if ((id !== GUARDRAIL_ID && id !== guardrailArn(call.ctx.region)) || !GUARDRAIL_VERSIONS.includes(version)) {
    throw errors.notFound('The guardrail identifier or version provided in the request does not exist.');
  }
  call.ex.json(200, {
    name: GUARDRAIL_NAME, guardrailId: GUARDRAIL_ID, guardrailArn: guardrailArn(call.ctx.region), version, status: 'READY',
    createdAt: CREATED, updatedAt: CREATED, blockedInputMessaging: BLOCKED_MESSAGE, blockedOutputsMessaging: BLOCKED_MESSAGE,
    description: summary(call.ctx.region, version).description,
    topicPolicy: { topics: [{ name: 'Investment advice', definition: 'Recommendations about investing money or buying stocks.', examples: ['Which stocks should I buy?'], type: 'DENY' }] },
    wordPolicy: { words: [{ text: 'forbidden' }, { text: 'top secret' }], managedWordLists: [] },
    sensitiveInformationPolicy: { piiEntities: [{ type: 'EMAIL', action: 'ANONYMIZE' }, { type: 'US_SOCIAL_SECURITY_NUMBER', action: 'BLOCK' }], regexes: [] },
  });
}
