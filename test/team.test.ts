import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { genNotes, tempDir, weekly } from './build-helpers.js';

// The team's page of a month checked against what each member's notes hold for it (read from report.json, the
// build's data, not from the team page): every incident, completion and slip of the month appears exactly once
// on its member's line, the rows of metrics several members report carry the members' own min, median and max,
// and every member's page of the month is linked.

interface Agg {
  workItems: { id: string; name: string; slips: { to: { n: number }; days: number }[] }[];
  incidents: { summary: string }[];
  metrics: { id: string; name: string; unit: string | null; points: { n: number; value: number; decimals: number }[] }[];
  scopes: { periods: { month: { key: string; weeksInSpan: string[]; items: { item: number; completedWeek?: string; slips?: number[] }[]; incidents: { list?: number[] }; metrics: { series: number; count: number }[] }[] } }[];
}

let out: string;
let json: { authors: Record<string, Agg>; notes: { file: string; week: string | null }[] };
const MONTH = '2023-04';
let page: string;

beforeAll(async () => {
  const ws = await tempDir('weekly-team-');
  genNotes(path.join(ws, 'notes'), 4, 30, 11);
  expect((await weekly(ws, 'build', 'notes', '--out', 'out', '--quiet')).code).toBe(0);
  out = path.join(ws, 'out');
  json = JSON.parse(readFileSync(path.join(out, 'data/report.json'), 'utf8'));
  page = readFileSync(path.join(out, `monthly/${MONTH}.md`), 'utf8');
});

/** A member's line under 明细, or '' when they have none. */
const detailLine = (author: string) => page.split('\n').find((l) => l.startsWith(`- [${author}](../${author}/monthly/${MONTH}.md)：`)) ?? '';
/** A name as a detail line quotes it: cut at 20 characters with …. */
const quoted = (s: string) => (Array.from(s).length > 20 ? `${Array.from(s).slice(0, 19).join('')}…` : s);
const count = (hay: string, needle: string) => hay.split(needle).length - 1;

describe(`the team's page of ${MONTH} against each member's notes`, () => {
  it('links to every member\'s page of the month, one line each', () => {
    const authors = Object.keys(json.authors);
    expect(authors).toHaveLength(4);
    for (const a of authors) expect(count(page, `| [${a}](../${a}/monthly/${MONTH}.md) |`)).toBe(1);
  });

  it('names every completion, slip and incident of the month once, on its member\'s line', () => {
    let facts = 0;
    let again = 0;
    for (const [author, agg] of Object.entries(json.authors)) {
      const p = agg.scopes[0].periods.month.find((x) => x.key === MONTH);
      if (!p) continue;
      const line = detailLine(author);
      // a period points to its items and series by their place in the author's lists
      const track = new Map(agg.workItems.map((t, i) => [i, t]));
      const completed = p.items.filter((i) => i.completedWeek).map((i) => track.get(i.item)!.name);
      const slips = p.items.flatMap((i) => (i.slips ?? []).map((s) => ({ name: track.get(i.item)!.name, days: track.get(i.item)!.slips[s].days })));
      const incidents = (p.incidents.list ?? []).map((i) => agg.incidents[i].summary);
      // the member's line, segment by segment: 完成 a、b；延期 c（6天）、d（38、9天）；事件 e、…
      const text = (kind: string) => new RegExp(`${kind} ([^；]*)`).exec(line)?.[1] ?? '';
      const segment = (kind: string) => (text(kind) ? text(kind).split('、') : []);
      expect(segment('完成').sort(), `${author}: completed`).toEqual(completed.map(quoted).sort());
      // an item that slipped more than once is named once, with each delay in the order they came
      const byItem = new Map<string, number[]>();
      for (const s of slips) byItem.set(s.name, [...(byItem.get(s.name) ?? []), s.days]);
      const slipped = text('延期').match(/[^、]+?（[\d、]+天）/g) ?? [];
      expect(slipped.join('、'), `${author}: slips, nothing else`).toBe(text('延期'));
      expect(slipped.sort(), `${author}: slips`).toEqual([...byItem].map(([name, days]) => `${quoted(name)}（${days.join('、')}天）`).sort());
      again += [...byItem.values()].filter((d) => d.length > 1).length;
      expect(segment('事件').sort(), `${author}: incidents`).toEqual(incidents.map(quoted).sort());
      facts += completed.length + slips.length + incidents.length;
      // the counts on the member's row of the table agree
      const row = page.split('\n').find((l) => l.startsWith(`| [${author}](`))!;
      const cells = row.split('|').map((c) => c.trim());
      expect([Number(cells[3]), Number(cells[4]), Number(cells[5])]).toEqual([completed.length, slips.length, incidents.length]);
    }
    expect(facts).toBeGreaterThan(10);
    // the month has items that slipped more than once: their grouping is checked above
    expect(again).toBeGreaterThan(0);
  });

  it('gives each metric several members report one row, with the members\' own min, median and max', () => {
    const byName = new Map<string, { value: number; decimals: number; unit: string | null }[]>();
    for (const agg of Object.values(json.authors)) {
      const p = agg.scopes[0].periods.month.find((x) => x.key === MONTH);
      if (!p) continue;
      for (const st of p.metrics) {
        const s = agg.metrics[st.series];
        // the member's last value of the month
        const inMonth = s.points.filter((pt) => p.weeksInSpan.includes(json.notes[pt.n].week!));
        if (!inMonth.length) continue;
        const last = inMonth[inMonth.length - 1];
        if (!byName.has(s.name)) byName.set(s.name, []);
        byName.get(s.name)!.push({ value: last.value, decimals: last.decimals, unit: s.unit });
      }
    }
    const shared = [...byName].filter(([, v]) => v.length >= 2 && v.every((x) => x.unit === v[0].unit));
    expect(shared.length).toBeGreaterThan(3);
    for (const [name, values] of shared) {
      const sorted = values.map((v) => v.value).sort((a, b) => a - b);
      const mid = sorted.length % 2 ? sorted[sorted.length >> 1] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
      const row = page.split('\n').find((l) => l.startsWith(`| ${name} | ${values.length} |`));
      expect(row, name).toBeDefined();
      const [, , , min, median, max] = row!.split('|').map((c) => c.trim());
      const num = (s: string) => Number(s.replace(/[^\d.-]/g, ''));
      expect(num(min), `${name} min`).toBe(sorted[0]);
      expect(num(max), `${name} max`).toBe(sorted[sorted.length - 1]);
      expect(num(median), `${name} median`).toBeCloseTo(mid, 6);
    }
  });
});
