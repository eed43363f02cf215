import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { github } from '../src/core/formatters/github.js';
import { FORMAT_NAMES, loadFormatter } from '../src/core/formatters/index.js';
import { json } from '../src/core/formatters/json.js';
import { sarif } from '../src/core/formatters/sarif.js';
import { stylish } from '../src/core/formatters/stylish.js';
import { unix } from '../src/core/formatters/unix.js';
import { lintReports, unreadableResult, type LintResult } from '../src/core/lint/index.js';
import { parseNote } from '../src/core/parse/index.js';
import { RULES } from '../src/rules/index.js';
import { VALID_NOTE, edit } from './rules/helper.js';

const require = createRequire(import.meta.url);
const FORMATTERS = { stylish, json, sarif, github, unix };

function results(): LintResult[] {
  const notes = {
    'notes/第51周.md': edit('## 【系统运行数据】', '## [系统运行数据]', edit('99.966%', '100.4%')),
    'notes/clean.md': VALID_NOTE,
    'notes/a,b:c%.md': edit('67%（16/24）', '67%（16/30）'),
  };
  // one week in three notes is duplicate-week's business, not the formatters'
  const config = { rules: { 'duplicate-week': 'off' as const } };
  return [...lintReports(Object.entries(notes).map(([f, t]) => parseNote(t, f)), config, { root: 'notes' }), unreadableResult('notes/bin.md', 'binary file (it holds NUL bytes), not a Markdown note')];
}

describe('json', () => {
  it('has ESLint\'s shape exactly', () => {
    const out = JSON.parse(FORMATTERS.json(results()));
    expect(out[0]).toEqual({
      filePath: 'notes/第51周.md',
      messages: [
        { ruleId: 'heading-punctuation', severity: 1, message: 'Unexpected heading `[系统运行数据]`, expected `【系统运行数据】`', line: 9, column: 4, endLine: 9, endColumn: 12 },
        { ruleId: 'metric-range', severity: 2, message: 'Unexpected `100.4%` for `入金有效成功率`, expected a percent within [0, 100]', line: 11, column: 11, endLine: 11, endColumn: 17 },
      ],
      errorCount: 1,
      warningCount: 1,
      fixableErrorCount: 0,
      fixableWarningCount: 1,
    });
  });

  it('renders with a real ESLint formatter (eslint-formatter-compact)', () => {
    const compact = require('eslint-formatter-compact') as (r: unknown[]) => string;
    const text = compact(JSON.parse(FORMATTERS.json(results())));
    expect(text).toContain('notes/第51周.md: line 11, col 11, Error - Unexpected `100.4%` for `入金有效成功率`, expected a percent within [0, 100] (metric-range)');
    expect(text).toContain('notes/第51周.md: line 9, col 4, Warning - Unexpected heading `[系统运行数据]`, expected `【系统运行数据】` (heading-punctuation)');
    expect(text).toContain('4 problems');
  });
});

describe('sarif', () => {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }) // the schema's language pattern is not valid with the u flag;
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('is valid against the official SARIF 2.1.0 schema', () => {
    const log = JSON.parse(FORMATTERS.sarif(results(), { cwd: '/work/repo', version: '1.2.3' }));
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is valid with no problems at all', () => {
    expect(validate(JSON.parse(FORMATTERS.sarif([])))).toBe(true);
  });

  it('catalogs every rule with its docs URL, and points each result at its rule and region', () => {
    const log = JSON.parse(FORMATTERS.sarif(results(), { cwd: '/work/repo' }));
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([...RULES.map((r) => r.id), 'parser']);
    expect(run.tool.driver.rules[0].helpUri).toBe('https://github.com/weekly-md/weekly/blob/main/docs/rules/required-sections.md');
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///work/repo/');
    const r = run.results.find((x: { ruleId: string }) => x.ruleId === 'metric-range');
    expect(run.tool.driver.rules[r.ruleIndex].id).toBe('metric-range');
    expect(r.level).toBe('error');
    expect(r.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'notes/%E7%AC%AC51%E5%91%A8.md', uriBaseId: '%SRCROOT%', index: 0 },
      region: { startLine: 11, startColumn: 11, endLine: 11, endColumn: 17 },
    });
  });
});

describe('github', () => {
  it('writes workflow commands, escaping properties and data as GitHub does', () => {
    const lines = FORMATTERS.github(results()).trimEnd().split('\n');
    expect(lines[0]).toBe('::warning file=notes/第51周.md,line=9,col=4,endLine=9,endColumn=12,title=weekly(heading-punctuation)::Unexpected heading `[系统运行数据]`, expected `【系统运行数据】`');
    expect(lines.find((l) => l.includes('a%2Cb%3Ac%25.md'))).toMatch(/^::error file=notes\/a%2Cb%3Ac%25\.md,line=12,col=10,/);
    const withBreak: LintResult[] = [{ ...results()[0], messages: [{ ...results()[0].messages[1], message: '50%\nsecond line\r' }] }];
    expect(FORMATTERS.github(withBreak)).toContain('::50%25%0Asecond line%0D\n');
  });
});

describe('unix', () => {
  it('writes path:line:col: message [severity/rule]', () => {
    const text = FORMATTERS.unix(results());
    expect(text.split('\n').slice(0, 2)).toEqual([
      'notes/第51周.md:9:4: Unexpected heading `[系统运行数据]`, expected `【系统运行数据】` [warning/heading-punctuation]',
      'notes/第51周.md:11:11: Unexpected `100.4%` for `入金有效成功率`, expected a percent within [0, 100] [error/metric-range]',
    ]);
    expect(text).toContain('notes/bin.md:1:1: Unexpected file that cannot be read as a note: binary file (it holds NUL bytes), not a Markdown note [error/parser]');
    expect(text.endsWith('\n\n4 problems\n')).toBe(true);
    expect(FORMATTERS.unix([])).toBe('');
  });
});

describe('stylish', () => {
  it('groups by file, aligns columns and ends with a summary', () => {
    const text = FORMATTERS.stylish(results());
    expect(text).toContain('\nnotes/第51周.md\n  9:4    warning  Unexpected heading `[系统运行数据]`, expected `【系统运行数据】`              heading-punctuation\n  11:11  error    ');
    expect(text).toContain('✖ 4 problems (3 errors, 1 warning)\n  0 errors and 1 warning potentially fixable with the `--fix` option.\n');
    expect(text).not.toContain('notes/clean.md');
    // eslint-disable-next-line no-control-regex -- no colour escape may reach a file
    expect(text).not.toMatch(/\x1b\[/);
  });

  it('colours only when asked (the CLI asks on a TTY)', () => {
    // eslint-disable-next-line no-control-regex -- the colour escape is what is checked
    expect(FORMATTERS.stylish(results(), { color: true })).toMatch(/\x1b\[31m/);
  });

  it('prints nothing for clean notes', () => {
    expect(FORMATTERS.stylish([])).toBe('');
  });
});

describe('loadFormatter', () => {
  it('loads the formatter of each --format name, and only the names there are', async () => {
    expect([...FORMAT_NAMES].sort()).toEqual(Object.keys(FORMATTERS).sort());
    for (const name of FORMAT_NAMES) expect(await loadFormatter(name)).toBe(FORMATTERS[name]);
  });
});
