import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLES, tempDir, withExamples } from './everyday-helpers.js';

const at = (y: number, m: number, d: number, h = 18, mi = 22) => () => new Date(y, m - 1, d, h, mi);
const read = (d: string, f: string) => readFileSync(path.join(d, f), 'utf8');

describe('weekly new', () => {
  it('writes next week after the example notes: plan as highlights, open work items carried as last written', async () => {
    const d = withExamples();
    const r = await cli(d, ['new', '--dir', 'notes'], { now: at(2024, 2, 28) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('notes/2024/第9周.md\n');
    expect(r.stderr).toContain('weekly new: wrote 2024 第9周 (2024-02-26 – 2024-03-03, jan1); from notes/2024/第8周.md: 4 planned items as highlights, 10 open work items to update\n');
    expect(r.stderr).toContain("weekly new: the carried items hold last week's 健康分, 0级报警跟进率, 总告警数");
    expect(read(d, 'notes/2024/第9周.md')).toBe(`# 第9周

Created: 2024年2月28日 18:22

## 【重点工作】

- 【银行账户二期测试跟进】
- 【重点项目月度review】
- 【支付系统双活二次演练】
- 【Q1 OKR中期检查】

## 【系统运行数据】

## 【O1 服务业务】

- 资金安全，二期B端资金对账提醒提测
- 贝好家意向金，二期光大模式测试中，ACS模式联调
- 聚合支付，安理健康接入提测
- 银行账户二期，提测

## 【O2系统升级】

- POS收单系统建设
    1. 扫码王设备接入，联调
- 支付系统双活，二次演练方案评审中，预计下周演练

## 【O3 安全稳定、降本提效】

- 网联渠道容灾，快捷支付多通道路由提测
- 代付通道容灾，超时阈值与切换策略待优化
- 系统稳定性度量与提升，支付中心本周健康分为739，排名第二。
    - 0级报警跟进率79%（19/24），总告警数为421个
    - 代码bug服务数8个、慢查服务数10个及漏洞服务数为0个
- AI大模型应用：
    1. CodeLink周活率覆盖率保持100%，采纳率为25.9%；
    2. 「贝小理」存管运营群bot，本周问题132条，正确回答124条，准确率93.94%。

### 【生产事件】

## 【其他】

## 收获与反思

# 下周工作及目标
`);
    // the new note is a note: weekly reads its week back
    const parsed = await cli(d, ['parse', 'notes/2024/第9周.md']);
    expect(JSON.parse(parsed.stdout).week).toEqual({ year: 2024, number: 9 });
  });

  it('drops finished items and finished sub-items (renumbering the rest), after the reference note', async () => {
    const d = tempDir();
    mkdirSync(path.join(d, 'notes/2023'), { recursive: true });
    cpSync(path.join(EXAMPLES, '2023/第51周.md'), path.join(d, 'notes/2023/第51周.md'));
    const r = await cli(d, ['new', '-d', 'notes', '--date', '2023-12-20'], { now: at(2023, 12, 22, 9, 5) });
    expect(r.code).toBe(0);
    const text = read(d, 'notes/2023/第52周.md');
    // created on the day asked for, at the clock's time
    expect(text).toContain('\nCreated: 2023年12月20日 09:05\n');
    const o2 = text.slice(text.indexOf('## 【O2系统升级】'), text.indexOf('## 【O3'));
    expect(o2).toBe(`## 【O2系统升级】

- POS收单系统建设
    1. 商户巡检，测试进度80%，预计下周上线
    2. ARK过检材料答疑
    3. 金融加密机对接中
- 支付系统双活，完成昌平万国机房支付链路交易，钱包收银台演练完成，存在系统需要预热问题。
- 风险数据指标，核查单开发50%；外采风控数据迁移上线，下周启动刷数。总体进度50%。

`);
    // 上线完成 and 完成系统上线 finish an item; 测试中, 待优化 and a plan to 上线 do not
    expect(text).not.toContain('贝好家意向金');
    expect(text).not.toContain('聚合支付');
    expect(text).toContain('- 资金安全，C端单单提醒功能测试中，计划12/26上线\n');
    expect(text).toContain('- 商户重构一期，完成无锡开城，数据同步自动补充以及少量数据匹配问题待优化。\n');
    expect(text).toContain('## 【重点工作】\n\n- 【年度绩效沟通】\n- 【年结保障以及稳定性工作跟进】\n- 【2024工作规划与部分专题研讨】\n- 【重点项目月度review】\n');
  });

  it('refuses to overwrite: exit 1 and the note untouched, also when the week has a note under another name', async () => {
    const d = withExamples();
    expect((await cli(d, ['new', '--dir', 'notes'], { now: at(2024, 2, 28) })).code).toBe(0);
    const file = path.join(d, 'notes/2024/第9周.md');
    const before = { text: readFileSync(file, 'utf8'), mtime: statSync(file).mtimeMs };
    const again = await cli(d, ['new', '--dir', 'notes'], { now: at(2024, 2, 29) });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe('weekly new: notes/2024/第9周.md is already the note of 2024 第9周 (2024-02-26 – 2024-03-03, jan1); nothing written\n');
    expect({ text: readFileSync(file, 'utf8'), mtime: statSync(file).mtimeMs }).toEqual(before);
    // an existing week in the examples, whose file is 第5周.md
    const old = await cli(d, ['new', '--dir', 'notes', '--date', '2024-02-01'], { now: at(2024, 2, 28) });
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('notes/2024/第5周.md is already the note of 2024 第5周');
    expect(readdirSync(path.join(d, 'notes/2024')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('in an empty folder: 第NN周.md with every section, in the reference note\'s style', async () => {
    const d = tempDir();
    const r = await cli(d, ['new'], { now: at(2024, 1, 30) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('第05周.md\n');
    expect(read(d, '第05周.md')).toBe(`# 第5周

Created: 2024年1月30日 18:22

## 【重点工作】

## 【系统运行数据】

## 【生产事件】

## 【其他】

## 收获与反思

## 下周工作及目标
`);
  });

  it('follows the year folders and the numbering: 2024/第01周.md after 2023/第53周.md; ISO when configured', async () => {
    const d = tempDir();
    cpSync(path.join(EXAMPLES, '2023'), path.join(d, 'notes/2023'), { recursive: true });
    const r = await cli(d, ['new', '--dir', 'notes', '--date', '2024-01-03'], { now: at(2024, 1, 3) });
    expect(r.stdout).toBe('notes/2024/第01周.md\n');
    expect(read(d, 'notes/2024/第01周.md')).toMatch(/^# 第1周\n/);

    const iso = tempDir({ 'weekly.config.yaml': 'notes: weeks\nweekNumbering: iso\n' });
    const i = await cli(iso, ['new', '--date', '2023-12-16'], { now: at(2023, 12, 16) });
    expect(i.stdout).toBe('weeks/第50周.md\n');
    expect(read(iso, 'weeks/第50周.md')).toMatch(/^# 第50周\n\nCreated: 2023年12月16日 18:22\n/);
  });

  it('keeps unpadded names when the folder has them (第3周.md → 第4周.md), and a Notion-style English Created', async () => {
    const d = tempDir({ 'w/第3周.md': '# 第3周\n\nCreated: January 19, 2024 6:00 PM\n\n## Highlights\n\n- 【a】\n\n## Next week\n\n1. ship b\n' });
    const r = await cli(d, ['new', '-d', 'w'], { now: at(2024, 1, 24, 9, 30) });
    expect(r.stdout).toBe('w/第4周.md\n');
    expect(read(d, 'w/第4周.md')).toBe('# 第4周\n\nCreated: January 24, 2024 9:30 AM\n\n## Highlights\n\n- 【ship b】\n\n## Metrics\n\n## Incidents\n\n## Other\n\n## Reflection\n\n## Next week\n');
  });

  it('mirrors an Obsidian note: frontmatter week and created updated, other keys kept', async () => {
    const d = tempDir({ 'vault/2024-W10.md': '---\nweek: 2024-W10\ncreated: 2024-03-08\nauthor: 张三\ntags: [周报]\n---\n\n# 2024-W10\n\n## 重点工作\n\n## 下周工作及目标\n\n1. 复盘\n' });
    const r = await cli(d, ['new', '-d', 'vault'], { now: at(2024, 3, 13) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('vault/2024-W11.md\n');
    expect(read(d, 'vault/2024-W11.md')).toBe('---\nweek: 2024-W11\ncreated: 2024-03-13\nauthor: 张三\ntags: [周报]\n---\n\n# 2024-W11\n\n## 重点工作\n\n- 【复盘】\n\n## 【系统运行数据】\n\n## 【生产事件】\n\n## 【其他】\n\n## 收获与反思\n\n## 下周工作及目标\n');
  });

  it('uses note.md.hbs from --templates (or build.templates), and reports a template error with its line', async () => {
    const d = tempDir({ 'tpl/note.md.hbs': '# {{title}}\n\n{{#each plan}}- [ ] {{this}}\n{{/each}}' });
    const r = await cli(d, ['new', '--templates', 'tpl'], { now: at(2024, 1, 30) });
    expect(r.code).toBe(0);
    expect(read(d, '第05周.md')).toBe('# 第5周\n');
    const bad = tempDir({ 'weekly.config.yaml': 'build:\n  templates: tpl\n', 'tpl/note.md.hbs': '# {{title}}\n{{nope.deeper}}\n' });
    const b = await cli(bad, ['new'], { now: at(2024, 1, 30) });
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^weekly new: template tpl\/note\.md\.hbs(:2)?: /);
    expect(existsSync(path.join(bad, '第05周.md'))).toBe(false);
  });

  it('exit 2 for a date that is not one', async () => {
    const r = await cli(tempDir(), ['new', '--date', '2024-02-30']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'weekly new: --date `2024-02-30`: expected a date as YYYY-MM-DD\n' });
  });
});
