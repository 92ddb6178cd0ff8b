#!/usr/bin/env node
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initMigrationEngine, languageOf, migrate, type MigrationTarget, type SiteResult, type SourceSelection, type SyntaxProblem } from './index';
import { pinnedOpenAIVersion } from './projectVersion';
import { collectSourceFiles, DEFAULT_MAX_BYTES, encodeSource, readSource, writeSourceAtomically, type Skipped } from './safeFiles';
import { editManifest, environmentUses, nearestManifest } from './manifests';
import type { Dependency } from './model';
import { unifiedDiff } from './unifiedDiff';

// bedrock-migrate [--target mantle|converse] [--from openai|anthropic|all] [--write] [--check] [--json] <paths…>
// Prints a unified diff by default; --write applies it; --check exits 1 while any selected call
// site still needs migrating or a manual step; --json prints the per-site report instead.

const usage = `usage: bedrock-migrate [--target mantle|converse] [--from openai|anthropic|all] [--write] [--check] [--json]
                      [--region REGION] [--model-map FILE.json] [--max-bytes N] <paths…>
  --target     mantle: keep the OpenAI/Anthropic SDK, point it at Bedrock (default)
               converse: rewrite to bedrock-runtime Converse (Anthropic code: AnthropicBedrock)
  --from       which SDK's calls to migrate (default openai)
  --write      apply the changes instead of printing a diff
  --check      exit 1 if any selected call site remains to migrate (for CI)
  --json       print {"files":[{"path","sites":[{"line","kind","streaming","async","status"}]}],"skipped":[{"path","reason"}]}
  --region     AWS region written into generated clients (default: AWS_REGION or us-east-1)
  --model-map  JSON object of source model name → Bedrock model id, on top of the defaults
  --max-bytes  skip files larger than this (default ${DEFAULT_MAX_BYTES})
Symbolic links are never followed out of the given paths nor written through; FIFOs, devices and
files over the size limit are skipped, each reported. A file keeps its encoding (UTF-8, UTF-8 with a
BOM, or the Latin-1 its coding declaration names) and its line endings, or is left unchanged with the
reason; writes go through a temporary file and a rename. The manifests beside the migrated files
(package.json, requirements.txt, pyproject.toml) get the packages the new code imports (shown as a
diff, written with --write).
A file that mentions an SDK but does not parse is reported (path:line:column on stderr, an "error" entry
with --json) and left unchanged.
exit status: 0 done; 1 --check found call sites still to migrate; 2 bad usage or a failure;
             3 some file did not parse (the others were processed)`;

interface Args {
  target: MigrationTarget;
  from: SourceSelection;
  write: boolean;
  check: boolean;
  json: boolean;
  region: string;
  modelMap?: Record<string, string>;
  maxBytes: number;
  paths: string[];
}

class UsageError extends Error {}

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Args {
  const args: Args = { target: 'mantle', from: 'openai', write: false, check: false, json: false, region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1', maxBytes: DEFAULT_MAX_BYTES, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = () => { const v = inline ?? argv[++i]; if (v === undefined) throw new UsageError(`${flag} needs a value`); return v; };
    switch (flag) {
      case '--target': { const v = value(); if (v !== 'mantle' && v !== 'converse') throw new UsageError(`--target must be mantle or converse, not ${v}`); args.target = v; break; }
      case '--from': { const v = value(); if (v !== 'openai' && v !== 'anthropic' && v !== 'all') throw new UsageError(`--from must be openai, anthropic or all, not ${v}`); args.from = v; break; }
      case '--write': args.write = true; break;
      case '--check': args.check = true; break;
      case '--json': args.json = true; break;
      case '--region': args.region = value(); break;
      case '--model-map': {
        const file = value();
        const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some(v => typeof v !== 'string')) throw new UsageError(`${file} must hold a JSON object of strings`);
        args.modelMap = parsed as Record<string, string>;
        break;
      }
      case '--max-bytes': { const v = Number(value()); if (!Number.isInteger(v) || v <= 0) throw new UsageError('--max-bytes must be a positive whole number'); args.maxBytes = v; break; }
      case '-h': case '--help': throw new UsageError('');
      default:
        if (flag.startsWith('-')) throw new UsageError(`unknown option ${flag}`);
        args.paths.push(flag);
    }
  }
  if (args.paths.length === 0) throw new UsageError('no paths given');
  return args;
}

/** Source files under the given paths, in a stable order; explicitly named files are always included. */
export function collectFiles(paths: readonly string[], maxBytes = DEFAULT_MAX_BYTES): string[] {
  return collectSourceFiles(paths, maxBytes).files;
}

