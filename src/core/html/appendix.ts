import type { Aggregate, PeriodAgg, Scope, Source } from '../aggregate/index.js';
import { slotOf } from '../aggregate/weeks.js';
import type { LocaleStrings } from '../render/locale.js';
import { esc } from './escape.js';

/** What an appendix is made of: a period of a scope, its locale, and where a citation of a note's line links to. */
export interface AppendixInput {
  agg: Aggregate;
  scope: Scope;
  period: PeriodAgg;
  locale: LocaleStrings;
  /** The `href` of a note's line from the page (its HTML page when the site has one). */
  href: (s: Source) => string;
  /** Series shown as charts in the page's sections; the others get theirs here. */
  charted: Set<string>;
  /** Charts of the other series, drawn by the caller. */
  moreCharts: string;
}

const details = (summary: string, body: string) => (body ? `<details><summary>${esc(summary)}</summary>${body}</details>` : '');

/**
 * The details a reader looks up rather than reads, in the HTML page only, folded (and so left out when printed):
 * every metric's every week, each work item's statuses week by week, every plan with what followed it up, every
 * 其他 item and each reflection in full. Note text is escaped; every fact links to its note's line.
 */
export function appendixHtml(a: AppendixInput): string {
  const { agg, period: p, locale: S } = a;
  const L = S.labels;
  const notes = new Map(agg.notes.map((n) => [`${n.author ?? ''}\u0000${n.week}`, n]));
  const week = (s: Source) => {
    const n = notes.get(`${s.author ?? ''}\u0000${s.week}`);
    const ref = n ? { year: n.year, number: n.number } : slotOf(s.week, agg.settings.numbering);
    return L.week(ref.year, ref.number, false);
  };
  const cite = (s: Source, label = week(s)) => `<a href="${esc(a.href(s))}">${esc(label)}</a>`;
  const parts: string[] = [];

  // every metric, every week of the period
  const series = new Map(agg.metrics.map((s) => [s.id, s]));
  const tracks = new Map(agg.workItems.map((t) => [t.id, t]));
  const rows = p.metrics.map((st) => {
    const s = series.get(st.series)!;
    const values = s.points.slice(st.first, st.last + 1).map((pt) => `${cite(pt)} ${esc(pt.text)}`);
    const unread = st.unreadable.map((i) => s.unreadable[i]).map((u) => `${cite(u)} <del>${esc(u.text)}</del>`);
    return `<tr><td>${esc(s.name)}</td><td>${[...values, ...unread].join(' · ')}</td></tr>`;
  });
  if (rows.length) parts.push(details(S.t('html.appendix.metrics'), `<div class="table-wrap"><table><thead><tr><th>${esc(S.t('html.appendix.metric'))}</th><th>${esc(S.t('html.appendix.weeks'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>${a.moreCharts}`));

  // each item's statuses, week by week
  const items = p.items.map((pi) => {
    const t = tracks.get(pi.item)!;
    const chain = pi.mentions
      .map((i) => t.mentions[i])
      .filter((m) => !m.metricOnly)
      .map((m) => `${esc(m.detail ?? S.t('html.appendix.mentioned'))} (${cite(m)})`);
    return chain.length ? `<li><strong>${esc(t.name)}</strong>: ${chain.join(' → ')}</li>` : '';
  });
  parts.push(details(S.t('html.appendix.items'), items.join('') ? `<ul>${items.join('')}</ul>` : ''));

  // every plan and what the next week said
  const plans = p.plans.list.map((i) => {
    const x = agg.plans[i];
    const match = x.match ? `${esc(x.match.text)} (${cite(x.match)})` : '—';
    return `<tr><td>${esc(x.text)}</td><td>${cite(x)}</td><td>${esc(S.t('html.appendix.planStatus', { select: x.status }))}</td><td>${match}</td></tr>`;
  });
  if (plans.length) parts.push(details(S.t('html.appendix.plans'), `<div class="table-wrap"><table><thead><tr><th>${esc(S.t('html.appendix.plan'))}</th><th>${esc(S.t('html.appendix.made'))}</th><th>${esc(S.t('html.appendix.followUp'))}</th><th>${esc(S.t('html.appendix.match'))}</th></tr></thead><tbody>${plans.join('')}</tbody></table></div>`));

  const other = p.other.map((i) => `<li>${esc(agg.other[i].text)} (${cite(agg.other[i])})</li>`);
  parts.push(details(S.t('html.appendix.other'), other.length ? `<ul>${other.join('')}</ul>` : ''));
  const reflections = p.reflections.map((i) => {
    const r = agg.reflections[i];
    return `<div class="reflection">${r.text
      .split(/\n\s*\n/)
      .map((para) => `<p>${esc(para.trim())}</p>`)
      .join('')}<p class="src">${cite(r)}</p></div>`;
  });
  parts.push(details(S.t('html.appendix.reflections'), reflections.join('')));

  const body = parts.filter(Boolean).join('');
  return body ? `<section class="appendix"><h2>${esc(S.t('html.appendix.heading'))}</h2>${body}</section>` : '';
}
