import { stemmer } from 'stemmer';
import { anyOf, ITEM_VALUE_LEADS, ONGOING_MARK, ONGOING_VERBS, STOP_WORDS, STOP_WORDS_EN } from '../vocabulary.js';

/** Fold text for comparison: NFKC (full-width → half-width), lower case, no whitespace. */
export function fold(s: string): string {
  return normal(s).replace(/\s+/g, '');
}

/** NFKC (skipped for text it leaves as it is) and lower case. */
const normal = (s: string) => (NFKC_STABLE.test(s) ? s : s.normalize('NFKC')).toLowerCase();

// text made only of characters NFKC leaves as they are (ASCII, CJK punctuation less U+3000/3036/3038–303A, the
// unified ideographs): most notes' text, which then skips the costly normalisation
// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included, is stable
const NFKC_STABLE = /^[\u0000-\u007f\u3001-\u3035\u3037\u303b-\u303f\u4e00-\u9fff]*$/;

/**
 * The identity of a work item name: folded, without punctuation, without a trailing value (`覆盖率保持100%`
 * → `覆盖率`) and without the `中` of a status that was glued to the name (`金融加密机对接中` → `金融加密机对接`).
 */
export function workItemKey(name: string): string {
  let k = fold(name).replace(/[\p{P}\p{S}]+/gu, '');
  k = k.replace(TRAILING_VALUE, '');
  if (k.length > 3) k = k.replace(GLUED_STATUS, (m) => m.slice(0, -ONGOING_MARK.length));
  return k || fold(name);
}

// a value at the end of a name, with the word that leads to it (`覆盖率保持100%`)
const TRAILING_VALUE = new RegExp(`${anyOf(ITEM_VALUE_LEADS)}?\\d+(?:\\.\\d+)?%?$`, 'u');
const GLUED_STATUS = new RegExp(`${anyOf(ONGOING_VERBS)}${anyOf([ONGOING_MARK])}$`, 'u');
// stop words would make every plan look followed up
const STOP_RE = new RegExp(anyOf(STOP_WORDS), 'g');
const STOP_EN = new Set(STOP_WORDS_EN);

/**
 * `fold`, keeping the space between two words of Latin letters or digits (`referral program`): Chinese text
 * loses its spaces as in `fold` (`支付 成功率` is one run), English keeps its words apart.
 */
function foldWords(s: string): string {
  const t = normal(s);
  return t.replace(/\s+/g, (m: string, at: number) => {
    const before = t[at - 1] ?? '';
    const after = t[at + m.length] ?? '';
    // a word and its number stay one token, as `fold` made them (`JDK 17` is `jdk17`, like `JDK17`)
    return /[a-z0-9]/.test(before) && /[a-z0-9]/.test(after) && !(/[a-z]/.test(before) && /[0-9]/.test(after)) ? ' ' : '';
  });
}
const SURROGATE = /[\ud800-\udfff]/;

/**
 * Tokens of a text for fuzzy matching: character bigrams of each run of CJK characters (a lone character
 * stands for itself), and whole words of Latin letters and digits. Stop words split runs, so no bigram
 * spans one.
 */
export function tokens(text: string): Set<string> {
  return tokenSet(text, false) as Set<string>;
}

/**
 * The same tokens as `tokens`, for matching only: a bigram of two unified ideographs is a small integer (faster to
 * make and look up than a two-character string); anything else stays a string. Compare such sets with each other.
 */
export function tokenKeys(text: string): Set<string | number> {
  return tokenSet(text, true);
}

const HAN_FIRST = 0x4e00;
const HAN_COUNT = 0xa000 - HAN_FIRST;

