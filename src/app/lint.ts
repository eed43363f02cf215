import { promises as fs } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Config, RuleSetting } from '../core/config.js';
import { loadConfig } from '../io/config-file.js';
import { EXIT, ExitError } from '../core/errors.js';
import { findNotes, readIgnoreFile } from '../io/find.js';
import { readNote } from '../io/read.js';
import { cacheLocation, loadNotes, type LintedNote } from './load.js';
import { FORMAT_NAMES, isFormatName, loadFormatter } from '../core/formatters/index.js';
import { activeRules, lintAcross, noteResult, ruleConfigProblems, toResult, totals, unreadableResult, type LintResult } from '../core/lint/index.js';
import { applyBaseline, makeBaseline, parseBaseline, type LineText } from '../core/lint/baseline.js';
import { cachePaths, openLintCache, type LintCache } from '../io/cache.js';
import { applyFixes } from '../core/lint/fix.js';
import { RULES_BY_ID } from '../rules/index.js';

/** Options of `weekly lint`. */
export interface LintCommandOptions {
  cwd: string;
  /** Files, folders and globs; default the config's `notes`, else `.`. */
  inputs: string[];
  config?: string;
  format?: string;
  outputFile?: string;
  maxWarnings?: number;
  quiet?: boolean;
  fix?: boolean;
  fixDryRun?: boolean;
  baseline?: string;
  writeBaseline?: string;
  cache?: boolean;
  cacheLocation?: string;
  /** `rule-id:severity` overrides, after the config. */
  rule?: string[];
  /** Colour the stylish output (the CLI passes whether stdout is a TTY). */
  color?: boolean;
  version?: string;
  /** Called as notes are read (the CLI draws a progress bar with it). */
  onProgress?: (done: number, total: number) => void;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** A note as read from disk. */
interface Source {
  file: string;
  text: string;
  bytes: Buffer;
  bom: boolean;
}

const fail = (message: string) => new ExitError(`weekly lint: ${message}`, EXIT.failure);

function applyRuleFlags(config: Config, flags: string[] | undefined): Config {
  if (!flags?.length) return config;
  const rules: Record<string, RuleSetting> = { ...(config.rules ?? {}) };
  for (const flag of flags) {
    const m = /^\s*([a-z0-9-]+)\s*[:=]\s*(off|warn|error)\s*$/.exec(flag);
    if (!m) throw fail(`--rule \`${flag}\`: expected \`rule-id:off|warn|error\``);
    if (!RULES_BY_ID.has(m[1])) throw fail(`--rule \`${flag}\`: unknown rule \`${m[1]}\``);
    const prev = rules[m[1]];
    rules[m[1]] = Array.isArray(prev) ? [m[2] as 'off' | 'warn' | 'error', prev[1]] : (m[2] as 'off' | 'warn' | 'error');
  }
  return { ...config, rules };
}

/** The folder the inputs share: authors are named by the folders below it. */
function commonRoot(cwd: string, inputs: string[], dirs: Set<string>): string {
  const parts = inputs.map((i) => {
    const abs = path.resolve(cwd, i.replace(/[*?{[].*$/, ''));
    return (dirs.has(i) ? abs : path.dirname(abs)).split(path.sep);
  });
  let n = 0;
  while (parts.every((p) => n < p.length && p[n] === parts[0][n])) n++;
  const root = parts[0].slice(0, n).join(path.sep) || path.sep;
  return path.relative(cwd, root).split(path.sep).join('/') || '.';
}

/** Line text of the notes that have problems (for the baseline), read again from disk or taken from fixes. */
async function lineTextOf(results: LintResult[], texts: Map<string, string>, cwd: string, config: Config): Promise<LineText> {
  const split = new Map<string, string[]>();
  for (const r of results) {
    if (!r.messages.length) continue;
    let text = texts.get(r.filePath);
    if (text === undefined) {
      const read = await readNote(path.resolve(cwd, r.filePath), { encoding: config.encoding, maxBytes: config.maxFileSize });
      text = read.ok ? read.text : '';
    }
    split.set(r.filePath, text.split(/\r\n|\r|\n/));
  }
  return (file, line) => split.get(file)?.[line - 1] ?? '';
}

/** `weekly lint`: check notes; exit 0 clean (warnings allowed), 1 errors or too many warnings, 2 could not run. */
export async function lintCommand(o: LintCommandOptions): Promise<number> {
  const format = o.format ?? 'stylish';
  if (!isFormatName(format)) throw fail(`unknown format \`${o.format}\`, expected one of ${FORMAT_NAMES.join(', ')}`);
  if (o.maxWarnings !== undefined && !(Number.isInteger(o.maxWarnings) && o.maxWarnings >= 0)) throw fail('--max-warnings expects a whole number of 0 or more');

  const loaded = await loadConfig(o.cwd, o.config);
  const config = applyRuleFlags(loaded.config, o.rule);
  const problems = ruleConfigProblems(config);
  if (problems.length) {
    const where = loaded.file ? `config ${path.relative(o.cwd, loaded.file) || loaded.file}` : 'config';
    throw new ExitError(problems.map((p) => `weekly: ${where}: ${p}`).join('\n'), EXIT.failure);
  }

  // inputs, and the notes they name
  const inputs = o.inputs.length ? o.inputs : [config.notes ? path.relative(o.cwd, path.resolve(loaded.dir, config.notes)) || '.' : '.'];
  const ignores = [...(config.ignores ?? []), ...(await readIgnoreFile(o.cwd))];
  const found = await findNotes(inputs, { cwd: o.cwd, ignores, followSymlinks: config.followSymlinks });
  if (found.missing.length) throw fail(found.missing.map((m) => `${m.input}: ${m.reason}`).join('\nweekly lint: '));
  if (!found.files.length) throw fail(`no notes (*.md) found in ${inputs.map((i) => `\`${i}\``).join(', ')}`);
  const dirs = new Set<string>();
  const explicit = new Set<string>();
  for (const i of inputs) {
    const st = await fs.stat(path.resolve(o.cwd, i)).catch(() => null);
    if (st?.isDirectory()) dirs.add(i);
    else if (st) explicit.add(path.relative(o.cwd, path.resolve(o.cwd, i)).split(path.sep).join('/'));
  }
  const root = commonRoot(o.cwd, inputs, dirs);

  // a report, a baseline or a cache written over a note would lose it: only --fix writes notes
  const noteSet = new Set(found.files.map((f) => path.resolve(o.cwd, f)));
  const cacheFile = o.cache ? (await cachePaths(cacheLocation(o.cwd, o.cacheLocation))).lint : null;
  for (const [flag, given, abs] of [
    ['--output-file', o.outputFile, o.outputFile && path.resolve(o.cwd, o.outputFile)],
    ['--write-baseline', o.writeBaseline, o.writeBaseline && path.resolve(o.cwd, o.writeBaseline)],
    ['--cache-location', o.cacheLocation ?? '', cacheFile],
  ] as const) {
    if (abs && noteSet.has(abs)) throw fail(`${flag} ${given} is one of the notes being linted: choose another file`);
  }

  // read, parse and run the per-note rules (in worker threads when there are many notes), through the cache
  let index: LintCache | null = null;
  if (cacheFile) {
    index = await openLintCache(cacheFile, { version: o.version ?? '0', config });
  }
  const notes = await loadNotes(found.files, { cwd: o.cwd, config, lint: { index }, onProgress: o.onProgress });
  const unreadable: LintResult[] = [];
  for (const f of notes.failures) {
    if (explicit.has(f.file)) throw fail(`${f.file}: ${f.reason}`);
    unreadable.push(unreadableResult(f.file, f.reason));
  }
  const rules = activeRules(config);
  const assemble = (notes: LintedNote[]): LintResult[] => {
    const across = lintAcross(notes.map((n) => n.facts), rules, config, root);
    const results = notes.map((n) => noteResult(n.facts, [...n.messages, ...(across.get(n.facts.file) ?? [])]));
    return [...results, ...unreadable].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  };
  let results = assemble(notes.notes);

  // fixes: only the notes that have some are read again
  const fixedTexts = new Map<string, string>();
  if (o.fix || o.fixDryRun) {
    let diff = '';
    // loaded only for a dry run, once
    const patch = o.fixDryRun ? (await import('diff')).createTwoFilesPatch : null;
    const fixed: Source[] = [];
    for (const r of results) {
      const fixes = r.messages.flatMap((m) => (m.fix ? [m.fix] : []));
      if (!fixes.length) continue;
      const read = await readNote(path.resolve(o.cwd, r.filePath), { encoding: config.encoding, maxBytes: config.maxFileSize });
      if (!read.ok) continue;
      const s: Source = { file: r.filePath, text: read.text, bytes: read.bytes, bom: read.bom };
      if (!isUtf8(s.bytes, config)) {
        o.stderr(`weekly lint: ${s.file}: not fixed: only UTF-8 notes are rewritten\n`);
        continue;
      }
      const out = applyFixes(s.text, fixes);
      if (out.text === s.text) continue;
      fixed.push({ ...s, text: out.text, bytes: Buffer.from((s.bom ? '\ufeff' : '') + out.text, 'utf8') });
      // git's layout: no `====` banner above the file names
      if (patch) diff += patch(`a/${s.file}`, `b/${s.file}`, s.text, out.text, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
    }
    for (const s of fixed) {
      if (o.fix) {
        try {
          await writeFileAtomic(path.resolve(o.cwd, s.file), s.bytes);
        } catch (err) {
          throw fail(`${s.file}: could not write the fix: ${(err as Error).message}`);
        }
      }
      fixedTexts.set(s.file, s.text);
    }
    if (o.fixDryRun) o.stdout(diff);
    if (fixed.length) {
      const again = await loadNotes(
        notes.notes.map((n) => n.facts.file),
        { cwd: o.cwd, config, lint: { known: notes.raw, texts: fixedTexts } },
      );
      results = assemble(again.notes);
    }
  }
  await index?.save();

  // baseline
  const lineText = o.writeBaseline || o.baseline ? await lineTextOf(results, fixedTexts, o.cwd, config) : () => '';
  if (o.writeBaseline) {
    const file = path.resolve(o.cwd, o.writeBaseline);
    const base = path.dirname(file);
    const rel = (f: string) => path.relative(base, path.resolve(o.cwd, f)).split(path.sep).join('/');
    const baseline = makeBaseline(results, lineText);
    baseline.entries = baseline.entries.map((e) => ({ ...e, file: rel(e.file) }));
    try {
      await fs.mkdir(base, { recursive: true });
      await writeFileAtomic(file, `${JSON.stringify(baseline, null, 2)}\n`);
    } catch (err) {
      throw fail(`${o.writeBaseline}: could not write the baseline: ${(err as Error).message}`);
    }
    const n = baseline.entries.reduce((a, e) => a + e.count, 0);
    o.stderr(`weekly lint: wrote ${n} problem${n === 1 ? '' : 's'} to the baseline ${o.writeBaseline}\n`);
    return EXIT.ok;
  }
  if (o.baseline) {
    const file = path.resolve(o.cwd, o.baseline);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      throw fail(`--baseline ${o.baseline}: no such file (write one with --write-baseline)`);
    }
    const baseline = parseBaseline(text);
    if (!baseline) throw fail(`--baseline ${o.baseline}: not a baseline written by --write-baseline`);
    const toCwd = (f: string) => path.relative(o.cwd, path.resolve(path.dirname(file), f)).split(path.sep).join('/');
    baseline.entries = baseline.entries.map((e) => ({ ...e, file: toCwd(e.file) }));
    results = applyBaseline(results, baseline, lineText);
  }

  // report
  const t = totals(results);
  const shown = o.quiet ? results.map((r) => (r.warningCount ? toResult(r.filePath, r.messages.filter((m) => m.severity === 'error'), r.suppressedCount) : r)) : results;
  const text = (await loadFormatter(format))(shown, { cwd: o.cwd, color: Boolean(o.color) && !o.outputFile, version: o.version });
  if (o.outputFile) {
    const file = path.resolve(o.cwd, o.outputFile);
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, text);
    } catch (err) {
      throw fail(`--output-file ${o.outputFile}: ${(err as Error).message}`);
    }
  } else {
    o.stdout(text);
  }
  if (t.errors) return EXIT.problems;
  if (o.maxWarnings !== undefined && t.warnings > o.maxWarnings) {
    o.stderr(`weekly lint: ${t.warnings} warning${t.warnings === 1 ? '' : 's'}, more than --max-warnings ${o.maxWarnings}\n`);
    return EXIT.problems;
  }
  return EXIT.ok;
}

/** Only UTF-8 notes are rewritten: a UTF-16 or GBK note would not come back byte for byte. */
function isUtf8(bytes: Buffer, config: Config): boolean {
  if (config.encoding === 'gbk') return false;
  return !(bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)));
}
