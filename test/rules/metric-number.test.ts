import { ruleTester, edit, VALID_NOTE } from './helper.js';

ruleTester('metric-number', {
  valid: [
    VALID_NOTE,
    // a thousands separator in a count is a number
    edit('总告警数为464个', '总告警数为1,464个'),
    // progress and prose are not metrics
    edit('- 【年度述职】', '- 【年度述职】，数字99,966%不在指标段落'),
  ],
  invalid: [
    {
      md: edit('99.966%', '99,966%'),
      errors: ['11:11: Unexpected `99,966%` for `入金有效成功率`, expected a number with `.` as the only decimal point such as `99.966%`'],
    },
    {
      md: edit('99.966%', '99。966%'),
      errors: ['11:11: Unexpected `99。966%` for `入金有效成功率`, expected a number with `.` as the only decimal point such as `99.966%`'],
    },
    {
      md: edit('99.966%', '99.9.66%'),
      errors: ['11:11: Unexpected `99.9.66%` for `入金有效成功率`, expected a number with `.` as the only decimal point'],
    },
  ],
});
