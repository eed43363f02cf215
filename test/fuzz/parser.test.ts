import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseNote } from '../../src/core/parse/index.js';
import { Report } from '../../src/core/model.js';
import { lintReports, totals } from '../../src/core/lint/index.js';
import { RULES_BY_ID } from '../../src/rules/index.js';
import type { Config } from '../../src/core/config.js';
import { anyText, FUZZ_RUNS, TIMEOUT, mutatedNote, params, positionProblems, REAL_NOTES, realText, runs } from './arbitraries.js';

/** Every rule on, with targets, ranges and aliases, so that every rule has something to say. */
const CONFIG: Config = {
  metrics: {
    入金有效成功率: { aliases: ['入金成功率'], unit: '%', min: 99, max: 100, target: '>= 99.99%' },
    支付系统年度可用性: { target: '>= 99.999%' },
    健康分: { unit: null, min: 0, max: 100, target: '> 800' },
    事故数: { unit: '次', target: '== 0' },
    '0级报警跟进率': { target: '>= 90%' },
  },
  sections: { incidents: { required: true }, reflection: { required: true }, other: { required: true } },
  rules: { 'heading-punctuation': 'error', 'empty-section': 'error', 'metric-target': 'error' },
};

const reference = parseNote(REAL_NOTES.find((n) => n.file.endsWith('reference-w51.md'))!.text, 'notes/2023/第51周.md');

/** Parse, check the model and every position, lint alone and next to the reference note. */
function check(text: string, file: string): void {
  const report = parseNote(text, file);
  const valid = Report.safeParse(report);
  if (!valid.success) throw new Error(`model does not validate: ${valid.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const results = lintReports([report], CONFIG);
  const messages = results[0].messages;
  const problems = positionProblems(text, report, messages);
  if (problems.length) throw new Error(problems.slice(0, 5).join('\n'));
  // each message comes from a rule at the severity the config gives it, and the counts the exit code is made of
  // (1 with an error, else 0) are those of the messages
  for (const m of messages) {
    // `parser` reports what the note itself gets wrong (an unclosed frontmatter: error; an unknown rule named in a
    // `weekly-disable` comment: warning); every other message is a rule's
    if (m.ruleId === 'parser') continue;
    const rule = RULES_BY_ID.get(m.ruleId);
    if (!rule) throw new Error(`message from no rule: ${m.ruleId}`);
    const want = (CONFIG.rules as Record<string, string>)[m.ruleId] ?? rule.severity;
    if (m.severity !== want) throw new Error(`${m.ruleId} at ${m.line}:${m.column} is ${m.severity}, expected ${want}`);
  }
  const counts = totals(results);
  expect(counts.errors).toBe(messages.filter((m) => m.severity === 'error').length);
  expect(counts.warnings).toBe(messages.filter((m) => m.severity === 'warn').length);
  // rules across notes (weeks, duplicates) see it next to a real note
  const pair = lintReports([reference, report], CONFIG, { root: 'notes' });
  const again = positionProblems(text, report, pair[1].messages);
  if (again.length) throw new Error(again.slice(0, 5).join('\n'));
}

describe(`parser and lint under fuzzing (${FUZZ_RUNS ?? 'a few hundred'} cases each)`, () => {
  it('arbitrary strings: never a throw, every position inside the file, each message at its rule’s severity', () => {
    fc.assert(
      fc.property(anyText, (text) => check(text, 'notes/2024/第10周.md')),
      params(runs(150)),
    );
  }, TIMEOUT);

  it('mutated real notes: the same', () => {
    fc.assert(
      fc.property(mutatedNote, ({ file, text }) => check(text, file)),
      params(runs(250)),
    );
  }, TIMEOUT);

  it('arbitrary file names', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), realText, (name, note) => check(note.text, `${name}.md`)),
      params(runs(100)),
    );
  }, TIMEOUT);
});
