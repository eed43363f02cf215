import type { PlanEntry } from './types.js';
import type { PlacedReport } from './work-items.js';
import { addWeeks } from './weeks.js';
import { cmp, isFollowUp, overlap, tokenKeys, type Overlap } from './text.js';
import { anyOf, CONJUNCTIONS, SUB_ITEM_WORDS } from '../vocabulary.js';

// what joins the parts of a plan: a conjunction (English `and`, `&` as words) or a list separator
const PLAN_PARTS = new RegExp(`${anyOf(CONJUNCTIONS)}|[、，,；;/]|\\s(?:and|&)\\s`, 'i');
const SUB_ITEMS = new RegExp(anyOf(SUB_ITEM_WORDS), 'gi');

type Token = string | number;

interface Candidate {
  kind: 'highlight' | 'work-item' | 'progress' | 'other';
  line: number;
  text: string;
  tokens: Set<Token>;
  /** An item with its sub-items, matched only by plans about sub-items (`POS收单子模块里程碑跟进`). */
  group: boolean;
}

function candidatesOf(p: PlacedReport): Candidate[] {
  const r = p.report;
  const out: Candidate[] = [];
  for (const h of r.highlights) out.push({ kind: 'highlight', line: h.line, text: h.title, tokens: tokenKeys(`${h.title}\n${h.text}`), group: false });
  for (const w of r.workItems) out.push({ kind: 'work-item', line: w.line, text: w.text, tokens: tokenKeys(w.parent ? `${w.parent} ${w.text}` : w.text), group: false });
  // this week's work (本周工作, Progress): what a dialect note reports its plans done in
  for (const i of r.progress ?? []) out.push({ kind: 'progress', line: i.line, text: i.text, tokens: tokenKeys(i.project ? `${i.project} ${i.text}` : i.text), group: false });
  for (const o of r.other) out.push({ kind: 'other', line: o.line, text: o.text, tokens: tokenKeys(o.text), group: false });
  // an item heading sub-items, with all of them: what a plan about its sub-items is followed up by
  for (const w of r.workItems) {
    const subs = r.workItems.filter((x) => x.parent === w.name && x.objective === w.objective && x.line > w.line);
    if (subs.length) out.push({ kind: 'work-item', line: w.line, text: w.text, tokens: tokenKeys([w.text, ...subs.map((x) => x.text)].join('\n')), group: true });
  }
  return out;
}

/**
 * The plan as a whole and, when it joins several things (`A与B`, `A、B`, `A以及B`), each of them: a plan is
 * followed up when any of them is.
 */
export function planParts(text: string): Set<Token>[] {
  const whole = tokenKeys(text);
  const pieces = text.split(PLAN_PARTS).map((t) => tokenKeys(t)).filter((t) => t.size > 0);
  return pieces.length > 1 ? [whole, ...pieces] : [whole];
}

/** A next week's candidates with an inverted index: token → the candidates holding it. */
interface Pool {
  list: Candidate[];
  postings: Map<Token, number[]>;
}

function poolOf(list: Candidate[]): Pool {
  const postings = new Map<Token, number[]>();
  list.forEach((c, i) => {
    for (const t of c.tokens) {
      const ps = postings.get(t);
      if (ps) ps.push(i);
      else postings.set(t, [i]);
    }
  });
  return { list, postings };
}

/** How many of a plan part's tokens a candidate must share to follow it up (see `isFollowUp`). */
const needed = (n: number) => Math.max(Math.ceil(n / 2), Math.min(2, n));

/**
 * The candidates that follow up one of `parts` and may be the best: a part's tokens are read rarest first, each
 * candidate holding one is compared once, and reading stops when a candidate holding none of the tokens read
 * so far could no longer reach the threshold or tie the best found (max-score pruning). A note of 10,000 plans
 * against one of 10,000 items compares a handful of items per plan, not all of them.
 */
