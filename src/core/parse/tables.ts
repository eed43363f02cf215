import type { Metric, Section } from '../model.js';
import { anyOf, CURRENT_COLUMN_WORDS, PREVIOUS_COLUMN_WORDS, TARGET_COLUMN_WORDS } from '../vocabulary.js';
import { readCellValue } from './metrics.js';

/** A table cell: its text and the 1-based column where the text starts. */
interface Cell {
  text: string;
  column: number;
}

/** Split a table row into cells with the column where each cell's text starts. */
export function splitRow(line: string): Cell[] {
  const cells: Cell[] = [];
  let i = line.indexOf('|') === line.search(/\S/) ? line.indexOf('|') + 1 : 0;
  let start = i;
  for (; i <= line.length; i++) {
    if (i === line.length || (line[i] === '|' && line[i - 1] !== '\\')) {
      const raw = line.slice(start, i);
      if (i < line.length || raw.trim() !== '') {
        const lead = raw.length - raw.trimStart().length;
        cells.push({ text: raw.trim(), column: start + lead + 1 });
      }
      start = i + 1;
    }
  }
  return cells;
}

// a space in a header word stands for any spacing (`this week`, `thisweek`)
const headerWords = (words: readonly string[]) => new RegExp(anyOf(words).replace(/ /g, '\\s*'), 'i');
const CURRENT_COLUMN = headerWords(CURRENT_COLUMN_WORDS);
const PREVIOUS_COLUMN = headerWords(PREVIOUS_COLUMN_WORDS);
const TARGET_COLUMN = headerWords(TARGET_COLUMN_WORDS);

const fold = (s: string) => s.normalize('NFKC').replace(/[\s*_`]/g, '').toLowerCase();

/** Columns of one list of metrics in a table: the name, this week's value, the other value columns. */
interface Layout {
  name: number;
  value: number;
  others: number[];
}

/**
 * How a table lists metrics. One list: the name in the first column, this week's value in the column whose header
 * says so (`本周`, `This week`) or else the second, every other column a value of its own (`上周`, `目标`). Side by
 * side: a header that repeats itself (`| 用例 | 得分 | 用例 | 得分 |`) holds two lists, each read alike.
 */
function layouts(header: Cell[]): Layout[] {
  const n = header.length;
  const half = n / 2;
  if (n >= 4 && n % 2 === 0 && header.slice(0, half).every((h, i) => fold(h.text) === fold(header[half + i].text))) {
    return [0, half].flatMap((from) => layouts(header.slice(from, from + half)).map((l) => shift(l, from)));
  }
  let value = header.findIndex((h, i) => i > 0 && CURRENT_COLUMN.test(h.text));
  if (value < 0) value = 1;
  const others: number[] = [];
  for (let i = 1; i < n; i++) if (i !== value) others.push(i);
  return [{ name: 0, value, others }];
}

function shift(l: Layout, by: number): Layout {
  return { name: l.name + by, value: l.value + by, others: l.others.map((o) => o + by) };
}

function roleOf(label: string): 'previous' | 'target' | 'other' {
  if (PREVIOUS_COLUMN.test(label)) return 'previous';
  if (TARGET_COLUMN.test(label)) return 'target';
  return 'other';
}

/** The metrics of a table in a metrics or objective section: one per row and list, with its other columns' values. */
export function readTableMetrics(lines: string[], table: { line: number; endLine: number }, s: Section): Metric[] {
  const header = splitRow(lines[table.line - 1]);
  const lists = layouts(header);
  const out: Metric[] = [];
  for (const layout of lists) {
    for (let l = table.line + 2; l <= table.endLine; l++) {
      const cells = splitRow(lines[l - 1]);
      const name = cells[layout.name]?.text.replace(/[*_`]/g, '').trim();
      const cell = cells[layout.value];
      if (!name || !cell) continue;
      const v = readCellValue(cell.text);
      if (!v) continue;
      const m: Metric = {
        name,
        value: v.value,
        unit: v.unit,
        line: l,
        column: cell.column + v.offset,
        endColumn: cell.column + v.offset + v.text.length,
        nameColumn: cells[layout.name].column,
        section: s.id,
        objective: s.objective ?? null,
        group: null,
        text: v.text,
        decimals: v.decimals,
      };
      const r = /[（(]\s*(\d+)\s*[/／]\s*(\d+)\s*[)）]/.exec(v.text);
      if (r && v.unit === '%') {
        m.numerator = Number(r[1]);
        m.denominator = Number(r[2]);
        m.ratio = 'explicit';
        m.ratioColumn = m.column + r.index;
        m.ratioEndColumn = m.column + r.index + r[0].length;
      }
      const others: NonNullable<Metric['others']> = [];
      for (const i of layout.others) {
        const o = cells[i] && readCellValue(cells[i].text);
        if (!o || !header[i]) continue;
        others.push({ label: header[i].text, role: roleOf(header[i].text), value: o.value, unit: o.unit, text: o.text, column: cells[i].column + o.offset });
      }
      if (others.length) m.others = others;
      out.push(m);
    }
  }
  return out;
}