function tokenSet(text: string, keys: boolean): Set<string | number> {
  const s = foldWords(text).replace(STOP_RE, ' ');
  const out = new Set<string | number>();
  for (const run of s.match(/\p{Script=Han}+|[a-z0-9]+(?:\.[0-9]+)?/gu) ?? []) {
    const c0 = run.charCodeAt(0);
    if (c0 < 0x80) {
      // an English word as its stem (`regions`, `region`), the little words left out
      if (STOP_EN.has(run)) continue;
      const word = /^[a-z]{4,}$/.test(run) ? stemmer(run) : run;
      if (word.length >= 2 || /\d/.test(word)) out.add(word);
      continue;
    }
    if (!SURROGATE.test(run)) {
      // one code unit per character: bigrams are two-unit slices
      if (run.length === 1) out.add(run);
      for (let i = 0; i + 1 < run.length; i++) {
        const a = run.charCodeAt(i) - HAN_FIRST;
        const b = run.charCodeAt(i + 1) - HAN_FIRST;
        out.add(keys && a >= 0 && a < HAN_COUNT && b >= 0 && b < HAN_COUNT ? a * HAN_COUNT + b : run.slice(i, i + 2));
      }
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.add(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  }
  return out;
}

/** A plan matched against a candidate text: how much of the plan the candidate covers. */
export interface Overlap {
  shared: number;
  planTokens: number;
  /** shared / planTokens, 0 when the plan has no tokens */
  score: number;
}

/** Containment of the plan's tokens in the candidate's (asymmetric: candidates are usually longer). */
export function overlap<T extends string | number>(plan: Set<T>, candidate: Set<T>): Overlap {
  let shared = 0;
  for (const t of plan) if (candidate.has(t)) shared++;
  return { shared, planTokens: plan.size, score: plan.size ? shared / plan.size : 0 };
}

/** Threshold of a follow-up: half of the plan's tokens, and at least two of them (or all, when fewer). */
export const FOLLOW_SCORE = 0.5;

/** Whether an overlap is strong enough to count a plan as followed up. */
export function isFollowUp(o: Overlap): boolean {
  return o.score >= FOLLOW_SCORE && o.shared >= Math.min(2, o.planTokens);
}

/** First sentence-ish excerpt of a text, cut at a sentence end when possible, at most `max` characters. */
export function excerpt(text: string, max = 120): string {
  const one = (text.includes('\n') ? text.replace(/\s*\n\s*/g, ' ') : text).trim();
  // fewer code units than `max` is fewer characters too; else count characters (code points) up to `max`
  if (one.length <= max) return one;
  let end = 0;
  for (let n = 0; n < max && end < one.length; n++) end += one.codePointAt(end)! > 0xffff ? 2 : 1;
  if (end >= one.length) return one;
  const head = one.slice(0, end);
  const cut = Math.max(head.lastIndexOf('。'), head.lastIndexOf('；'), head.lastIndexOf('！'), head.lastIndexOf('？'), head.lastIndexOf('. '));
  return cut >= max / 3 ? head.slice(0, cut + 1) : `${head}…`;
}

/** A line of a section kept as written, without its list marker and task box (`- [x] DNS 查询` → `DNS 查询`), trimmed. */
export function writtenLine(raw: string): string {
  return raw.replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '').trim();
}

/** Plain code-unit comparison: locale-independent, so output never depends on the machine. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Indexes of the entries of `list` whose week is in `weeks`, in order. `list` must be sorted by week: the search
 * starts at the first entry not before the set's earliest week and stops after its latest, so a period reads only
 * its own stretch of a long series.
 */
export function indexesIn(list: readonly { week: string }[], weeks: ReadonlySet<string>): number[] {
  const b = boundsOf(weeks);
  const out: number[] = [];
  if (!b || !list.length) return out;
  const [first, last] = b;
  let i = 0;
  let j = list.length;
  while (i < j) {
    const mid = (i + j) >>> 1;
    if (list[mid].week < first) i = mid + 1;
    else j = mid;
  }
  for (; i < list.length && list[i].week <= last; i++) if (weeks.has(list[i].week)) out.push(i);
  return out;
}

/** The earliest and latest week of a set (null when empty). */
export function boundsOf(weeks: ReadonlySet<string>): readonly [string, string] | null {
  let lo: string | null = null;
  let hi: string | null = null;
  for (const w of weeks) {
    if (lo === null || w < lo) lo = w;
    if (hi === null || w > hi) hi = w;
  }
  return lo === null || hi === null ? null : [lo, hi];
}
