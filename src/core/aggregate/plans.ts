import type { PlanEntry } from './types.js';
import type { PlacedReport } from './work-items.js';
import { addWeeks } from './weeks.js';
import { cmp, isFollowUp, overlap, tokenKeys } from './text.js';
import { anyOf, CONJUNCTIONS } from '../vocabulary.js';

// what joins the parts of a plan: a conjunction or a list separator
const PLAN_PARTS = new RegExp(`${anyOf(CONJUNCTIONS)}|[、，,；;/]`);

interface Candidate {
  kind: 'highlight' | 'work-item' | 'other';
  line: number;
  text: string;
  tokens: Set<string | number>;
}

function candidatesOf(p: PlacedReport): Candidate[] {
  const r = p.report;
  const out: Candidate[] = [];
  for (const h of r.highlights) out.push({ kind: 'highlight', line: h.line, text: h.title, tokens: tokenKeys(`${h.title}\n${h.text}`) });
  for (const w of r.workItems) out.push({ kind: 'work-item', line: w.line, text: w.text, tokens: tokenKeys(w.parent ? `${w.parent} ${w.text}` : w.text) });
  for (const o of r.other) out.push({ kind: 'other', line: o.line, text: o.text, tokens: tokenKeys(o.text) });
  return out;
}

/**
 * The plan as a whole and, when it joins several things (`A与B`, `A、B`, `A以及B`), each of them: a plan is
 * followed up when any of them is.
 */
export function planParts(text: string): Set<string | number>[] {
  const whole = tokenKeys(text);
  const pieces = text.split(PLAN_PARTS).map((t) => tokenKeys(t)).filter((t) => t.size > 0);
  return pieces.length > 1 ? [whole, ...pieces] : [whole];
}

/**
 * Match each 下周工作及目标 item against the same author's note of the following week. A plan is followed up
 * when some highlight (title and body), work item (with its parent's name) or 其他 item covers at least half of
 * the tokens of the plan, or of one of its parts (CJK bigrams and Latin words, stop words removed), and at
 * least two of them. The best
 * candidate is kept (highest score; ties: highlights, then work items, then other, then the earlier line).
 */
export function matchPlans(placed: PlacedReport[]): PlanEntry[] {
  const byWeek = new Map<string, PlacedReport[]>();
  for (const p of placed) {
    const k = `${p.author ?? ''}\u0000${p.week}`;
    if (!byWeek.has(k)) byWeek.set(k, []);
    byWeek.get(k)!.push(p);
  }
  const cache = new Map<PlacedReport, Candidate[]>();
  const out: PlanEntry[] = [];
  const sorted = [...placed].sort((a, b) => cmp(a.author ?? '', b.author ?? '') || cmp(a.week, b.week) || cmp(a.report.file, b.report.file));
  const kindRank = { highlight: 0, 'work-item': 1, other: 2 } as const;
  for (const p of sorted) {
    const forWeek = addWeeks(p.week, 1);
    const next = (byWeek.get(`${p.author ?? ''}\u0000${forWeek}`) ?? []).slice().sort((a, b) => cmp(a.report.file, b.report.file));
    for (const item of p.report.nextWeek) {
      const base = { week: p.week, author: p.author, file: p.report.file, line: item.line, text: item.text, forWeek };
      if (!next.length) {
        out.push({ ...base, status: 'no-next-note', match: null });
        continue;
      }
      const parts = planParts(item.text);
      let best: { n: PlacedReport; c: Candidate; score: number; ok: boolean } | null = null;
      for (const n of next) {
        if (!cache.has(n)) cache.set(n, candidatesOf(n));
        for (const c of cache.get(n)!) {
          const o = parts.map((part) => overlap(part, c.tokens)).reduce((x, y) => (isFollowUp(y) && !isFollowUp(x)) || y.score > x.score ? y : x);
          const ok = isFollowUp(o);
          const better =
            !best ||
            (ok && !best.ok) ||
            (ok === best.ok && (o.score > best.score || (o.score === best.score && (kindRank[c.kind] < kindRank[best.c.kind] || (kindRank[c.kind] === kindRank[best.c.kind] && c.line < best.c.line && n === best.n)))));
          if (better) best = { n, c, score: o.score, ok };
        }
      }
      if (best && best.ok) {
        out.push({
          ...base,
          status: 'followed',
          match: { week: forWeek, author: p.author, file: best.n.report.file, line: best.c.line, kind: best.c.kind, text: best.c.text, score: Math.round(best.score * 1000) / 1000 },
        });
      } else {
        out.push({ ...base, status: 'not-mentioned', match: null });
      }
    }
  }
  return out;
}
