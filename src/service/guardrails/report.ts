/**
 * A guardrail's verdict in one shape, whichever API reported it: Converse's `trace.guardrail`, InvokeModel's
 * `amazon-bedrock-trace` body member, or ApplyGuardrail's `assessments`. Each policy's findings become one row
 * (policy, what matched, action) so front ends can say what was blocked and why without showing raw JSON.
 */

export type GuardrailPolicy =
  | 'denied-topic' | 'content-filter' | 'word-filter' | 'managed-word-list' | 'sensitive-information' | 'regex'
  | 'contextual-grounding' | 'automated-reasoning';

export interface GuardrailFinding {
  /** Whether the user's input or the model's output was assessed. */
  source: 'input' | 'output';
  policy: GuardrailPolicy;
  /** The topic name, the word, the PII type, the content-filter category, the regex name, … */
  name: string;
  /** As Bedrock says it: BLOCKED, ANONYMIZED, NONE, … */
  action: string;
  /** Extra facts: the filter's confidence, a grounding score against its threshold. Never the matched PII itself. */
  detail?: string;
}

export interface GuardrailReport {
  /** The guardrail acted (blocked or masked something). */
  intervened: boolean;
  /** Bedrock's one-line reason, when it gives one. */
  reason?: string;
  findings: GuardrailFinding[];
  /** The guardrail's replacement text (ApplyGuardrail `outputs`). */
  outputs?: string[];
}

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? v as Json : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(rec) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** One GuardrailAssessment (runtime API shape) → its findings. */
export function assessmentFindings(assessment: unknown, source: 'input' | 'output'): GuardrailFinding[] {
  const a = rec(assessment);
  const out: GuardrailFinding[] = [];
  const add = (policy: GuardrailPolicy, name: string | undefined, action: unknown, detail?: string) =>
    out.push({ source, policy, name: name ?? 'unnamed', action: str(action) ?? 'NONE', ...(detail ? { detail } : {}) });
  for (const t of list(rec(a.topicPolicy).topics)) add('denied-topic', str(t.name), t.action);
  for (const f of list(rec(a.contentPolicy).filters)) {
    add('content-filter', str(f.type), f.action, [str(f.confidence) && `${str(f.confidence)!.toLowerCase()} confidence`, str(f.filterStrength) && `${str(f.filterStrength)!.toLowerCase()} strength`].filter(Boolean).join(', '));
  }
  for (const w of list(rec(a.wordPolicy).customWords)) add('word-filter', str(w.match), w.action);
  for (const w of list(rec(a.wordPolicy).managedWordLists)) add('managed-word-list', str(w.type) ?? str(w.match), w.action);
  // The matched text of a PII entity is the sensitive value itself: only its type is reported.
  for (const p of list(rec(a.sensitiveInformationPolicy).piiEntities)) add('sensitive-information', str(p.type), p.action);
  for (const r of list(rec(a.sensitiveInformationPolicy).regexes)) add('regex', str(r.name) ?? str(r.regex), r.action);
  for (const g of list(rec(a.contextualGroundingPolicy).filters)) {
    const score = typeof g.score === 'number' ? `score ${g.score}` : '';
    const threshold = typeof g.threshold === 'number' ? `threshold ${g.threshold}` : '';
    add('contextual-grounding', str(g.type), g.action, [score, threshold].filter(Boolean).join(' / '));
  }
  const reasoning = list(rec(a.automatedReasoningPolicy).findings);
  if (reasoning.length) add('automated-reasoning', `${reasoning.length} finding${reasoning.length > 1 ? 's' : ''}`, 'NONE');
  return out;
}

const acted = (f: GuardrailFinding) => f.action !== 'NONE';

/** Converse / ConverseStream `trace.guardrail` (GuardrailTraceAssessment). */
export function converseGuardrailReport(trace: unknown, stopReason?: string): GuardrailReport | undefined {
  const t = rec(trace);
  if (!Object.keys(t).length) return undefined;
  const findings = [
    ...Object.values(rec(t.inputAssessment)).flatMap(a => assessmentFindings(a, 'input')),
    ...Object.values(rec(t.outputAssessments)).flatMap(v => (Array.isArray(v) ? v : [v]).flatMap(a => assessmentFindings(a, 'output'))),
  ];
  const reason = str(t.actionReason);
  return { intervened: stopReason === 'guardrail_intervened' || findings.some(acted), ...(reason ? { reason } : {}), findings };
}

/** InvokeModel(+stream) body members `amazon-bedrock-guardrailAction` and `amazon-bedrock-trace`. */
export function invokeGuardrailReport(body: unknown): GuardrailReport | undefined {
  const b = rec(body);
  const action = str(b['amazon-bedrock-guardrailAction']);
  const g = rec(rec(b['amazon-bedrock-trace']).guardrail);
  if (!action && !Object.keys(g).length) return undefined;
  const findings = [
    ...Object.values(rec(g.input)).flatMap(a => assessmentFindings(a, 'input')),
    ...list(g.outputs).flatMap(o => Object.values(o).flatMap(a => assessmentFindings(a, 'output'))),
  ];
  const reason = str(g.actionReason);
  return { intervened: action === 'INTERVENED' || findings.some(acted), ...(reason ? { reason } : {}), findings };
}

/** An ApplyGuardrail response. */
export function applyGuardrailReport(response: unknown, source: 'input' | 'output'): GuardrailReport {
  const r = rec(response);
  const reason = str(r.actionReason);
  return {
    intervened: r.action === 'GUARDRAIL_INTERVENED',
    ...(reason ? { reason } : {}),
    findings: list(r.assessments).flatMap(a => assessmentFindings(a, source)),
    outputs: list(r.outputs).map(o => str(o.text) ?? '').filter(Boolean),
  };
}

/** Whether the guardrail stopped the content rather than only masking parts of it. */
export function blocked(report: GuardrailReport): boolean {
  return report.findings.some(f => f.action === 'BLOCKED');
}
