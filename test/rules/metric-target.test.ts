import { ruleTester, edit, VALID_NOTE } from './helper.js';

const slo = { metrics: { 支付系统年度可用性: { aliases: ['年度可用性'], target: '>= 99.99%' }, 事故数AB级: { target: '== 0' } } };
const avail = (v: string) => edit('- 入金有效成功率：99.966%', `- 入金有效成功率：99.966%\n- 支付系统年度可用性：${v}\n- 事故数AB级0次，CD级1次`);

ruleTester('metric-target', {
  valid: [
    VALID_NOTE,
    { md: avail('99.998%'), config: slo },
    { md: avail('99.99%'), config: slo },
    // no target configured: nothing to meet
    avail('95%'),
  ],
  invalid: [
    { md: avail('99.95%'), config: slo, errors: ['12:13: Unexpected `99.95%` for `支付系统年度可用性`, expected `>= 99.99%` (its target)'] },
    {
      md: avail('99.95%').replace('支付系统年度可用性', '年度可用性'),
      config: slo,
      errors: ['12:9: Unexpected `99.95%` for `年度可用性` (`支付系统年度可用性`), expected `>= 99.99%` (its target)'],
    },
    { md: avail('99.998%').replace('AB级0次', 'AB级1次'), config: slo, errors: ['13:9: Unexpected `1次` for `事故数AB级`, expected `== 0` (its target)'] },
  ],
});
