import { ruleTester, edit, VALID_NOTE } from './helper.js';

ruleTester('metric-range', {
  valid: [
    VALID_NOTE,
    edit('99.966%', '100%'),
    edit('99.966%', '0%'),
    { md: edit('总告警数为464个', '总告警数为464个，健康分为717'), config: { metrics: { 健康分: { min: 0, max: 1000 } } } },
  ],
  invalid: [
    { md: edit('99.966%', '100.4%'), errors: ['11:11: Unexpected `100.4%` for `入金有效成功率`, expected a percent within [0, 100]'] },
    { md: edit('67%（16/24）', '167%（16/24）'), errors: ['12:10: Unexpected `167%` for `0级报警跟进率`, expected a percent within [0, 100]'] },
    {
      md: edit('总告警数为464个', '总告警数为464个，健康分为1717'),
      config: { metrics: { 健康分: { min: 0, max: 1000 } } },
      errors: ['12:35: Unexpected `1717` for `健康分`, expected a value within [0, 1000]'],
    },
    {
      // configured through an alias; a bound on one side
      md: VALID_NOTE,
      config: { metrics: { 告警数: { aliases: ['总告警数'], max: 400 } } },
      errors: ['12:26: Unexpected `464个` for `总告警数` (`告警数`), expected a value of at most 400'],
    },
    {
      md: VALID_NOTE,
      config: { metrics: { 入金有效成功率: { min: 99.99 } } },
      errors: ['11:11: Unexpected `99.966%` for `入金有效成功率`, expected a value of at least 99.99%'],
    },
  ],
});
