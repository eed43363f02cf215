import type { Stage, WeekNumbering } from '../model.js';
import type { MonthDay, PeriodKind } from './weeks.js';

/** Where a fact was read: the note (path relative to the working directory) and line. */
export interface Source {
  /** Week key: the Monday of the note's week, `YYYY-MM-DD`. */
  week: string;
  author: string | null;
  file: string;
  line: number;
}

/** One note, placed in time. */
export interface NoteRef extends Source {
  /** The week number and year the note names (or that its date falls in). */
  year: number;
  number: number;
  numbering: WeekNumbering;
  /** Monday and Sunday of the week. */
  start: string;
  end: string;
  title: string | null;
  /**
   * What the note holds that could not be read: values (`99.9.6%`), sections whose heading was not recognised
   * (their metrics, plans … are missing from the summaries), and a `Created` date outside the week it names.
   */
  unread: NoteUnread[];
  /** About how many characters of text it holds (what was read of it): a summary's budget is a share of its notes'. */
  size: number;
}

/** One thing a note holds that the summaries could not use, with its line. */
export interface NoteUnread {
  kind: 'value' | 'section' | 'created';
  line: number;
  /** As written: the value, the heading, the date. */
  text: string;
  /** The metric a value was for; null for the other kinds. */
  name: string | null;
}

/** A date a work item plans for, with the milestone it names (`上线`, `提测`, or `''` when none is said). */
export interface PlannedDate {
  date: string;
  milestone: string;
}

/** One mention of a work item in one note. */
export interface Mention extends Source {
  name: string;
  objective: string | null;
  parent: string | null;
  status: string | null;
  stage: Stage | null;
  progress: number | null;
  /** The status as written, else the first clause after the name, else null. */
  detail: string | null;
  text: string;
  plans: PlannedDate[];
  /** Whether this mention says the item itself is finished (上线完成, 投产, 结项, 检测通过, `[x]`), not just a phase (测试完成). */
  completes: boolean;
  /** A sentence of metrics under the item's name (`支付中心本周健康分为717`), not news of the work. */
  metricOnly: boolean;
  /** It reports a launch that failed or was rolled back (`12/7上线失败已回滚`). */
  setback: boolean;
}

/** A planned date that moved later, citing the week that set it and the week that moved it. */
export interface Slip {
  milestone: string;
  from: Source & { date: string };
  to: Source & { date: string };
  days: number;
}

/** A work item followed across weeks. */
export interface WorkItemTrack {
  /** `author/key`, or `key` without author. */
  id: string;
  key: string;
  author: string | null;
  /** Name, objective and parent as last written. */
  name: string;
  objective: string | null;
  parent: string | null;
  /** Other names it was written under (aliases and drift), sorted. */
  otherNames: string[];
  mentions: Mention[];
  firstWeek: string;
  lastWeek: string;
  /** Week its final run of completing mentions began, when its last mention completes it. */
  completedWeek: string | null;
  /** Indexes of mentions where the item reached `done`, or where a run of done mentions first reports delivery. */
  doneMentions: number[];
  slips: Slip[];
  /** The metric series read on the lines of its mentions (`健康分` under `系统稳定性度量与提升`). */
  metrics: string[];
}

/** Which way is better for a metric. */
export type Direction = 'higher' | 'lower';

/** One value of a metric in one week. */
export interface MetricPoint extends Source {
  value: number;
  decimals: number;
  unit: string | null;
  text: string;
  column: number;
  /** The name as written in the note (may be an alias). */
  writtenName: string;
}

/**
 * What a metric's weekly values are: a rate or level (its period figure is the mean), a count of the week's
 * events (the sum), or a running total (the last value).
 */
export type MetricKind = 'level' | 'count' | 'total';

/** A value that would have counted in a series but could not be read. */
export interface UnreadableValue extends Source {
  column: number;
  /** The value as written (`99.9.6%`), or the heading of the section that was not recognised. */
  text: string;
  reason: 'value' | 'section';
  section: string | null;
}

/** A metric of one author over all weeks. */
export interface MetricSeries {
  id: string;
  author: string | null;
  /** Its name, with the qualifier its line gave it (`离线评测正确回答`). */
  name: string;
  unit: string | null;
  target: string | null;
  direction: Direction | null;
  /** Whether the direction comes from the configured target or from the metric's name. */
  directionFrom: 'target' | 'name' | null;
  kind: MetricKind;
  /** Where the kind comes from: the config, the name (`累计`, `事故`), the unit (`次`), or neither (a level). */
  kindFrom: 'config' | 'name' | 'unit' | 'default';
  /** The word that makes it a series apart from the plain measure (`离线评测`, `累计`, `假期`). */
  qualifier: string | null;
  /** The values it can take: the config's `min`/`max`, else 0 to 100 for a percent (null: no bound). */
  bounds: { min: number | null; max: number | null };
  points: MetricPoint[];
  /** Weeks whose value could not be read, sorted by week: a malformed number, or an unrecognised section. */
  unreadable: UnreadableValue[];
}

/** A value with the precision it should be shown at. */
export interface Num {
  value: number;
  decimals: number;
}

/**
 * A metric's figures over one period. Point indexes refer to `series.points`. Values are unrounded;
 * `decimals` is the precision to show them at.
 */