function reachable(parts: Set<Token>[], pool: Pool, stats?: MatchStats): number[] {
  const out = new Set<number>();
  for (const part of parts) {
    const n = part.size;
    if (!n) continue;
    const need = needed(n);
    const rare = [...part].map((t) => pool.postings.get(t) ?? []).sort((a, b) => a.length - b.length);
    const seen = new Set<number>();
    let top = 0;
    for (let j = 0; j < n; j++) {
      // a candidate not seen yet holds none of the j rarest tokens: at most n - j of the part's
      if (n - j < need || n - j < top) break;
      for (const i of rare[j]) {
        if (stats) stats.postings++;
        if (seen.has(i)) continue;
        seen.add(i);
        if (stats) stats.compared++;
        const shared = overlap(part, pool.list[i].tokens).shared;
        if (shared >= need) {
          out.add(i);
          top = Math.max(top, shared);
        }
      }
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** Work counters of `matchPlans`: a test reads them to check that matching is not quadratic. */
export interface MatchStats {
  /** Candidates compared with a plan. */
  compared: number;
  /** Index entries read. */
  postings: number;
}

/**
 * Match each 下周工作及目标 item against the same author's note of the following week. A plan is followed up
 * when some highlight (title and body), work item (with its parent's name) or 其他 item covers at least half of
 * the tokens of the plan, or of one of its parts (CJK bigrams and Latin words, stop words removed), and at
 * least two of them; a plan about an item's sub-items (`POS收单子模块里程碑跟进`) also by the item and all its
 * sub-items, the sub-item words aside. The best candidate is kept (highest score; ties: highlights, then work
 * items, then other, then the earlier note and line).
 */
export function matchPlans(placed: PlacedReport[], stats?: MatchStats): PlanEntry[] {
  const byWeek = new Map<string, PlacedReport[]>();
  for (const p of placed) {
    const k = `${p.author ?? ''}\u0000${p.week}`;
    if (!byWeek.has(k)) byWeek.set(k, []);
    byWeek.get(k)!.push(p);
  }
  const pools = new Map<PlacedReport, Pool>();
  const out: PlanEntry[] = [];
  const sorted = [...placed].sort((a, b) => cmp(a.author ?? '', b.author ?? '') || cmp(a.week, b.week) || cmp(a.report.file, b.report.file));
  const kindRank = { highlight: 0, 'work-item': 1, progress: 2, other: 3 } as const;
  for (const p of sorted) {
    const forWeek = addWeeks(p.week, 1);
    const next = (byWeek.get(`${p.author ?? ''}\u0000${forWeek}`) ?? []).slice().sort((a, b) => cmp(a.report.file, b.report.file));
    // the same plan text against the same next notes has the same answer
    const memo = new Map<string, { n: PlacedReport; c: Candidate; score: number } | null>();
    for (const item of p.report.nextWeek) {
      const base = { week: p.week, author: p.author, file: p.report.file, line: item.line, text: item.text, forWeek };
      if (!next.length) {
        out.push({ ...base, status: 'no-next-note', match: null });
        continue;
      }
      let best = memo.get(item.text);
      if (best === undefined) {
        best = null;
        const parts = planParts(item.text);
        const about = item.text.replace(SUB_ITEMS, ' ');
        const subParts = about !== item.text ? planParts(about) : null;
        let rank: [number, number, number, number] | null = null;
        next.forEach((n, ni) => {
          let pool = pools.get(n);
          if (!pool) pools.set(n, (pool = poolOf(candidatesOf(n))));
          for (const ci of reachable(subParts ? [...parts, ...subParts] : parts, pool, stats)) {
            const c = pool.list[ci];
            if (c.group && !subParts) continue;
            const o = (c.group ? subParts! : parts).map((part) => overlap(part, c.tokens)).reduce(better);
            if (!isFollowUp(o)) continue;
            const r: [number, number, number, number] = [-o.score, kindRank[c.kind], ni, c.line];
            if (!rank || before(r, rank)) {
              rank = r;
              best = { n, c, score: o.score };
            }
          }
        });
        memo.set(item.text, best);
      }
      if (best) {
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

/** Whether `a` comes before `b` in lexicographic order. */
function before(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** The better of two overlaps of a plan's parts: one that follows the plan up, else the higher score. */
function better(x: Overlap, y: Overlap): Overlap {
  return (isFollowUp(y) && !isFollowUp(x)) || y.score > x.score ? y : x;
}
