// The smoke run's result table: one row per check, columns padded to fit, costs formatted as the extension shows them.

const COLUMNS = ['style', 'family', 'model', 'status', 'ttft', 'tokens in/out', 'cost', 'note'];
const NOTE_WIDTH = 40;

/** @param {(amount: number, currency?: string) => string} formatCost the extension's formatter */
export function formatTable(rows, formatCost) {
  const cells = rows.map(r => [
    r.check.label,
    r.check.family,
    r.check.model,
    r.status,
    r.ttftMs === undefined ? '-' : `${Math.round(r.ttftMs)} ms`,
    r.usage ? `${r.usage.inputTokens}/${r.usage.outputTokens}` : '-',
    costCell(r, formatCost),
    clip(r.note ?? '', NOTE_WIDTH),
  ]);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...cells.map(row => row[i].length)));
  const line = row => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(COLUMNS), line(widths.map(w => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function costCell(r, formatCost) {
  if (r.cost !== undefined) return formatCost(r.cost);
  if (r.costBound !== undefined) return `<= ${formatCost(r.costBound)}`;
  if (r.unpriced) return 'no price';
  return '-';
}

function clip(text, width) {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

/** What went wrong in each failed row, one line each, for under the table. */
export function formatFailures(rows) {
  return rows.filter(r => r.status !== 'ok').map(r => `  ${r.check.label} on ${r.check.family} (${r.check.model}): ${r.detail ?? r.status}`).join('\n');
}
