import { applyEdits, diffEdits, editsOverlap } from './edits';
import { jsLanguage } from './js/jsLanguage';
import { languageOf } from './language';
import type { LanguageSupport } from './languageSupport';
import type { Language, MigrateOptions, MigrationResult, Site, SiteResult, SourceSelection, SyntaxProblem, TextEdit } from './model';
import { dependenciesFor, statusOf, type Need, type Note, type SitePlan } from './plan';
import { pythonLanguage } from './python/pythonLanguage';

// One file through the engine: find sites, let the target plan each, keep only plans whose
// result still parses (checked site by site when the whole does not), add the imports the kept
// plans need, tidy imports nothing uses, and report edits as the line-level difference so text
// outside changed lines keeps its bytes.

const languages: Record<Language, LanguageSupport> = { js: jsLanguage, python: pythonLanguage };

export function supportFor(fileNameOrLanguageId: string): LanguageSupport | undefined {
  const lang = languageOf(fileNameOrLanguageId);
  return lang ? languages[lang] : undefined;
}

export function selected(site: Site, from: SourceSelection | undefined): boolean {
  const f = from ?? 'openai';
  return f === 'all' || site.source === f;
}

export function stripSite(site: Site): Site {
  return { kind: site.kind, source: site.source, start: site.start, end: site.end, line: site.line, streaming: site.streaming, async: site.async };
}

/** Every SDK or framework import names OpenAI or Anthropic (`langchain.chat_models.ChatOpenAI` only in the class), so text without either has no site. */
function mayHaveSites(text: string): boolean {
  return /openai|anthropic/i.test(text);
}

/**
 * Files with CRLF line ends run through the engine with LF ends (generated code uses \n), then
 * get their CRLFs back; site offsets are mapped to the original text.
 */
export function runMigration(original: string, fileName: string, options: MigrateOptions): MigrationResult {
  if (!original.includes('\r\n')) return migrateLF(original, fileName, options);
  const lf = original.replace(/\r\n/g, '\n');
  const toLF = (offset: number) => offset - (original.slice(0, offset).match(/\r\n/g)?.length ?? 0);
  const range = options.range && { start: toLF(options.range.start), end: toLF(options.range.end) };
  const result = migrateLF(lf, fileName, { ...options, range });
  const crlfOffsets: number[] = [];
  for (let i = 0, lines = 0; i <= lf.length; i++) { crlfOffsets.push(i + lines); if (lf[i] === '\n') lines++; }
  const text = result.text === lf ? original : result.text.replace(/\n/g, '\r\n');
  return {
    text,
    sites: result.sites.map(s => ({ ...s, start: crlfOffsets[s.start], end: crlfOffsets[s.end] })),
    edits: diffEdits(original, text),
    dependencies: result.dependencies,
    ...(result.syntaxError ? { syntaxError: result.syntaxError } : {}),
  };
}

function migrateLF(text: string, fileName: string, options: MigrateOptions): MigrationResult {
  const support = supportFor(fileName);
  if (!support || !mayHaveSites(text)) return { text, sites: [], edits: [], dependencies: [] };
  const opts = { ...options, region: options.region ?? 'us-east-1' };
  const session = support.open(text, fileName, opts);
  try {
    // a file that does not parse cannot be rewritten safely, and what its sites are is guesswork: say where it breaks
    const syntaxError = session.syntaxError();
    if (syntaxError) return { text, sites: [], edits: [], dependencies: [], syntaxError };
    const inRange = (s: Site) => !options.range || (s.start >= options.range.start && s.start < options.range.end);
    const plans = session.sites.filter(s => selected(s, options.from) && inRange(s)).map(s => session.plan(s));
    const results = new Map<SitePlan, { notes: Note[]; accepted: boolean }>();
    for (const p of plans) results.set(p, { notes: [...p.notes], accepted: p.edits.length > 0 });

    const accepted: SitePlan[] = [];
    let acceptedEdits: TextEdit[] = [];
    const tryAdd = (edits: TextEdit[]): boolean => {
      const candidate = dedupe([...acceptedEdits, ...edits]);
      if (selfOverlaps(candidate)) return false;
      if (!support.parses(applyEdits(text, candidate), fileName)) return false;
      acceptedEdits = candidate;
      return true;
    };
    const withEdits = plans.filter(p => p.edits.length > 0);
    if (tryAdd(withEdits.flatMap(p => p.edits))) {
      accepted.push(...withEdits);
    } else {
      acceptedEdits = [];
      for (const p of withEdits) {
        if (tryAdd(p.edits)) { accepted.push(p); continue; }
        const r = results.get(p)!;
        r.accepted = false;
        r.notes.push({ text: 'the rewrite would not parse, so this site was left unchanged', manual: true });
      }
    }

    const file = session.filePlan(accepted);
    const fileAccepted = file.edits.length === 0 || tryAdd(file.edits);
    const needs = new Set<Need>([...accepted.flatMap(p => p.needs), ...(fileAccepted ? file.needs : [])]);
    tryAdd(session.importEdits(needs));

    let out = applyEdits(text, acceptedEdits);
    if (accepted.length > 0) {
      const tidied = support.tidy(out, fileName, options);
      if (tidied !== out && support.parses(tidied, fileName)) out = tidied;
    }
    const sites: SiteResult[] = plans.map(p => {
      const r = results.get(p)!;
      const status = r.accepted ? statusOf({ edits: p.edits, notes: r.notes }) : statusOf({ edits: [], notes: r.notes });
      return { ...stripSite(p.site), status, notes: r.notes.map(n => n.text) };
    });
    return { text: out, sites, edits: diffEdits(text, out), dependencies: out === text ? [] : dependenciesFor(needs) };
  } finally {
    session.dispose();
  }
}

function selfOverlaps(edits: readonly TextEdit[]): boolean {
  for (let i = 0; i < edits.length; i++) if (editsOverlap([edits[i]], edits.slice(i + 1))) return true;
  return false;
}

function dedupe(edits: TextEdit[]): TextEdit[] {
  return edits.filter((e, i) => edits.findIndex(o => o.start === e.start && o.end === e.end && o.newText === e.newText) === i);
}

/** The first syntax error of a file the engine reads (undefined for other files, and for files that parse). */
export function runSyntaxCheck(text: string, fileNameOrLanguageId: string): SyntaxProblem | undefined {
  return supportFor(fileNameOrLanguageId)?.syntaxError(text, fileNameOrLanguageId);
}

export function runFindSites(text: string, fileNameOrLanguageId: string, from: SourceSelection = 'all'): Site[] {
  const support = supportFor(fileNameOrLanguageId);
  if (!support || !mayHaveSites(text)) return [];
  return support.find(text, fileNameOrLanguageId).filter(s => selected(s, from)).map(stripSite);
}
