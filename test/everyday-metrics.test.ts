import { writeFileSync } from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { sparkline } from '../src/core/metrics-report.js';
import { cli, withExamples } from './everyday-helpers.js';

function examples(): string {
  const d = withExamples();
  writeFileSync(path.join(d, 'weekly.config.yaml'), 'metrics:\n  入金有效成功率: {target: ">= 99.95%", aliases: [入金成功率]}\n');
  return d;
}

describe('weekly metrics on the example notes', () => {
  it('table: one row per metric, sparkline on one time axis, last, min, max and target attainment', async () => {
    const r = await cli(examples(), ['metrics', 'notes', '--metric', '入金成功率', '--metric', 'CodeLink周活率覆盖率']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`2 metrics over 17 weeks: 2023-W45 – 2024-W08 (2023-10-30 – 2024-02-25)

metric                weeks  trend                 last      min      max  target           met
入金有效成功率           17  ▆▅▆▅▇▆▅▇▇▇▆▆▁▇██▇  99.978%  99.938%  99.987%  >= 99.95%  16/17 94%
CodeLink周活率覆盖率     17  ▁▄▅██████████████     100%      92%     100%  —                  —
`);
    // columns line up by display width: CJK characters take two columns
    const lines = r.stdout.trimEnd().split('\n').slice(2);
    const upTo = (l: string, col: string) => stringWidth(l.slice(0, l.indexOf(col) + col.length));
    expect(upTo(lines[1], '99.978%')).toBe(upTo(lines[0], 'last'));
    expect(upTo(lines[2], '100%')).toBe(upTo(lines[0], 'last'));
  });

  it('csv: the columns of data/metrics.csv, for the weeks asked (a date or a week)', async () => {
    const r = await cli(examples(), ['metrics', 'notes', '-m', '入金有效成功率', '--from', '2024-01-03', '--to', '2024-W03', '--format', 'csv']);
    expect(r.code).toBe(0);
    // each week by its Monday and its number under the notes' numbering (jan1: `2024-W01` would be ISO's)
    expect(r.stdout).toBe(`week_start,year,week,numbering,author,metric,value,unit,file,line
2024-01-01,2024,1,jan1,,入金有效成功率,99.983,%,notes/2024/第1周.md,25
2024-01-08,2024,2,jan1,,入金有效成功率,99.976,%,notes/2024/第2周.md,26
2024-01-15,2024,3,jan1,,入金有效成功率,99.974,%,notes/2024/第3周.md,20
`);
  });

  it('json: the series with its figures and each point against the target', async () => {
    const r = await cli(examples(), ['metrics', 'notes', '-m', '入金有效成功率', '--from', '2024-W07', '-f', 'json']);
    expect(r.code).toBe(0);
    const point = (week: string, start: string, value: number, line: number) => ({ week, start, value, text: `${value}%`, met: true, file: `notes/2024/第${Number(week.slice(-2))}周.md`, line });
    expect(JSON.parse(r.stdout)).toEqual({
      weeks: { from: '2024-02-12', to: '2024-02-25', numbering: 'jan1' },
      metrics: [
        {
          name: '入金有效成功率',
          author: null,
          unit: '%',
          target: '>= 99.95%',
          direction: 'higher',
          count: 2,
          last: point('2024-W08', '2024-02-19', 99.978, 23),
          min: { value: 99.978, text: '99.978%' },
          max: { value: 99.987, text: '99.987%' },
          mean: { value: 99.982, text: '99.982%' },
          attainment: { met: 2, total: 2, ratio: 1 },
          points: [point('2024-W07', '2024-02-12', 99.987, 18), point('2024-W08', '2024-02-19', 99.978, 23)],
        },
      ],
    });
  });

  it('every metric when none is named, from the config\'s notes folder', async () => {
    const d = examples();
    writeFileSync(path.join(d, 'weekly.config.yaml'), 'notes: notes\n');
    const r = await cli(d, ['metrics']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^\d+ metrics over 17 weeks: 2023-W45 – 2024-W08 \(2023-10-30 – 2024-02-25\)$/);
    expect(r.stdout).toContain('\n事故数CD级               17  ▁█▁█▁██▁▁▁▁█▁▁▁█▁      0次      0次      1次\n');
    // a metric reported in some weeks only leaves gaps in its sparkline
    expect(r.stdout).toContain('\n假期问题                  1                 ▄      41条     41条     41条\n');
  });

  it('exit 2 for an unknown metric, a bad week or format, naming what was expected', async () => {
    const d = examples();
    const unknown = await cli(d, ['metrics', 'notes', '-m', '成功率']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^weekly metrics: no metric `成功率` in notes; its metrics are `入金有效成功率`, `出金有效成功率`/);
    expect((await cli(d, ['metrics', 'notes', '--from', '2024-W60'])).stderr).toBe('weekly metrics: --from `2024-W60`: 2024 has no week 60 under jan1 numbering\n');
    expect((await cli(d, ['metrics', 'notes', '--to', 'soon'])).stderr).toBe('weekly metrics: --to `soon`: expected a date (YYYY-MM-DD) or a week (YYYY-Www)\n');
    expect((await cli(d, ['metrics', 'notes', '--from', '2024-W05', '--to', '2024-W01'])).code).toBe(2);
    expect((await cli(d, ['metrics', 'nowhere'])).stderr).toBe('weekly metrics: nowhere: no such file or directory\n');
  });
});

describe('sparkline', () => {
  it('scales from min to max, leaves gaps, centres a flat series and buckets long ones', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([1, null, 3])).toBe('▁ █');
    expect(sparkline([5, 5])).toBe('▄▄');
    expect(sparkline([null])).toBe(' ');
    expect(sparkline(Array.from({ length: 104 }, (_, i) => i), 52)).toHaveLength(52);
  });
});