export async function main(argv: readonly string[], io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) }): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) { io.err(`${e.message ? `bedrock-migrate: ${e.message}\n` : ''}${usage}\n`); return 2; }
    throw e;
  }
  await initMigrationEngine();
  const report: Array<{ path: string; sites: SiteResult[]; error?: SyntaxProblem }> = [];
  const { files, skipped } = collectSourceFiles(args.paths, args.maxBytes);
  const shownPath = (p: string) => p.split(path.sep).join('/');
  for (const k of skipped) if (!args.json) io.err(`${shownPath(k.path)}: skipped: ${k.reason}\n`);
  const refused: Skipped[] = [];
  const manifestDeps = new Map<string, Dependency[]>();
  let unparsed = 0;
  const dependencies = new Map<string, Set<string>>();
  let remaining = 0;
  for (const file of files) {
    const language = languageOf(file);
    if (!language) continue;
    const source = readSource(file);
    if ('refused' in source) {
      // only files that mention an SDK matter; the rest would not have been changed anyway
      if (/openai|anthropic/i.test(fs.readFileSync(file, 'latin1'))) {
        refused.push({ path: file, reason: source.refused });
        if (!args.json) io.err(`${shownPath(file)}: skipped: ${source.refused}\n`);
      }
      continue;
    }
    const text = source.text;
    const result = migrate(text, file, { target: args.target, from: args.from, region: args.region, modelMap: args.modelMap, openaiVersion: pinnedOpenAIVersion(file, language) });
    if (result.syntaxError) {
      const e = result.syntaxError;
      unparsed++;
      report.push({ path: file.split(path.sep).join('/'), sites: [], error: e });
      io.err(`${file.split(path.sep).join('/')}:${e.line}:${e.column}: syntax error: ${e.message}; fix it and run again (file left unchanged)\n`);
      continue;
    }
    if (result.sites.length === 0) continue;
    for (const d of result.dependencies) dependencies.set(d.ecosystem, (dependencies.get(d.ecosystem) ?? new Set()).add(d.spec));
    for (const d of result.dependencies) {
      const manifest = nearestManifest(file, d.ecosystem, process.cwd());
      if (manifest) manifestDeps.set(manifest, [...(manifestDeps.get(manifest) ?? []), d].filter((x, i, all) => all.findIndex(y => y.spec === x.spec) === i));
    }
    const shown = shownPath(file);
    report.push({ path: shown, sites: result.sites });
    if (args.write && result.text !== text) {
      let bytes: Buffer;
      try { bytes = encodeSource(result.text, source.encoding); } catch (e) {
        refused.push({ path: file, reason: (e as Error).message });
        io.err(`${shown}: not written: ${(e as Error).message}\n`);
        continue;
      }
      writeSourceAtomically(file, bytes);
    }
    if (!args.json && result.text !== text) {
      for (const u of environmentUses(text)) io.err(`${shown}:${u.line}: note: ${u.note}\n`);
    }
    if (!args.json && !args.write) io.out(unifiedDiff(text, result.text, shown));
    for (const s of result.sites) {
      // After --write, what was migrated is done; without it, everything not unchanged still remains.
      const left = args.write ? s.status === 'manual' : s.status !== 'unchanged';
      if (left) remaining++;
      if (!args.json && s.status === 'manual') io.err(`${shown}:${s.line}: ${s.kind}: manual: ${s.notes.filter(n => n).join('; ')}\n`);
    }
  }
  // The manifests beside the migrated files: the packages the new code imports.
  for (const [manifest, deps] of manifestDeps) {
    const before = fs.readFileSync(manifest, 'utf8');
    const after = editManifest(manifest, before, deps);
    if (after === undefined || after === before) continue;
    if (args.write) writeSourceAtomically(manifest, Buffer.from(after, 'utf8'));
    else if (!args.json) io.out(unifiedDiff(before, after, shownPath(path.relative(process.cwd(), manifest) || manifest)));
  }
  if (args.json) {
    const files = report.map(f => ({
      path: f.path,
      ...(f.error ? { error: { line: f.error.line, column: f.error.column, message: f.error.message } } : {}),
      sites: f.sites.map(s => ({ line: s.line, kind: s.kind, streaming: s.streaming, async: s.async, status: s.status })),
    }));
    const notMigrated = [...skipped, ...refused].map(k => ({ path: shownPath(k.path), reason: k.reason }));
    io.out(`${JSON.stringify({ files, skipped: notMigrated })}\n`);
  } else if (args.write) {
    const changed = report.filter(f => f.sites.some(s => s.status === 'migrated')).length;
    io.err(`bedrock-migrate: ${changed} file(s) changed, ${report.reduce((n, f) => n + f.sites.length, 0)} call site(s) seen\n`);
  }
  if (!args.json && dependencies.size) {
    const install = [...dependencies].map(([eco, specs]) => `${eco === 'npm' ? 'npm install' : 'pip install'} ${[...specs].map(spec => (spec.includes('[') || spec.includes('>') ? `'${spec}'` : spec)).join(' ')}`);
    io.err(`bedrock-migrate: the ${args.write ? 'migrated' : 'proposed'} code needs: ${install.join('; ')}\n`);
  }
  if (args.check && remaining > 0 && !args.json) io.err(`bedrock-migrate: ${remaining} call site(s) still to migrate\n`);
  if (unparsed > 0) {
    if (!args.json) io.err(`bedrock-migrate: ${unparsed} file(s) did not parse and were left unchanged\n`);
    return 3;
  }
  return args.check && remaining > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(code => { process.exitCode = code; }, (e: unknown) => {
    process.stderr.write(`bedrock-migrate: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
