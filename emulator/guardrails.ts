import { EMULATOR_ACCOUNT } from './models';

/**
 * One guardrail with deterministic policies, so interventions can be triggered on purpose:
 * - topic "Investment advice" (DENY): mentions of investing or stock tips
 * - custom words: "forbidden", "top secret" (BLOCKED)
 * - PII: e-mail addresses are ANONYMIZED, US social security numbers BLOCKED
 */
export const GUARDRAIL_ID = 'gr0emulator01';
export const GUARDRAIL_NAME = 'emulator-default';
export const GUARDRAIL_VERSIONS = ['DRAFT', '1'];
export const BLOCKED_MESSAGE = 'Sorry, the model cannot answer this question.';

export function guardrailArn(region: string): string {
  return `arn:aws:bedrock:${region}:${EMULATOR_ACCOUNT}:guardrail/${GUARDRAIL_ID}`;
}

/** True when `identifier` (id or ARN) and `version` name the emulator's guardrail. */
export function knownGuardrail(identifier: string, version: string, region: string): boolean {
  return (identifier === GUARDRAIL_ID || identifier === guardrailArn(region)) && GUARDRAIL_VERSIONS.includes(version);
}

export interface GuardrailVerdict {
  /** Any policy acted (blocked or masked). */
  intervened: boolean;
  /** A BLOCKED action fired: the text must be replaced by the blocked message. */
  blocked: boolean;
  /** The text after masking (PII anonymised). */
  masked: string;
  /** A GuardrailAssessment as the runtime API returns it. */
  assessment: Record<string, unknown>;
  usage: Record<string, number>;
}

const TOPIC = /\b(invest(ing|ment)?s?|stock tips?|stocks? to buy)\b/i;
const WORDS = ['forbidden', 'top secret'];
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/g;
const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;

export function evaluateGuardrail(text: string): GuardrailVerdict {
  const started = Date.now();
  const assessment: Record<string, unknown> = {};
  let blocked = false;
  let intervened = false;
  const topic = TOPIC.exec(text);
  if (topic) {
    assessment.topicPolicy = { topics: [{ name: 'Investment advice', type: 'DENY', action: 'BLOCKED', detected: true }] };
    blocked = intervened = true;
  }
  const words = WORDS.filter(w => text.toLowerCase().includes(w));
  if (words.length) {
    assessment.wordPolicy = { customWords: words.map(match => ({ match, action: 'BLOCKED', detected: true })), managedWordLists: [] };
    blocked = intervened = true;
  }
  const pii: Array<Record<string, unknown>> = [];
  for (const match of text.match(EMAIL) ?? []) pii.push({ match, type: 'EMAIL', action: 'ANONYMIZED', detected: true });
  for (const match of text.match(SSN) ?? []) { pii.push({ match, type: 'US_SOCIAL_SECURITY_NUMBER', action: 'BLOCKED', detected: true }); blocked = true; }
  if (pii.length) {
    assessment.sensitiveInformationPolicy = { piiEntities: pii, regexes: [] };
    intervened = true;
  }
  const units = Math.max(1, Math.ceil(text.length / 1000));
  const usage = { topicPolicyUnits: units, contentPolicyUnits: units, wordPolicyUnits: units, sensitiveInformationPolicyUnits: units, sensitiveInformationPolicyFreeUnits: 0, contextualGroundingPolicyUnits: 0 };
  assessment.invocationMetrics = {
    guardrailProcessingLatency: Date.now() - started + 1,
    usage,
    guardrailCoverage: { textCharacters: { guarded: text.length, total: text.length } },
  };
  const masked = text.replace(EMAIL, '{EMAIL}').replace(SSN, '{US_SOCIAL_SECURITY_NUMBER}');
  return { intervened, blocked, masked, assessment, usage };
}
