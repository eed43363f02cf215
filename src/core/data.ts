import type { Aggregate } from './aggregate/index.js';
import { cmp } from './aggregate/text.js';
import { csvField } from './render/markdown.js';
import { pagePath } from './render/view.js';
import type { Tree } from './render/index.js';

/**
 * `data/report.json`: the notes' models and the aggregates, paths relative to the working directory. A team's
 * file, beside its members' trees, lists where each member's models are instead of repeating them: it holds
 * the models of the notes no member wrote, and `authors` names each member's `report.json`. In pieces, one per
 * note and per fact, which joined are `JSON.stringify` of the whole: a team's file runs to hundreds of
 * megabytes, which as one string would be copied and collected whole.
 */
export function* reportJsonPieces(tree: Tree): Generator<string> {
  const members = tree.members ?? [];
  const reports = [...tree.reports].sort((a, b) => cmp(a.file, b.file));
  const authors = members.map((name) => ({ name, report: `${name}/${pagePath.json()}` }));
  // compact: with a thousand notes the indented form runs to tens of megabytes
  yield* jsonPieces({ generator: 'weekly', version: 1, ...(members.length ? { authors } : {}), notes: reports, aggregate: tree.agg }, 3);
  yield '\n';
}

/** `JSON.stringify(value)` in pieces: objects and arrays are opened `depth` levels deep, the rest stringified whole. */
export function* jsonPieces(value: unknown, depth: number): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  const skip = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i) yield ',';
      if (skip(value[i])) yield 'null';
      else yield* jsonPieces(value[i], depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [k, v] of Object.entries(value)) {
    if (skip(v)) continue;
    yield `${first ? '' : ','}${JSON.stringify(k)}:`;
    first = false;
    yield* jsonPieces(v, depth - 1);
  }
  yield '}';
}

/**
 * `data/metrics.csv`: one row per metric value (week, author, metric, value, unit, file, line), RFC 4180
 * quoting, with a UTF-8 byte-order mark so that spreadsheet programs read the Chinese names correctly.
 */
export function metricsCsv(agg: Aggregate): string {
  const noteOf = new Map(agg.notes.map((n) => [`${n.author ?? ''}\u0000${n.week}`, n]));
  const rows: { key: string[]; cells: string[] }[] = [];
  agg.metrics.forEach((s, si) => {
    for (const p of s.points) {
      const n = noteOf.get(`${p.author ?? ''}\u0000${p.week}`);
      const week = n ? `${n.year}-W${String(n.number).padStart(2, '0')}` : p.week;
      rows.push({
        key: [p.week, p.author ?? '', String(si).padStart(6, '0'), p.file, String(p.line).padStart(8, '0')],
        cells: [csvField(week), csvField(p.author), csvField(s.name), csvField(p.value.toFixed(p.decimals), false), csvField(p.unit), csvField(p.file), csvField(p.line, false)],
      });
    }
  });
  rows.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const c = cmp(a.key[i], b.key[i]);
      if (c) return c;
    }
    return 0;
  });
  return `\ufeffweek,author,metric,value,unit,file,line\n${rows.map((r) => r.cells.join(',')).join('\n')}${rows.length ? '\n' : ''}`;
}
