import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/core/config.js';
import { lintReports } from '../../src/core/lint/index.js';
import { harmonizeWeeks, parseNote } from '../../src/core/parse/index.js';
import { parseOptionsOf } from '../../src/app/load.js';
import { seriesOptionsOf } from '../../src/core/parse/options.js';

/** A note that every rule accepts; `{{…}}`-free, so tests change it with plain string replacement. */
export const VALID_NOTE = [
  '# 第51周',
  '',
  'Created: 2023年12月16日 08:02',
  '',
  '## 【重点工作】',
  '',
  '- 【年度述职】',
  '',
  '## 【系统运行数据】',
  '',
  '- 入金有效成功率：99.966%',
  '- 0级报警跟进率67%（16/24），总告警数为464个',
  '',
  '## 【O1 服务业务】',
  '',
  '- 聚合支付，主链路12/21上线完成',
  '',
  '### 【生产事件】',
  '',
  '- 12/16  15:36  监控发现域名报警，waf 已拦截，持续60mins',
  '',
  '# 下周工作及目标',
  '',
  '1. 年度绩效沟通',
].join('\n');

/** Lint notes (path → text) together and return `line:col: message` of one rule's problems per file. */
export function lintFiles(files: Record<string, string>, ruleId: string, config: Config = {}, root = '.'): Record<string, string[]> {
  const opts = parseOptionsOf(config);
  const reports = Object.entries(files).map(([file, text]) => parseNote(text, file, opts));
  harmonizeWeeks(reports, seriesOptionsOf(config));
  const out: Record<string, string[]> = {};
  for (const r of lintReports(reports, config, { root })) {
    out[r.filePath] = r.messages.filter((m) => m.ruleId === ruleId).map((m) => `${m.line}:${m.column}: ${m.message}`);
  }
  return out;
}

/** `line:col: message` of one rule's problems in one note. */
export function lintText(text: string, ruleId: string, config: Config = {}, file = 'notes/第51周.md'): string[] {
  return lintFiles({ [file]: text }, ruleId, config)[file];
}

/** A rule's test table: valid notes give no problem of the rule, invalid ones exactly the listed problems. */
export interface RuleCases {
  valid: (string | { md: string; config?: Config; file?: string })[];
  invalid: { md: string; config?: Config; file?: string; errors: string[] }[];
}

/** Run a rule's table as vitest cases. */
export function ruleTester(ruleId: string, cases: RuleCases): void {
  describe(ruleId, () => {
    cases.valid.forEach((c, i) => {
      const { md, config, file } = typeof c === 'string' ? { md: c, config: undefined, file: undefined } : c;
      it(`valid #${i + 1}`, () => {
        expect(lintText(md, ruleId, config, file)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}: ${c.errors[0] ?? ''}`, () => {
        expect(lintText(c.md, ruleId, c.config, c.file)).toEqual(c.errors);
      });
    });
  });
}

/** VALID_NOTE with one exact substring replaced (fails loudly when the substring is not there). */
export function edit(from: string, to: string, text = VALID_NOTE): string {
  if (!text.includes(from)) throw new Error(`not in the note: ${from}`);
  return text.replace(from, to);
}
