import { ruleTester, edit, VALID_NOTE } from './helper.js';

const item = (s: string) => edit('- 聚合支付，主链路12/21上线完成', `- 聚合支付，${s}`);

ruleTester('date-valid', {
  valid: [
    VALID_NOTE,
    item('计划2/29上线'),
    item('12.12-12.20号联调'),
    // a ratio and a decade are no dates
    item('里程碑完成率43%（3/7）'),
    // reflection prose is not read for dates
    `${VALID_NOTE}\n\n## 收获与反思\n\n90/00年代的13/5`,
  ],
  invalid: [
    { md: item('计划2/30上线'), errors: ['16:10: Unexpected date `2/30`, expected a day from 1 to 29 in month 2 (28 outside leap years)'] },
    { md: item('计划13/5上线'), errors: ['16:10: Unexpected date `13/5`, expected a month from 1 to 12'] },
    { md: item('计划4月31日上线'), errors: ['16:10: Unexpected date `4月31日`, expected a day from 1 to 30 in month 4'] },
    { md: item('计划2023-02-29上线'), errors: ['16:10: Unexpected date `2023-02-29`, expected a day from 1 to 29 in month 2 (28 outside leap years)'] },
    {
      md: edit('- 12/16  15:36', '- 2/30  15:36'),
      errors: ['20:3: Unexpected date `2/30`, expected a day from 1 to 29 in month 2 (28 outside leap years)'],
    },
  ],
});
