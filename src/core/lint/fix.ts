import type { Fix } from './rule.js';

/** Start offset of each line, and the line ending each line ends with ('' for the last). */
function lineTable(text: string): { starts: number[]; eols: string[] } {
  const starts = [0];
  const eols: string[] = [];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    eols.push(m[0]);
    starts.push(m.index + m[0].length);
  }
  eols.push('');
  return { starts, eols };
}

/**
 * Apply fixes to a note's text. Fixes that overlap one applied before are left for a later run. Inserted line
 * breaks take the line ending of the line they are inserted at (or the file's first one), so a CRLF note stays
 * CRLF; every character outside the fixed ranges is kept as it was.
 */
export function applyFixes(text: string, fixes: Fix[]): { text: string; applied: number } {
  const { starts, eols } = lineTable(text);
  const firstEol = eols.find((e) => e !== '') ?? '\n';
  const offset = (line: number, column: number) => (line > starts.length ? text.length : Math.min(text.length, starts[line - 1] + column - 1));
  const edits = fixes
    .map((f) => {
      const start = offset(f.line, f.column);
      const end = offset(f.endLine, f.endColumn);
      const eol = eols[Math.min(f.line, eols.length) - 1] || firstEol;
      let insert = f.text.replace(/\n/g, eol);
      // appending after a last line that has no line ending: end that line first
      if (f.line > starts.length && text.length > 0 && !/[\r\n]$/.test(text)) insert = eol + insert;
      return { start, end, insert };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  let applied = 0;
  for (const e of edits) {
    if (e.start < pos) continue;
    out += text.slice(pos, e.start) + e.insert;
    pos = e.end;
    applied++;
  }
  return { text: out + text.slice(pos), applied };
}
