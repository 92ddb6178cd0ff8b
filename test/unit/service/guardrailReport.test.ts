import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFinding, describeReport, guardrailHeadline, reportMarkdown } from '../../../src/service/guardrails/describe';
import { applyGuardrailReport, converseGuardrailReport, invokeGuardrailReport } from '../../../src/service/guardrails/report';

// A Converse trace as Bedrock documents it: inputAssessment keyed by guardrail id, outputAssessments by id → list.
const CONVERSE_TRACE = {
  inputAssessment: {
    gr1: {
      topicPolicy: { topics: [{ name: 'Investment advice', type: 'DENY', action: 'BLOCKED', detected: true }] },
      wordPolicy: { customWords: [{ match: 'forbidden', action: 'BLOCKED', detected: true }], managedWordLists: [{ match: 'darn', type: 'PROFANITY', action: 'NONE' }] },
      sensitiveInformationPolicy: { piiEntities: [{ match: 'jane@example.com', type: 'EMAIL', action: 'ANONYMIZED', detected: true }], regexes: [{ name: 'ticket id', match: 'T-1', regex: 'T-\\d+', action: 'BLOCKED' }] },
      invocationMetrics: { guardrailProcessingLatency: 3 },
    },
  },
  outputAssessments: {
    gr1: [{
      contentPolicy: { filters: [{ type: 'INSULTS', confidence: 'HIGH', filterStrength: 'MEDIUM', action: 'BLOCKED', detected: true }] },
      contextualGroundingPolicy: { filters: [{ type: 'GROUNDING', threshold: 0.7, score: 0.2, action: 'BLOCKED' }] },
    }],
  },
  actionReason: 'Guardrail blocked.',
};

test('a Converse trace becomes one finding per policy hit, input and output apart, in words', () => {
  const r = converseGuardrailReport(CONVERSE_TRACE, 'guardrail_intervened')!;
  assert.equal(r.intervened, true);
  assert.equal(r.reason, 'Guardrail blocked.');
  assert.deepEqual(r.findings.map(describeFinding), [
    'Input · Denied topic: Investment advice — blocked',
    'Input · Word filter: “forbidden” — blocked',
    'Input · Managed word list: Profanity — detected, no action',
    'Input · Sensitive information: Email — masked',
    'Input · Sensitive information (regex): ticket id — blocked',
    'Output · Content filter: Insults (high confidence, medium strength) — blocked',
    'Output · Contextual grounding: Grounding (score 0.2 / threshold 0.7) — blocked',
  ]);
});

test('the matched PII value never reaches the words shown; its type does', () => {
  const r = converseGuardrailReport(CONVERSE_TRACE, 'guardrail_intervened')!;
  const { headline, lines } = describeReport(r);
  const all = [headline, ...lines, reportMarkdown(r)].join('\n');
  assert.doesNotMatch(all, /jane@example\.com/);
  assert.match(all, /Sensitive information: Email/);
  assert.match(describeFinding({ source: 'input', policy: 'sensitive-information', name: 'US_SOCIAL_SECURITY_NUMBER', action: 'BLOCKED' }), /US social security number — blocked/);
});

test('the headline names what was blocked and where; masking alone reads as masking', () => {
  const r = converseGuardrailReport(CONVERSE_TRACE, 'guardrail_intervened')!;
  assert.equal(guardrailHeadline(r, 'prod'), 'Guardrail prod blocked the input and the reply: denied topic Investment advice; word filter “forbidden”; sensitive information (regex) ticket id; content filter Insults; contextual grounding Grounding.');
  const masked = converseGuardrailReport({ inputAssessment: { g: { sensitiveInformationPolicy: { piiEntities: [{ type: 'EMAIL', action: 'ANONYMIZED' }] } } } }, 'end_turn')!;
  assert.equal(masked.intervened, true);
  assert.equal(guardrailHeadline(masked), 'The guardrail masked the input: sensitive information Email.');
  const clean = converseGuardrailReport({ inputAssessment: { g: { topicPolicy: { topics: [] } } } }, 'end_turn')!;
  assert.equal(clean.intervened, false);
  assert.equal(guardrailHeadline(clean, 'prod'), 'Guardrail prod found nothing to act on.');
});

test('no trace, no report', () => {
  assert.equal(converseGuardrailReport(undefined), undefined);
  assert.equal(converseGuardrailReport({}), undefined);
  assert.equal(invokeGuardrailReport({ output: { message: {} } }), undefined);
});

test('an InvokeModel body: amazon-bedrock-guardrailAction and amazon-bedrock-trace (input map, outputs list)', () => {
  const r = invokeGuardrailReport({
    output: { message: { content: [{ text: 'Sorry.' }] } },
    'amazon-bedrock-guardrailAction': 'INTERVENED',
    'amazon-bedrock-trace': { guardrail: { input: { gr1: { wordPolicy: { customWords: [{ match: 'top secret', action: 'BLOCKED' }] } } }, outputs: [{ gr1: { topicPolicy: { topics: [{ name: 'Medical', action: 'BLOCKED' }] } } }] } },
  })!;
  assert.equal(r.intervened, true);
  assert.deepEqual(r.findings.map(describeFinding), ['Input · Word filter: “top secret” — blocked', 'Output · Denied topic: Medical — blocked']);
  const none = invokeGuardrailReport({ 'amazon-bedrock-guardrailAction': 'NONE' })!;
  assert.equal(none.intervened, false);
  assert.deepEqual(none.findings, []);
});

test('an ApplyGuardrail response keeps the replacement text and reads as markdown', () => {
  const r = applyGuardrailReport({
    action: 'GUARDRAIL_INTERVENED', actionReason: 'Guardrail masked.', outputs: [{ text: 'Mail {EMAIL} today' }],
    assessments: [{ sensitiveInformationPolicy: { piiEntities: [{ match: 'a@b.co', type: 'EMAIL', action: 'ANONYMIZED' }] } }],
  }, 'output');
  assert.equal(r.intervened, true);
  assert.deepEqual(r.outputs, ['Mail {EMAIL} today']);
  assert.equal(r.findings[0].source, 'output');
  assert.equal(reportMarkdown(r, 'emulator-default v1'), [
    '> **Guardrail emulator-default v1 masked the reply: sensitive information Email.**',
    '>',
    '> - Output · Sensitive information: Email — masked',
    '>',
    '> Text after the guardrail: “Mail {EMAIL} today”',
  ].join('\n'));
  const passed = applyGuardrailReport({ action: 'NONE', outputs: [], assessments: [{}] }, 'input');
  assert.equal(passed.intervened, false);
  assert.deepEqual(passed.findings, []);
});
