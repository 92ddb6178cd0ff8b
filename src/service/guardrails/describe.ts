/**
 * A guardrail report in words, for the chat panel, output panes and the Check Text command. Pure, so the wording is
 * unit-tested.
 */
import type { GuardrailFinding, GuardrailPolicy, GuardrailReport } from './report';

const POLICY_LABELS: Record<GuardrailPolicy, string> = {
  'denied-topic': 'Denied topic',
  'content-filter': 'Content filter',
  'word-filter': 'Word filter',
  'managed-word-list': 'Managed word list',
  'sensitive-information': 'Sensitive information',
  'regex': 'Sensitive information (regex)',
  'contextual-grounding': 'Contextual grounding',
  'automated-reasoning': 'Automated reasoning',
};

const ACTION_WORDS: Record<string, string> = {
  BLOCKED: 'blocked', ANONYMIZED: 'masked', NONE: 'detected, no action', NONE_DETECTED: 'detected, no action',
};

const KEEP_UPPER = new Set(['US', 'UK', 'CA', 'IP', 'AWS', 'URL', 'PIN', 'CVV', 'MAC', 'VIN']);

/** `EMAIL` → `Email`, `US_SOCIAL_SECURITY_NUMBER` → `US social security number`; topic names and words stay as they are. */
function readableName(f: GuardrailFinding): string {
  if (f.policy === 'word-filter') return `“${f.name}”`;
  if (f.policy === 'denied-topic' || f.policy === 'regex' || f.policy === 'automated-reasoning') return f.name;
  if (!/^[A-Z0-9_]+$/.test(f.name)) return f.name;
  // country and service prefixes of PII types stay upper case (US_PASSPORT_NUMBER → "US passport number")
  const words = f.name.split('_').map((w, i) => (i === 0 && KEEP_UPPER.has(w) ? w : w.toLowerCase()));
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One finding as a sentence fragment: "Input · Denied topic: Investment advice — blocked". */
export function describeFinding(f: GuardrailFinding): string {
  const action = ACTION_WORDS[f.action] ?? f.action.toLowerCase().replace(/_/g, ' ');
  return `${f.source === 'input' ? 'Input' : 'Output'} · ${POLICY_LABELS[f.policy]}: ${readableName(f)}${f.detail ? ` (${f.detail})` : ''} — ${action}`;
}

/** The one-line verdict: what the guardrail did and, in short, why. */
export function guardrailHeadline(r: GuardrailReport, guardrailName?: string): string {
  const who = guardrailName ? `Guardrail ${guardrailName}` : 'The guardrail';
  if (!r.intervened) return `${who} found nothing to act on.`;
  const actedOn = r.findings.filter(f => f.action !== 'NONE');
  const blockedOn = actedOn.filter(f => f.action === 'BLOCKED');
  const what = (blockedOn.length ? blockedOn : actedOn).map(f => `${POLICY_LABELS[f.policy].toLowerCase()} ${readableName(f)}`);
  const verb = blockedOn.length ? 'blocked' : 'masked';
  const sources = [...new Set((blockedOn.length ? blockedOn : actedOn).map(f => f.source))];
  const where = sources.length === 1 ? (sources[0] === 'input' ? 'the input' : 'the reply') : 'the input and the reply';
  return what.length ? `${who} ${verb} ${where}: ${unique(what).join('; ')}.` : `${who} intervened${r.reason ? ` (${r.reason.replace(/\.$/, '')})` : ''}.`;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** The whole report as lines: the verdict, then every finding. */
export function describeReport(r: GuardrailReport, guardrailName?: string): { headline: string; lines: string[] } {
  return { headline: guardrailHeadline(r, guardrailName), lines: r.findings.map(describeFinding) };
}

/** The report as markdown, for an output pane. */
export function reportMarkdown(r: GuardrailReport, guardrailName?: string): string {
  const { headline, lines } = describeReport(r, guardrailName);
  const out = [`> **${headline}**`];
  if (lines.length) out.push('>', ...lines.map(l => `> - ${l}`));
  if (r.outputs?.length) out.push('>', `> Text after the guardrail: ${r.outputs.map(o => `“${o}”`).join(' ')}`);
  return out.join('\n');
}
