/** Rerank's input splitting and result table (no vscode import, so they are unit-tested). */
import type { RankedDocument } from '../../service/runtime';

/** Paragraphs when the text has blank lines, else non-empty lines. */
export function splitDocuments(text: string): string[] {
  const paragraphs = text.split(/\n\s*\n/).map(s => s.trim()).filter(Boolean);
  return paragraphs.length > 1 ? paragraphs : text.split('\n').map(s => s.trim()).filter(Boolean);
}

export function rerankTable(query: string, model: string, ranked: RankedDocument[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').slice(0, 200);
  return `## Rerank · ${model}\n\n> ${cell(query)}\n\n| rank | score | # | document |\n|---:|---:|---:|---|\n${ranked.map((r, i) => `| ${i + 1} | ${r.score.toFixed(4)} | ${r.index} | ${cell(r.document)} |`).join('\n')}\n`;
}
