import path from 'node:path';
import type { Config, RuleSetting } from '../core/config.js';
import { WeeklyError } from '../core/errors.js';
import { activeRules, lintAcross, noteResult, unreadableResult, type LintResult } from '../core/lint/index.js';
import { applyBaseline, makeBaseline, parseBaseline, type LineText } from '../core/lint/baseline.js';
import { applyFixes } from '../core/lint/fix.js';
import { notNoteReason } from '../core/parse/kind.js';
import type { InputEncoding } from '../core/parse/decode.js';
import { RULES_BY_ID } from '../rules/index.js';
import { cachePaths, openLintCache, sha256, type LintCache } from '../io/cache.js';
import { readNote, readTextFile } from '../io/read.js';
import { writeFileAtomic } from '../io/writer.js';
import { cacheLocation, loadNotes, type LintedNote } from './load.js';
import { resolveWorkspace, type Workspace } from './workspace.js';

/** What `weekly lint` is asked to do. */
export interface LintRequest {
  cwd: string;
  /** Files, folders and globs; default the config's `notes`, else `.`. */
  inputs: string[];
  config?: string;
  encoding?: InputEncoding;
  /** `rule-id:severity` overrides, after the config. */
  rule?: string[];
  fix?: boolean;
  fixDryRun?: boolean;
  baseline?: string;
  writeBaseline?: string;
  cache?: boolean;
  cacheLocation?: string;
  /** Files the command will write besides notes (`--output-file`): refused when one is a note. */
  outputFile?: string;
  version?: string;
  /** Called as notes are read (the CLI draws a progress bar with it). */
  onProgress?: (done: number, total: number) => void;
  /** Called between linting and writing fixes: the seam a test changes a note through, as an editor would. */
  beforeFixWrite?: () => Promise<void>;
}

/** What linting found and did. */
export interface LintOutcome {
  /** One per note, sorted by path, after the baseline. */
  results: LintResult[];
  /** `--fix-dry-run`: the fixes as a unified diff. */
  diff: string;
  /** Notes `--fix` rewrote. */
  fixed: string[];
  /** What the user should know that is not a problem in a note (a note not fixed, a baseline written). */
  notices: string[];
  /** `--write-baseline`: problems written to it. */
  baselineCount: number | null;
}

/** The config with `--rule id:severity` flags applied. */
export function applyRuleFlags(config: Config, flags: string[] | undefined): Config {
  if (!flags?.length) return config;
  const rules: Record<string, RuleSetting> = { ...(config.rules ?? {}) };
  for (const flag of flags) {
    const m = /^\s*([a-z0-9-]+)\s*[:=]\s*(off|warn|error)\s*$/.exec(flag);
    if (!m) throw new WeeklyError(`--rule \`${flag}\`: expected \`rule-id:off|warn|error\``);
    if (!RULES_BY_ID.has(m[1])) throw new WeeklyError(`--rule \`${flag}\`: unknown rule \`${m[1]}\``);
    const prev = rules[m[1]];
    rules[m[1]] = Array.isArray(prev) ? [m[2] as 'off' | 'warn' | 'error', prev[1]] : (m[2] as 'off' | 'warn' | 'error');
  }
  return { ...config, rules };
}

/** Line text of the notes that have problems (for the baseline), read again from disk or taken from fixes. */
async function lineTextOf(results: LintResult[], texts: Map<string, string>, ws: Workspace): Promise<LineText> {
  const split = new Map<string, string[]>();
  for (const r of results) {
    if (!r.messages.length) continue;
    let text = texts.get(r.filePath);
    if (text === undefined) {
      const read = await readNote(path.resolve(ws.cwd, r.filePath), { encoding: ws.config.encoding, maxBytes: ws.config.maxFileSize });
      text = read.ok ? read.text : '';
    }
    split.set(r.filePath, text.split(/\r\n|\r|\n/));
  }
  return (file, line) => split.get(file)?.[line - 1] ?? '';
}

