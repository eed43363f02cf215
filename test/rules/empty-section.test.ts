import { ruleTester, edit, VALID_NOTE } from './helper.js';

ruleTester('empty-section', {
  valid: [VALID_NOTE, edit('## 【O1 服务业务】', '## 【其他】\n\n- 无\n\n## 【O1 服务业务】')],
  invalid: [
    {
      md: edit('## 【O1 服务业务】', '## 【其他】\n\n## 【O1 服务业务】'),
      errors: ['14:4: Unexpected empty section `【其他】`, expected some content under it (or `- 无` when there is nothing to say)'],
    },
    {
      // blank lines and lines of spaces are nothing
      md: edit('- 【年度述职】', '    \n'),
      errors: ['5:4: Unexpected empty section `【重点工作】`, expected some content under it (or `- 无` when there is nothing to say)'],
    },
    {
      md: `${VALID_NOTE}\n\n## 收获与反思\n`,
      errors: ['26:4: Unexpected empty section `收获与反思`, expected some content under it (or `- 无` when there is nothing to say)'],
    },
  ],
});
