import { ruleTester, edit, VALID_NOTE } from './helper.js';

ruleTester('title-week', {
  valid: [
    VALID_NOTE,
    edit('# 第51周', '# 2023年第51周'),
    edit('# 第51周', '# Week 51'),
    edit('# 第51周', '# 第 51 周 周报'),
    // frontmatter names the week when the title does not
    `---\nweek: 2023-W50\ncreated: 2023-12-16 08:02\n---\n\n${edit('# 第51周', '# 周报')}`,
    // so does its date line, as it does for the build
    edit('# 第51周', '# 周报'),
    // and a date in its file name
    { md: edit('# 第51周\n\nCreated: 2023年12月16日 08:02', '# 周报'), file: 'notes/2023-12-15.md' },
  ],
  invalid: [
    {
      md: edit('# 第51周\n\nCreated: 2023年12月16日 08:02', '# 周报'),
      // a file name that names no week either
      file: 'notes/note.md',
      errors: ['1:1: Unexpected title `周报` that names no week, expected a title such as `# 第51周` or frontmatter `week: 2024-W10`'],
    },
    {
      md: edit('# 第51周\n\nCreated: 2023年12月16日 08:02\n\n', ''),
      file: 'notes/note.md',
      errors: ['1:1: Unexpected note without a title, expected a first heading that names the week, such as `# 第51周`'],
    },
    // an English note is told in English
    {
      md: '# Weekly update\n\n## Progress\n\n- Rate limiter rolled out\n',
      file: 'notes/update.md',
      errors: ['1:1: Unexpected title `Weekly update` that names no week, expected a title such as `# Week 51` or frontmatter `week: 2024-W10`'],
    },
    { md: edit('# 第51周', '# 第60周'), errors: ['1:1: Unexpected week number `60`, expected a week from 1 to 53'] },
  ],
});
