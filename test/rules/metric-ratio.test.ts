import { ruleTester, edit, VALID_NOTE } from './helper.js';

const qa = (s: string) => edit('总告警数为464个', `总告警数为464个\n- ${s}`);

ruleTester('metric-ratio', {
  valid: [
    // 16/24 = 66.67: 67% is its rounding
    VALID_NOTE,
    edit('67%（16/24）', '66.7%（16/24）'),
    edit('67%（16/24）', '66.67%（16/24）'),
    edit('67%（16/24）', '67%(16/24)'),
    // 65/72 = 90.2777…: 90.28% is right
    qa('问题72条，正确回答65条，准确率90.28%'),
    qa('问题72条，正确回答65条，准确率90.3%'),
    // a percent after counts of different units is no ratio of them
    qa('问题72条，涉及65个系统，准确率50%'),
    { md: edit('67%（16/24）', '70%（16/24）'), config: { rules: { 'metric-ratio': ['error', { tolerance: 5 }] } } },
  ],
  invalid: [
    { md: edit('67%（16/24）', '67%（16/30）'), errors: ['12:10: Unexpected `67%` for `0级报警跟进率`, expected `53%` from 16/30 (53.33%)'] },
    // 66.7 is outside 67 ± 0.05 once a decimal is written
    { md: edit('67%（16/24）', '67.0%（16/24）'), errors: ['12:10: Unexpected `67.0%` for `0级报警跟进率`, expected `66.7%` from 16/24 (66.67%)'] },
    { md: qa('问题72条，正确回答65条，准确率90.29%'), errors: ['13:20: Unexpected `90.29%` for `准确率`, expected `90.28%` from 65 of 72 (90.28%)'] },
    { md: edit('67%（16/24）', '0%（0/0）'), errors: ['12:12: Unexpected ratio `0/0` for `0级报警跟进率`, expected a denominator other than 0'] },
  ],
});
