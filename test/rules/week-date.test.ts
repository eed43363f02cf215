import { ruleTester, edit, VALID_NOTE } from './helper.js';

ruleTester('week-date', {
  valid: [
    VALID_NOTE,
    // the same day read under ISO numbering is week 50
    edit('# 第51周', '# 第50周'),
    { md: VALID_NOTE, config: { weekNumbering: 'jan1' } },
    { md: edit('# 第51周', '# 第50周'), config: { weekNumbering: 'iso' } },
    edit('Created: 2023年12月16日 08:02', 'Created: December 17, 2023 8:02 PM'),
    `---\nweek: 2023-W50\ncreated: 2023-12-16 08:02\n---\n\n${VALID_NOTE.replace('Created: 2023年12月16日 08:02\n\n', '')}`,
    // no date: nothing to check
    edit('Created: 2023年12月16日 08:02\n\n', ''),
  ],
  invalid: [
    {
      md: edit('Created: 2023年12月16日 08:02', 'Created: 2023年12月26日 08:02'),
      errors: [
        '3:1: Unexpected date `2023年12月26日 08:02` for week 51 of 2023, expected a day from Monday 2023-12-11 to Sunday 2023-12-17 (week 1 holding 1 January; 9 days after)',
      ],
    },
    {
      md: VALID_NOTE,
      config: { weekNumbering: 'iso' },
      errors: ['3:1: Unexpected date `2023年12月16日 08:02` for week 51 of 2023, expected a day from Monday 2023-12-18 to Sunday 2023-12-24 (ISO numbering; 2 days before)'],
    },
    {
      md: `---\nweek: 2023-W40\ncreated: 2023-12-16 08:02\n---\n\n${VALID_NOTE.replace('Created: 2023年12月16日 08:02\n\n', '')}`,
      errors: ['3:1: Unexpected date `2023-12-16 08:02` for week 40 of 2023, expected a day from Monday 2023-10-02 to Sunday 2023-10-08 (ISO numbering; 69 days after)'],
    },
  ],
});
