import { z } from 'zod';
import { SECTION_IDS } from './sections.js';

/** Severity of a diagnostic, as configured or as the parser decides. */
export const Severity = z.enum(['error', 'warn']);
export type Severity = z.infer<typeof Severity>;

/** One problem found in a note: the single diagnostic shape used by the parser, the lint rules and every formatter. */
export const Diagnostic = z.object({
  ruleId: z.string().describe('Rule id (`metric-range`), or `parser` for what the parser could not read'),
  severity: Severity,
  message: z.string().describe('What was found and what was expected'),
  file: z.string().describe('Path of the note, as given on the command line'),
  line: z.number().int().min(1).describe('1-based line of the start'),
  column: z.number().int().min(1).describe('1-based column of the start (UTF-16 code units)'),
  endLine: z.number().int().min(1),
  endColumn: z.number().int().min(1).describe('1-based column just past the end'),
  url: z.string().optional().describe('Documentation of the rule'),
  expected: z.string().optional(),
  actual: z.string().optional(),
  fixable: z.boolean().optional(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/** The section kinds `weekly` recognises by heading (those of the registry in `sections.ts`), and `unknown`. */
export const SectionId = z.enum([...SECTION_IDS, 'unknown']);
export type SectionId = z.infer<typeof SectionId>;

export const Section = z.object({
  id: SectionId.describe('Kind of section, recognised by its heading; `unknown` for a heading of no known kind (its body is kept in `text`)'),
  title: z.string().describe('Heading text as written, without the `#` marks'),
  level: z.number().int().min(1).max(6).describe('Heading level (1 for `#`)'),
  line: z.number().int().min(1).describe('Line of the heading'),
  column: z.number().int().min(1).optional().describe('Column where the heading text starts (after the `#` marks)'),
  endLine: z.number().int().min(1).describe('Last line of the section (before the next section heading)'),
  objective: z.string().optional().describe('For objective sections: the id, `O1`'),
  name: z.string().optional().describe('For objective sections: the name, `服务业务`'),
  text: z.string().optional().describe('The body text, kept: for unknown sections, and for the kinds the summaries show as written (this week\'s work, problems, help needed, notes)'),
  empty: z.boolean().describe('True when the section holds no text at all'),
  near: z.string().optional().describe('For a heading read as the known name it misspells (`【系统运行数剧】`): that name (`系统运行数据`)'),
  style: z.enum(['bold', 'plain']).optional().describe('For a heading that is not Markdown: a `**bold**` line of its own, or a plain line (`1.本周完成的工作`) in a note without Markdown headings'),
  noUpdate: z.boolean().optional().describe('For the kinds kept as written and unknown sections: true when the section says only that there is nothing this time (`本周暂无更新`, `No update this week`, `- 无`, `- None`)'),
});
export type Section = z.infer<typeof Section>;

export const Metric = z.object({
  name: z.string().describe('Metric name as written, `入金有效成功率`; a family member inherits its prefix (`事故数CD级`)'),
  value: z.number(),
  unit: z.string().nullable().describe('`%` for percents, the counting word (`次`, `个`, `笔`, `条`) for counts, null for a bare number'),
  line: z.number().int().min(1),
  column: z.number().int().min(1).describe('Column of the value'),
  endColumn: z.number().int().min(1).describe('Column just past the value and its unit'),
  nameColumn: z.number().int().min(1).describe('Column of the name'),
  section: SectionId,
  objective: z.string().nullable().describe('Objective id when read in an objective section'),
  group: z.string().nullable().describe('Group paragraph above the bullet in the metrics section (`支付成功率`)'),
  text: z.string().describe('The value exactly as written, `67%`'),
  decimals: z.number().int().min(0).describe('Decimals as written: the precision of the value'),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  ratio: z.enum(['explicit', 'implicit']).optional().describe('How the ratio was written: `（16/24）` or as two counts before the percent'),
  ratioColumn: z.number().int().optional(),
  ratioEndColumn: z.number().int().optional(),
  others: z
    .array(
      z.object({
        label: z.string().describe('The column header, `上周`, `Target`'),
        role: z.enum(['previous', 'target', 'other']).describe('What the column holds: last week\'s value, a target, or another value'),
        value: z.number(),
        unit: z.string().nullable(),
        text: z.string(),
        column: z.number().int().min(1),
      }),
    )
    .optional()
    .describe('For a metric read in a table: the values of its other value columns (`| 指标 | 本周 | 上周 | 目标 |`)'),
});
export type Metric = z.infer<typeof Metric>;

/** A number that looks like a metric value but is not a valid number (`99,966%`, `99。966%`, `9.9.6%`). */
export const MalformedNumber = z.object({
  name: z.string(),
  text: z.string().describe('As written'),
  suggestion: z.string().nullable().describe('The number it most likely means, `99.966%`'),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  endColumn: z.number().int().min(1),
  section: SectionId,
});
export type MalformedNumber = z.infer<typeof MalformedNumber>;

/** Canonical stage of a work item, derived from its status words. */
export const Stage = z.enum(['evaluating', 'designing', 'developing', 'testing', 'gray', 'done', 'optimizing']);
export type Stage = z.infer<typeof Stage>;

export const WorkItem = z.object({
  objective: z.string().nullable().describe('Objective id (`O1`)'),
  name: z.string().describe('Text before the first `，`'),
  parent: z.string().nullable().describe('For numbered sub-items: the name of the bullet they belong to'),
  status: z.string().nullable().describe('The status word as written (`测试中`, `上线完成`)'),
  stage: Stage.nullable(),
  progress: z.number().nullable().describe('Percent from `进度80%`'),
  dates: z.array(z.string()).describe('ISO dates named in the item, year resolved against the note'),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  text: z.string().describe('The whole item text, first line'),
  project: z.boolean().optional().describe('True for a project of this week\'s work: a `###` subsection (or a bullet grouping others) under it, tracked across weeks by its name'),
});
export type WorkItem = z.infer<typeof WorkItem>;

export const Incident = z.object({
  date: z.string().nullable().describe('ISO date, `2023-12-16`'),
  time: z.string().nullable().describe('`15:36`'),
  durationMinutes: z.number().nullable(),
  summary: z.string(),
  impact: z.string().nullable().describe('The clause that states the impact, `未对业务产生影响`'),
  level: z.string().nullable().describe('Incident grade from `定级C级`'),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  endColumn: z.number().int().min(1),
  text: z.string(),
});
export type Incident = z.infer<typeof Incident>;

/** A month/day date written in the text, valid or not (`2/30` is kept with `date: null`). */
export const DateRef = z.object({
  text: z.string(),
  date: z.string().nullable().describe('ISO date, or null when the date does not exist'),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  endColumn: z.number().int().min(1),
  section: SectionId,
});
export type DateRef = z.infer<typeof DateRef>;

export const Highlight = z.object({
  title: z.string().describe('The `【title】` of the bullet, else its first line'),
  text: z.string().describe('The rest of the bullet, indented paragraphs included'),
  line: z.number().int().min(1),
});
export type Highlight = z.infer<typeof Highlight>;

export const Item = z.object({
  text: z.string().describe('The item as written, a checklist box removed'),
  line: z.number().int().min(1),
  project: z.string().optional().describe('The project (`###` subsection or grouping bullet) the item is under'),
  done: z.boolean().optional().describe('For a checklist item: ticked (`- [x]`) or not (`- [ ]`)'),
  estimate: z
    .object({ value: z.number(), unit: z.enum(['day', 'hour', 'week']), text: z.string().describe('As written, `约2天`') })
    .optional()
    .describe('An estimate written in a plan: `（约2天）`, `(~2 days)`'),
});
export type Item = z.infer<typeof Item>;

/** An HTML comment in the note (`<!-- weekly-disable-next-line metric-range -->`): lint reads its control comments here. */
export const Comment = z.object({
  text: z.string().describe('The comment as written, `<!--` … `-->` included'),
  line: z.number().int().min(1),
  endLine: z.number().int().min(1),
});
export type Comment = z.infer<typeof Comment>;

export const WeekNumbering = z.enum(['iso', 'jan1']);
export type WeekNumbering = z.infer<typeof WeekNumbering>;

export const WeekRef = z.object({
  year: z.number().int().describe('Week-numbering year'),
  number: z.number().int().min(1).max(53).describe('Week number under the numbering in force'),
});
export type WeekRef = z.infer<typeof WeekRef>;

/** Where a note's week or date was read, in the order they are tried (`docs/reading.md`). */
export const DatingSource = z.enum(['frontmatter', 'property', 'title', 'file', 'folder', 'git', 'series', 'config']);
export type DatingSource = z.infer<typeof DatingSource>;

/** How sure a week or date is, when not stated outright: completed from around it (`inferred`), or a guess (`guessed`). */
export const Confidence = z.enum(['inferred', 'guessed']);
export type Confidence = z.infer<typeof Confidence>;

/** One place a week or a date was found. */
export const WhenSource = z.object({
  source: DatingSource,
  text: z.string().describe('As written, `2024-03-15`, `第十二周`, `05/11/2018`'),
  line: z.number().int().min(1).nullable().describe('Line in the note; null for the file name, the folder and git'),
  week: z.object({ year: z.number().int().nullable(), number: z.number().int() }).nullable().describe('A week number, with its year when written'),
  relative: z.boolean().optional().describe('True when the week is one of a term or project (`第六周` with dates weeks away, `假期第一周`)'),
  date: z.string().nullable().describe('ISO date, `2024-03-15` (a range: its first day)'),
  end: z.string().optional().describe('For a range: its last day'),
  yearless: z.boolean().optional().describe('True when the year was not written (`3.11-3.17`): completed from the note, its folder or series'),
  order: z.enum(['mdy', 'dmy', 'ymd']).optional().describe('For a date whose order the text does not settle (`05/11/2018`, `24/03/15`): the order it was read in'),
  alternative: z.string().optional().describe('For such a date: the date in the other order'),
});
export type WhenSource = z.infer<typeof WhenSource>;

/** The typed model of one weekly note. */
export const Report = z.object({
  file: z.string().describe('Path of the note, relative to the working directory, with `/`'),
  title: z.string().nullable().describe('Text of the title heading (`第51周`), or null'),
  titleLine: z.number().int().nullable().describe('Line of the title heading'),
  week: WeekRef.nullable().describe('The week the note names; the year from frontmatter or `Created`'),
  weekSource: DatingSource.nullable().describe('Where the week was read: the title, frontmatter `week`, a date line, the file name, the folder, git, the series'),
  weekConfidence: Confidence.optional().describe('How sure the week is; omitted when stated outright (a week or a full date written in the note or its file name)'),
  relativeWeek: z.number().int().min(1).optional().describe('For a week of a term or project (`第六周汇报` in a series with no dates, or dates weeks away): its number'),
  weekNumbering: WeekNumbering.nullable().describe('Convention the week number was read under'),
  created: z.string().nullable().describe('The note\'s date: ISO 8601 local date-time, `2023-12-16T08:02`, or date'),
  createdLine: z.number().int().nullable().describe('Line of the `Created` property or frontmatter key'),
  dateSource: DatingSource.optional().describe('Where `created` was read when not from a property line or frontmatter (`createdLine`): the title, the file name, git, the series'),
  dateConfidence: Confidence.optional().describe('How sure the date is; omitted when stated outright'),
  when: z.array(WhenSource).optional().describe('Every place a week or date was found, when the note is not dated the reference way alone (a week in the title, a `Created` line): what the series and lint compare'),
  language: z.enum(['en']).optional().describe('`en` for a note written in English (under 10% of its letters Han); omitted for Chinese. Messages follow it'),
  author: z.string().nullable().describe('Frontmatter `author`, else null'),
  properties: z.record(z.string(), z.unknown()).describe('Notion property lines and frontmatter, key → value'),
  sections: z.array(Section).describe('Sections in note order, recognised by heading name'),
  metrics: z.array(Metric).describe('Metrics read in the metrics section and objective sections'),
  malformedNumbers: z.array(MalformedNumber).describe('Values that are not valid numbers (`99,966%`)'),
  workItems: z.array(WorkItem).describe('Bullets and numbered sub-items of objective sections'),
  incidents: z.array(Incident).describe('Items of the incidents section (`- 无` is none)'),
  dates: z.array(DateRef).describe('Month/day dates written outside reflection prose, valid or not'),
  highlights: z.array(Highlight).describe('Top-level bullets of the highlights section, `【title】` and text'),
  other: z.array(Item).describe('Items of the other section'),
  progress: z.array(Item).optional().describe('Items of this week\'s work (本周工作, Progress), with the project each is under; present when the note has that section'),
  problems: z.array(Item).optional().describe('Items of the problems and risks section; present when the note has one'),
  help: z.array(Item).optional().describe('Items of the help-needed section; present when the note has one'),
  notes: z.array(Item).optional().describe('Items (or lines) of the notes section; present when the note has one'),
  reflection: z.string().nullable().describe('Text of the reflection section'),
  nextWeek: z.array(Item).describe('Items of next week\'s plan'),
  lineCount: z.number().int().describe('Number of lines in the note'),
  comments: z.array(Comment).optional().describe('HTML comments, where lint control comments are read from'),
  diagnostics: z.array(Diagnostic).describe('What the parser could not read, positioned'),
});
export type Report = z.infer<typeof Report>;

/**
 * What lint keeps of each note after its own rules ran, and what the rules across notes read: the week and date with
 * their sources, the sections (without their text), the language. The lint cache stores exactly this.
 */
export const NoteFacts = Report.pick({ file: true, title: true, titleLine: true, week: true, weekSource: true, weekNumbering: true, created: true, author: true, comments: true })
  .extend({
    createdLine: Report.shape.createdLine.optional(),
    weekConfidence: Report.shape.weekConfidence,
    relativeWeek: Report.shape.relativeWeek,
    dateSource: Report.shape.dateSource,
    dateConfidence: Report.shape.dateConfidence,
    when: Report.shape.when,
    language: Report.shape.language,
    lineCount: Report.shape.lineCount.optional(),
    sections: z.array(Section.omit({ text: true })).optional(),
  })
  .strict();
export type NoteFacts = z.infer<typeof NoteFacts>;

/** JSON Schema (draft 2020-12) of the report model, generated from the zod schema. */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://github.com/weekly-md/weekly/blob/main/docs/report.schema.json',
    title: 'weekly report model',
    ...(z.toJSONSchema(Report) as Record<string, unknown>),
  };
}
