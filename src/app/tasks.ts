import type { Config } from '../core/config.js';
import { readNoteSync } from '../io/read.js';
import { activeRules, factsOf, lintNote, type LintMessage, type NoteFacts } from '../core/lint/index.js';
import type { Report, WeekNumbering } from '../core/model.js';
import { applyNumbering, applySettlement, parseNote, type ParseOptions, type Settlement } from '../core/parse/index.js';
import type { InputEncoding } from '../core/parse/decode.js';
import { readModel, sha256, writeModel, type ModelStore } from '../io/cache.js';

/** What every note of one load shares; sent once to each worker. Plain data (structured-cloneable). */
export interface TaskSetup {
  parse: ParseOptions;
  read: { encoding?: InputEncoding; maxBytes?: number };
  /** Run the per-note lint rules of this config, and send back facts and problems instead of the model. */
  lint?: Config;
  /** Look models up in, and add them to, this content-addressed store. */
  models?: ModelStore;
  /** Send back the sha256 of each note's bytes (the lint cache compares it) and its stamp (`stampOf`), when it has one. */
  hash?: boolean;
}

/** One note to load. */
export interface TaskInput {
  /** Path as reported (relative to the working directory, `/`). */
  file: string;
  abs: string;
  /** Settle the week under this numbering before the rules run (what `harmonizeWeeks` decided). */
  numbering?: WeekNumbering;
  /** The week and date its series settled (`harmonizeWeeks`: numbering, years, date order, relative weeks, git dates), put in place before the rules run. */
  settle?: Settlement;
  /** The note's text, when it is not to be read from disk (a `--fix-dry-run` result). */
  text?: string;
}

/** What came of one note. */
export type TaskOutput =
  | { file: string; ok: false; reason: string }
  | { file: string; ok: true; sha?: string; report: Report }
  | { file: string; ok: true; sha?: string; stamp?: string; facts: NoteFacts; messages: LintMessage[] }
  /** A bug in weekly (a rule that threw): the whole load fails with it. */
  | { file: string; ok: false; error: string };

/** Parsed notes kept in memory by the caller (watch mode), keyed by path and bytes; used in-process only. */
export interface NoteCache {
  get(file: string, bytes: Uint8Array): Report | undefined;
  set(file: string, bytes: Uint8Array, report: Report): void;
}

/** The function that loads one note under `setup`; the same in a worker and in-process, so both give the same models. */
export function createRunner(setup: TaskSetup, noteCache?: NoteCache): (t: TaskInput) => Promise<TaskOutput> {
  const rules = setup.lint ? activeRules(setup.lint) : null;
  return async (t) => {
    try {
      let text: string;
      let sha: string | undefined;
      let stamp: string | null | undefined;
      let bytes: Uint8Array | undefined;
      if (t.text !== undefined) {
        text = t.text;
      } else {
        const read = readNoteSync(t.abs, setup.read);
        if (!read.ok) return { file: t.file, ok: false, reason: read.reason };
        if (setup.hash || setup.models) sha = sha256(read.bytes);
        if (setup.hash) stamp = read.stamp;
        text = read.text;
        bytes = read.bytes;
      }
      let report = bytes && noteCache ? noteCache.get(t.file, bytes) : undefined;
      if (!report && setup.models && sha) report = readModel(setup.models, t.file, sha);
      if (!report) {
        report = parseNote(text, t.file, setup.parse);
        if (setup.models && sha) writeModel(setup.models, t.file, sha, report);
      }
      if (bytes && noteCache) noteCache.set(t.file, bytes, report);
      if (!rules || !setup.lint) return sha === undefined ? { file: t.file, ok: true, report } : { file: t.file, ok: true, sha, report };
      if (t.settle) applySettlement(report, t.settle);
      else if (t.numbering) applyNumbering(report, t.numbering);
      const messages = lintNote(report, rules, setup.lint);
      return { file: t.file, ok: true, ...(sha === undefined ? {} : { sha }), ...(stamp ? { stamp } : {}), facts: factsOf(report), messages };
    } catch (err) {
      return { file: t.file, ok: false, error: (err as Error)?.message ?? String(err) };
    }
  };
}
