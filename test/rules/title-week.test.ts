import { ruleTester, edit, VALID_NOTE } from './helper.js';

ruleTester('title-week', {
  valid: [
    VALID_NOTE,
    edit('# 第51周', '# 2023年第51周'),
    edit('# 第51周', '# Week 51'),
    edit('# 第51周', '# 第 51 周 周报'),
    // frontmatter names the week when the title does not
    `---\nweek: 2023-W50\ncreated: 2023-12-16 08:02\n---\n\n${edit('# 第51周', '# 周报')}`,
  ],
  invalid: [
    {
      md: edit('# 第51周', '# 周报'),
      errors: ['1:1: Unexpected title `周报` that names no week, expected a title such as `# 第51周` or frontmatter `week: 2024-W10`'],
    },
    {
      md: edit('# 第51周\n\n', ''),
      errors: ['1:1: Unexpected note without a title, expected a first heading that names the week, such as `# 第51周`'],
    },
    { md: edit('# 第51周', '# 第60周'), errors: ['1:1: Unexpected week number `60`, expected a week from 1 to 53'] },
  ],
});
