import type { ColumnView } from './protocol';

/** A table cell: pipes escaped and line breaks flattened, so any model name or error stays in its cell. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*\r?\n\s*/g, ' ').trim() || '—';
}

function stopLabel(c: ColumnView): string {
  if (c.result?.error) return `error: ${c.result.error.message}`;
  if (!c.result?.stopReason) return c.problem ? `not run: ${c.problem}` : '';
  return c.result.stopReason === 'aborted' ? 'stopped' : c.result.stopReason.replace(/_/g, ' ');
}

const num = (n: number | undefined, unit = '') => (n === undefined ? '' : `${n}${unit}`);

/** The comparison's metrics as one markdown row per column, in the order the panel shows them. */
export function metricsTable(columns: readonly ColumnView[]): string {
  const rows = [
    '| Model | API style | Endpoint family | Time to first token | Tokens/s | Input tokens | Output tokens | Stop reason |',
    '|---|---|---|---:|---:|---:|---:|---|',
  ];
  for (const c of columns) {
    const r = c.result;
    rows.push(`| ${[
      cell(`${c.modelName} (\`${c.model}\`)`), cell(c.apiStyleLabel), cell(`bedrock-${c.family}`),
      cell(num(r?.metrics?.ttftMs, ' ms')), cell(num(r?.metrics?.tokensPerSecond)),
      cell(num(r?.usage?.inputTokens)), cell(num(r?.usage?.outputTokens)), cell(stopLabel(c)),
    ].join(' | ')} |`);
  }
  return rows.join('\n');
}

/**
 * The whole comparison as a markdown document: the prompt, the metrics table, then each reply under its column's
 * heading (replies are markdown themselves and cannot live inside a table cell).
 */
export function comparisonMarkdown(prompt: string, columns: readonly ColumnView[], when: Date = new Date()): string {
  const quoted = prompt.split(/\r?\n/).map(l => `> ${l}`.trimEnd()).join('\n');
  const replies = columns.map((c, i) => `### ${i + 1}. ${c.label}\n\n${c.result?.text.trim() || '_(no reply)_'}`);
  return [`# Bedrock comparison — ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC`, '', '**Prompt**', '', quoted, '',
    metricsTable(columns), '', '## Replies', '', replies.join('\n\n'), ''].join('\n');
}
