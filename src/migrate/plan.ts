import { indentAt, lineStart } from './edits';
import { MARKER, type Dependency, type Site, type SiteStatus, type TextEdit } from './model';

// What a target proposes for one site, before the engine checks that the result still parses.

export interface Note {
  text: string;
  /** A manual note means the site still needs a person; others only explain what was done. */
  manual: boolean;
}

/** Import or declaration a rewritten site relies on; the language's import writer turns these into edits once per file. */
export type Need =
  | 'js:openai-bedrock-provider'
  | 'js:BedrockRuntimeClient'
  | 'js:ConverseCommand'
  | 'js:ConverseStreamCommand'
  | 'js:AnthropicBedrock'
  | 'py:openai-bedrock-provider'
  | 'py:os'
  | 'py:json'
  | 'js:InvokeModelCommand'
  | 'py:boto3'
  | 'py:asyncio'
  | 'py:contextlib'
  | 'py:legacy-runtime-client'
  | 'py:BaseClient'
  | 'py:AnthropicBedrock'
  | 'py:AsyncAnthropicBedrock'
  | 'py:OpenAI'
  | 'py:AsyncOpenAI'
  | 'js:OpenAI'
  /** `from <module> import <name>` (Python) or `import { <name> } from '<module>'` (JS), for framework rewrites. */
  | `py-from:${string}:${string}`
  | `js-from:${string}:${string}`;

export interface SitePlan {
  site: Site;
  edits: TextEdit[];
  notes: Note[];
  needs: Need[];
}

export function statusOf(plan: { edits: readonly TextEdit[]; notes: readonly Note[] }): SiteStatus {
  if (plan.notes.some(n => n.manual)) return 'manual';
  return plan.edits.length > 0 ? 'migrated' : 'unchanged';
}

/**
 * Comment lines above the statement at `statementStart` for notes not already written there,
 * so a second run adds nothing.
 */
export function markerEdits(text: string, statementStart: number, notes: readonly Note[], commentPrefix: '//' | '#'): TextEdit[] {
  const start = lineStart(text, statementStart);
  const indent = indentAt(text, statementStart);
  const above: string[] = [];
  for (let end = start - 1; end > 0;) {
    const from = lineStart(text, end);
    const line = text.slice(from, end).trim();
    if (!line.startsWith(commentPrefix)) break;
    above.push(line);
    end = from - 1;
  }
  const fresh = notes.filter((n, i) => notes.findIndex(m => m.text === n.text) === i && !above.some(l => l.includes(`${MARKER} ${n.text}`)));
  if (fresh.length === 0) return [];
  return [{ start, end: start, newText: fresh.map(n => `${indent}${commentPrefix} ${MARKER} ${n.text}\n`).join('') }];
}

export interface CommentSpan { start: number; end: number; text: string }

/**
 * Comments inside a span a plan rewrites would vanish with it; this puts the ones the new text
 * does not carry on their own lines above the statement, so no comment is silently dropped.
 */
export function keepDroppedComments(text: string, plan: SitePlan, statementStart: number, comments: () => readonly CommentSpan[]): SitePlan {
  const replacing = plan.edits.filter(e => e.end > e.start);
  if (replacing.length === 0) return plan;
  const dropped = comments().filter(c => replacing.some(e => c.start >= e.start && c.end <= e.end && !e.newText.includes(c.text)));
  if (dropped.length === 0) return plan;
  const at = lineStart(text, statementStart);
  const indent = indentAt(text, statementStart);
  return { ...plan, edits: [...plan.edits, { start: at, end: at, newText: dropped.map(c => `${indent}${c.text}\n`).join('') }] };
}

const needDependencies: Partial<Record<Need, Dependency[]>> = {
  // openai/providers/bedrock/aws signs with SigV4 through these optional peers (openai-node's README for the provider).
  'js:openai-bedrock-provider': [
    { ecosystem: 'npm', spec: 'openai@>=6.45.0' },
    { ecosystem: 'npm', spec: '@aws-sdk/credential-provider-node' },
    { ecosystem: 'npm', spec: '@smithy/signature-v4' },
    { ecosystem: 'npm', spec: '@smithy/hash-node' },
  ],
  'js:BedrockRuntimeClient': [{ ecosystem: 'npm', spec: '@aws-sdk/client-bedrock-runtime' }],
  'js:ConverseCommand': [{ ecosystem: 'npm', spec: '@aws-sdk/client-bedrock-runtime' }],
  'js:ConverseStreamCommand': [{ ecosystem: 'npm', spec: '@aws-sdk/client-bedrock-runtime' }],
  'js:InvokeModelCommand': [{ ecosystem: 'npm', spec: '@aws-sdk/client-bedrock-runtime' }],
  'js:AnthropicBedrock': [{ ecosystem: 'npm', spec: '@anthropic-ai/bedrock-sdk' }],
  'py:openai-bedrock-provider': [{ ecosystem: 'pip', spec: 'openai[bedrock]>=2.44.0' }],
  'py:boto3': [{ ecosystem: 'pip', spec: 'boto3' }],
  'py:legacy-runtime-client': [{ ecosystem: 'pip', spec: 'boto3' }],
  'py:BaseClient': [{ ecosystem: 'pip', spec: 'boto3' }],
  'py:AnthropicBedrock': [{ ecosystem: 'pip', spec: 'anthropic[bedrock]' }],
  'py:AsyncAnthropicBedrock': [{ ecosystem: 'pip', spec: 'anthropic[bedrock]' }],
};

/** The package a framework import comes from, as its installer names it. */
const frameworkPackages: Record<string, Dependency> = {
  langchain_aws: { ecosystem: 'pip', spec: 'langchain-aws' },
  'llama_index.llms.bedrock_converse': { ecosystem: 'pip', spec: 'llama-index-llms-bedrock-converse' },
  'llama_index.embeddings.bedrock': { ecosystem: 'pip', spec: 'llama-index-embeddings-bedrock' },
  '@langchain/aws': { ecosystem: 'npm', spec: '@langchain/aws' },
  '@ai-sdk/amazon-bedrock': { ecosystem: 'npm', spec: '@ai-sdk/amazon-bedrock' },
};

function dependenciesOf(need: Need): Dependency[] {
  const m = /^(py|js)-from:(.+):[^:]+$/.exec(need);
  if (m) return frameworkPackages[m[2]] ? [frameworkPackages[m[2]]] : [];
  return needDependencies[need as keyof typeof needDependencies] ?? [];
}

export function dependenciesFor(needs: Iterable<Need>): Dependency[] {
  const out: Dependency[] = [];
  for (const need of needs) {
    for (const d of dependenciesOf(need)) if (!out.some(o => o.ecosystem === d.ecosystem && o.spec === d.spec)) out.push(d);
  }
  return out;
}