/** Only UTF-8 notes are rewritten: a UTF-16 or GBK note would not come back byte for byte. */
function isUtf8(bytes: Buffer, config: Config): boolean {
  if (config.encoding === 'gbk') return false;
  return !(bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)));
}

/**
 * Lint the notes of a workspace: read and parse them (through the cache, in worker threads when there are
 * many), run the rules, apply fixes and the baseline. Fixes are applied to the bytes that were linted: a note
 * whose bytes changed since (an editor's autosave) is left alone and named in the notices.
 */
export async function lint(req: LintRequest): Promise<LintOutcome> {
  const ws = await resolveWorkspace({ cwd: req.cwd, inputs: req.inputs, config: req.config, encoding: req.encoding });
  const config = applyRuleFlags(ws.config, req.rule);
  const rules = activeRules(config);

  // a report, a baseline or a cache written over a note would lose it: only --fix writes notes
  const noteSet = new Set(ws.files.map((f) => path.resolve(ws.cwd, f)));
  const cacheFile = req.cache ? (await cachePaths(cacheLocation(ws.cwd, req.cacheLocation))).lint : null;
  for (const [flag, given, abs] of [
    ['--output-file', req.outputFile, req.outputFile && path.resolve(ws.cwd, req.outputFile)],
    ['--write-baseline', req.writeBaseline, req.writeBaseline && path.resolve(ws.cwd, req.writeBaseline)],
    ['--cache-location', req.cacheLocation ?? '', cacheFile],
  ] as const) {
    if (abs && noteSet.has(abs)) throw new WeeklyError(`${flag} ${given} is one of the notes being linted: choose another file`);
  }

  const index: LintCache | null = cacheFile ? await openLintCache(cacheFile, { version: req.version ?? '0', config }) : null;
  const fixing = Boolean(req.fix || req.fixDryRun);
  const notes = await loadNotes(ws.files, { cwd: ws.cwd, config, lint: { index, hash: fixing }, onProgress: req.onProgress });
  const unreadable: LintResult[] = [];
  for (const f of notes.failures) {
    if (ws.explicit.has(f.file)) throw new WeeklyError(`${f.file}: ${f.reason}`, 'input');
    unreadable.push(unreadableResult(f.file, f.reason));
  }
  // files found in a folder that are no weekly notes (a README.md, a Notion page of meeting notes): no problem of
  // theirs is reported or fixed, and no rule across notes sees them; a file named on the command line is a note
  const skipped = new Set<string>();
  const assemble = (all: LintedNote[]): LintResult[] => {
    const linted: LintedNote[] = [];
    for (const n of all) {
      if (ws.explicit.has(n.facts.file) || !notNoteReason(n.facts)) linted.push(n);
      else skipped.add(n.facts.file);
    }
    const across = lintAcross(linted.map((n) => n.facts), rules, config, ws.root);
    const results = linted.map((n) => noteResult(n.facts, [...n.messages, ...(across.get(n.facts.file) ?? [])]));
    return [...results, ...unreadable].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  };
  let results = assemble(notes.notes);

  const notices: string[] = [];
  if (skipped.size) notices.push(skippedNotice([...skipped].sort()));
  const fixedTexts = new Map<string, string>();
  const fixed: string[] = [];
  let diff = '';
  if (fixing) {
    await req.beforeFixWrite?.();
    // loaded only for a dry run
    const patch = req.fixDryRun ? (await import('diff')).createTwoFilesPatch : null;
    for (const r of results) {
      const fixes = r.messages.flatMap((m) => (m.fix ? [m.fix] : []));
      if (!fixes.length) continue;
      const abs = path.resolve(ws.cwd, r.filePath);
      const read = await readNote(abs, { encoding: config.encoding, maxBytes: config.maxFileSize });
      if (!read.ok) continue;
      if (read.bytes.length && sha256(read.bytes) !== notes.shas.get(r.filePath)) {
        notices.push(`${r.filePath}: not fixed: it changed since it was linted; run again`);
        continue;
      }
      if (!isUtf8(read.bytes, config)) {
        notices.push(`${r.filePath}: not fixed: only UTF-8 notes are rewritten`);
        continue;
      }
      const out = applyFixes(read.text, fixes);
      if (out.text === read.text) continue;
      // git's layout: no `====` banner above the file names
      if (patch) diff += patch(`a/${r.filePath}`, `b/${r.filePath}`, read.text, out.text, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
      if (req.fix) {
        const bytes = Buffer.from((read.bom ? '\ufeff' : '') + out.text, 'utf8');
        // checked again at the last moment: an edit saved while the fixes were made is never overwritten
        const now = await readTextFile(abs).catch(() => null);
        if (now === null || sha256(now) !== sha256(read.bytes)) {
          notices.push(`${r.filePath}: not fixed: it changed since it was linted; run again`);
          continue;
        }
        try {
          await writeFileAtomic(abs, bytes);
        } catch (err) {
          throw new WeeklyError(`${r.filePath}: could not write the fix: ${(err as Error).message}`, 'output');
        }
        fixed.push(r.filePath);
      }
      fixedTexts.set(r.filePath, out.text);
    }
    if (fixedTexts.size) {
      const again = await loadNotes(
        notes.notes.map((n) => n.facts.file),
        { cwd: ws.cwd, config, lint: { known: notes.raw, texts: fixedTexts } },
      );
      results = assemble(again.notes);
    }
  }
  await index?.save();

  const lineText = req.writeBaseline || req.baseline ? await lineTextOf(results, fixedTexts, ws) : () => '';
  let baselineCount: number | null = null;
  if (req.writeBaseline) {
    const file = path.resolve(ws.cwd, req.writeBaseline);
    const base = path.dirname(file);
    const rel = (f: string) => path.relative(base, path.resolve(ws.cwd, f)).split(path.sep).join('/');
    const baseline = makeBaseline(results, lineText);
    baseline.entries = baseline.entries.map((e) => ({ ...e, file: rel(e.file) }));
    try {
      await writeFileAtomic(file, `${JSON.stringify(baseline, null, 2)}\n`, { mkdir: true });
    } catch (err) {
      throw new WeeklyError(`${req.writeBaseline}: could not write the baseline: ${(err as Error).message}`, 'output');
    }
    baselineCount = baseline.entries.reduce((a, e) => a + e.count, 0);
  } else if (req.baseline) {
    const file = path.resolve(ws.cwd, req.baseline);
    const text = await readTextFile(file).then((b) => b.toString('utf8'), () => null);
    if (text === null) throw new WeeklyError(`--baseline ${req.baseline}: no such file (write one with --write-baseline)`, 'input');
    const baseline = parseBaseline(text);
    if (!baseline) throw new WeeklyError(`--baseline ${req.baseline}: not a baseline written by --write-baseline`, 'input');
    const toCwd = (f: string) => path.relative(ws.cwd, path.resolve(path.dirname(file), f)).split(path.sep).join('/');
    baseline.entries = baseline.entries.map((e) => ({ ...e, file: toCwd(e.file) }));
    results = applyBaseline(results, baseline, lineText);
  }
  return { results, diff, fixed, notices, baselineCount };
}

/** The one line that names the files lint skipped as no weekly notes (the first five, and how many more). */
export function skippedNotice(files: string[]): string {
  const shown = files.slice(0, 5).join(', ') + (files.length > 5 ? `, and ${files.length - 5} more` : '');
  return `skipped ${files.length} file${files.length === 1 ? '' : 's'} that ${files.length === 1 ? 'is no weekly note' : 'are no weekly notes'} (no week or date in the title, file name or frontmatter, and no section weekly knows): ${shown}`;
}

/** Write a lint report to `--output-file` (atomically, making its folder). */
export async function writeReportFile(cwd: string, file: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path.resolve(cwd, file), text, { mkdir: true });
  } catch (err) {
    throw new WeeklyError(`--output-file ${file}: ${(err as Error).message}`, 'output');
  }
}
