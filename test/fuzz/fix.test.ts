import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseNote } from '../../src/core/parse/index.js';
import { lintReports, type Fix } from '../../src/core/lint/index.js';
import { applyFixes } from '../../src/core/lint/fix.js';
import { mutatedNote, params, runs, TIMEOUT } from './arbitraries.js';

/** Offset of a fix position, counting lines as the parser does (CRLF, CR and LF each end a line). */
function offsetOf(text: string, line: number, column: number): number {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return line > starts.length ? text.length : Math.min(text.length, starts[line - 1] + column - 1);
}

/** Fixes that do not overlap, in file order (applyFixes leaves overlapping ones for a later run). */
function disjoint(text: string, fixes: Fix[]): { f: Fix; start: number; end: number }[] {
  const spans = fixes.map((f) => ({ f, start: offsetOf(text, f.line, f.column), end: offsetOf(text, f.endLine, f.endColumn) })).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: typeof spans = [];
  for (const s of spans) if (!out.length || s.start >= out[out.length - 1].end) out.push(s);
  return out;
}

/** Fixes on a note with BOM-less text in every line-ending style, and with trailing spaces and no final newline. */
const noteForFix = fc.tuple(mutatedNote, fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean()).map(([n, eol, trailing, finalEol]) => {
  let t = n.text.replace(/\r\n|\r|\n/g, trailing ? `  ${eol}` : eol);
  t = finalEol ? t : t.replace(/(\r\n|\r|\n)+$/, '');
  // something to fix: a bracketed heading with a colon, and a note missing some sections
  return { file: n.file, text: t.replace(/##\s*【系统运行数据】/, '## [系统运行数据]:') };
});

describe('lint --fix under fuzzing', () => {
  it('keeps every character outside the fixed ranges; what it inserts is the fix text in the line ending of the file', () => {
    fc.assert(
      fc.property(noteForFix, ({ file, text }) => {
        const report = parseNote(text, file);
        const fixes = lintReports([report], {})[0].messages.flatMap((m) => (m.fix ? [m.fix] : []));
        const spans = disjoint(text, fixes);
        const out = applyFixes(text, spans.map((s) => s.f)).text;
        let at = 0;
        let prev = 0;
        for (const s of spans) {
          const kept = text.slice(prev, s.start);
          expect(out.startsWith(kept, at), `text before ${s.f.line}:${s.f.column} changed`).toBe(true);
          at += kept.length;
          // the fix text, its \n written as one of the file's line endings, maybe after one that ends the last line
          const inserted = ['\n', '\r\n', '\r'].flatMap((e) => [s.f.text.replace(/\n/g, e), e + s.f.text.replace(/\n/g, e)]).filter((c) => out.startsWith(c, at)).sort((a, b) => b.length - a.length)[0];
          expect(inserted, `fix at ${s.f.line}:${s.f.column} not inserted as written`).toBeDefined();
          at += inserted!.length;
          prev = s.end;
        }
        expect(out.slice(at)).toBe(text.slice(prev));
        // a CRLF note stays CRLF, a CR note CR: no bare \n is inserted into a file that has none
        if (!/\n/.test(text.replace(/\r\n/g, '')) && /\r\n/.test(text)) expect(out.replace(/\r\n/g, '')).not.toMatch(/\n/);
      }),
      params(runs(100)),
    );
  }, TIMEOUT);
});
