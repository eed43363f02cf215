import { ruleTester, edit, VALID_NOTE } from './helper.js';

const inc = (line: string) => edit('- 12/16  15:36  监控发现域名报警，waf 已拦截，持续60mins', line);

ruleTester('incident-fields', {
  valid: [
    VALID_NOTE,
    inc('- 无'),
    inc('- 12/16 15:36 网关5xx升高，扩容后恢复，持续1.5h'),
    inc('- 12月16日 15:36 网关5xx升高，扩容后恢复，持续20分钟'),
    { md: inc('- 12/16  网关5xx升高，扩容后恢复'), config: { rules: { 'incident-fields': ['error', { require: ['date'] }] } } },
  ],
  invalid: [
    {
      md: inc('- 12/16  网关5xx升高，扩容后恢复，持续20分钟'),
      errors: ['20:3: Unexpected incident without a time, expected `M/D  HH:MM  what happened，持续N分钟`'],
    },
    {
      md: inc('- 网关5xx升高，扩容后恢复，持续20分钟'),
      errors: ['20:3: Unexpected incident without a date and a time, expected `M/D  HH:MM  what happened，持续N分钟`'],
    },
    {
      md: inc('- 网关5xx升高，扩容后恢复'),
      errors: ['20:3: Unexpected incident without a date, a time and a duration, expected `M/D  HH:MM  what happened，持续N分钟`'],
    },
    {
      md: inc('- 12/16  15:36  网关5xx升高，扩容后恢复'),
      errors: ['20:3: Unexpected incident without a duration, expected `M/D  HH:MM  what happened，持续N分钟`'],
    },
    // a date that does not exist is date-valid's to report
    { md: inc('- 2/30  15:36  网关5xx升高，持续5分钟'), errors: [] },
  ],
});
