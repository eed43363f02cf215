import { ruleTester, edit, VALID_NOTE } from './helper.js';

ruleTester('duplicate-section', {
  valid: [
    VALID_NOTE,
    // two objectives are two sections
    edit('## 【O1 服务业务】', '## 【O2 系统升级】\n\n- 支付系统双活，开发中\n\n## 【O1 服务业务】'),
    // a sub-heading inside a section is not a section
    edit('- 【年度述职】', '- 【年度述职】\n\n### 小结\n\n文字\n\n### 小结\n\n文字'),
  ],
  invalid: [
    {
      md: edit('# 下周工作及目标', '## 【重点工作】\n\n- 【补充】\n\n# 下周工作及目标'),
      errors: ['22:4: Unexpected second section `【重点工作】`, expected each section once (first at line 5)'],
    },
    // the same section under another name or punctuation
    {
      md: edit('# 下周工作及目标', '## 系统运行数据：\n\n- 支付成功率：99.9%\n\n# 下周工作及目标'),
      errors: ['22:4: Unexpected second section `系统运行数据：`, expected each section once (first at line 9)'],
    },
    {
      md: edit('### 【生产事件】', '## 【O1服务业务】\n\n- 资金安全，测试中\n\n### 【生产事件】'),
      errors: ['18:4: Unexpected second section `【O1服务业务】`, expected each section once (first at line 14)'],
    },
  ],
});