export interface MetricStat {
  series: string;
  kind: MetricKind;
  count: number;
  first: number;
  last: number;
  min: { value: number; points: number[] };
  max: { value: number; points: number[] };
  mean: Num;
  /** The sum of the weeks, for a count. */
  total: Num | null;
  /** The period's figure: the mean (level), the sum (count), the last value (total). */
  figure: Num;
  /** Figure minus the previous period's figure (null when that period has no value). */
  change: (Num & { previous: string; previousFigure: Num }) | null;
  /** Weeks meeting the configured target / weeks reported. */
  attainment: { met: number; total: number; ratio: number } | null;
  worst: number | null;
  /** The change (else first to last) as a share of the range of the whole series: 0 flat, 1 its whole range. */
  move: number;
  /** Indexes into `series.unreadable` of the period's weeks. */
  unreadable: number[];
  /** Point indexes of the period's values outside the series' bounds (`109.966%`): counted, and shown. */
  invalid: number[];
}

/** An incident as reported. */
export interface IncidentEntry extends Source {
  date: string | null;
  time: string | null;
  durationMinutes: number | null;
  summary: string;
  impact: string | null;
  level: string | null;
}

/** Incident figures over a set of incidents. */
export interface IncidentStats {
  count: number;
  withDuration: number;
  totalMinutes: number;
  meanMinutes: number | null;
}

/** A 下周工作及目标 item and what the next week's note says about it. */
export interface PlanEntry extends Source {
  text: string;
  /** Week key of the week the plan is for. */
  forWeek: string;
  status: 'followed' | 'not-mentioned' | 'no-next-note';
  match: (Source & { kind: 'highlight' | 'work-item' | 'progress' | 'other'; text: string; score: number }) | null;
}

/** Text items collected from the notes. */
export interface HighlightEntry extends Source {
  title: string;
  text: string;
}
export interface TextEntry extends Source {
  text: string;
}

/** The kinds of section the summaries show as written (their text is kept by the parser), and unknown ones. */
export type ExtraKind = 'progress' | 'problems' | 'help' | 'notes' | 'unknown';

/** A line of a section the summaries show as written (本周工作, 问题与风险, 需要的支持, 笔记, a heading of no known kind). */
export interface ExtraEntry extends TextEntry {
  kind: ExtraKind;
  /** The section's heading as written. */
  title: string;
}

/** A work item's part in one period. Mention indexes refer to the track's `mentions`. */
export interface PeriodItem {
  item: string;
  mentions: number[];
  /** Completion week as of the period's end, when it lies in the period. */
  completedWeek: string | null;
  /** `done` mentions inside the period that are not the completion. */
  milestones: number[];
  /** Indexes into the track's `slips` whose later week lies in the period. */
  slips: number[];
}

/** Notes a person did and did not hand in over some weeks. */
export interface Submission {
  author: string | null;
  weeks: string[];
  missing: string[];
}

/** Everything about one scope (a person, or the team) in one period. */
export interface PeriodAgg {
  kind: PeriodKind;
  key: string;
  /** All weeks of the period, and those inside the span of the notes. */
  weeks: string[];
  weeksInSpan: string[];
  /** True when the period reaches past the first or last note. */
  partial: boolean;
  /** Indexes into `Aggregate.notes`. */
  notes: number[];
  submissions: Submission[];
  metrics: MetricStat[];
  items: PeriodItem[];
  /** Work items, not completed, whose `silentWeeks`-th week without mention falls in this period. */
  silent: { item: string; lastWeek: string; weeks: number }[];
  /** `byMonth` (quarters, years) and `byQuarter` (years) cover the months and quarters inside the span. */
  incidents: { stats: IncidentStats; list: number[]; byMonth: ({ month: string } & IncidentStats)[]; byQuarter: ({ quarter: string } & IncidentStats)[] };
  plans: { made: number; followed: number; notMentioned: number; noNextNote: number; rate: number | null; list: number[] };
  highlights: number[];
  reflections: number[];
  other: number[];
  /** Lines of the sections shown as written (`Aggregate.extra`). */
  extra: number[];
}

/** A person (or the whole team) and their periods. */
export interface Scope {
  kind: 'team' | 'author';
  author: string | null;
  /** Indexes into `Aggregate.notes`. */
  notes: number[];
  submissions: Submission[];
  periods: { month: PeriodAgg[]; quarter: PeriodAgg[]; year: PeriodAgg[] };
  /** Items open (not completed) at the span's end: still active, or silent. */
  open: { item: string; lastWeek: string; silentWeeks: number }[];
}

/** Settings the aggregation ran with. */
export interface AggregateSettings {
  monthDay: MonthDay;
  fiscalYearStart: number;
  silentWeeks: number;
  numbering: WeekNumbering;
}

/** The whole aggregation: facts once, scopes and periods by reference. */
export interface Aggregate {
  settings: AggregateSettings;
  span: { first: string; last: string } | null;
  authors: (string | null)[];
  /** Objective ids and the names their headings give them (the latest note's wording). */
  objectives: { id: string; name: string }[];
  notes: NoteRef[];
  /** Notes that could not be placed in a week (no week, no date). */
  unplaced: string[];
  workItems: WorkItemTrack[];
  metrics: MetricSeries[];
  incidents: IncidentEntry[];
  plans: PlanEntry[];
  highlights: HighlightEntry[];
  reflections: TextEntry[];
  other: TextEntry[];
  extra: ExtraEntry[];
  scopes: Scope[];
}
