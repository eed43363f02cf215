import { ruleTester, edit, VALID_NOTE } from './helper.js';

const noMetrics = edit('## 【系统运行数据】\n\n- 入金有效成功率：99.966%\n- 0级报警跟进率67%（16/24），总告警数为464个\n\n', '');

ruleTester('required-sections', {
  valid: [
    VALID_NOTE,
    // aliases and other punctuation name the same sections
    edit('## 【系统运行数据】', '## 运行数据：'),
    edit('## 【重点工作】', '## Highlights'),
    // a section made optional in the config
    { md: noMetrics, config: { sections: { metrics: { required: false } } } },
    // a configured alias
    { md: edit('## 【系统运行数据】', '## 【稳定性数据】'), config: { sections: { metrics: { aliases: ['稳定性数据'] } } } },
  ],
  invalid: [
    // reported at the heading now standing where the section belongs
    { md: noMetrics, errors: ['9:1: Unexpected missing section `系统运行数据`, expected it before `【O1 服务业务】`'] },
    {
      md: edit('## 【重点工作】\n\n- 【年度述职】\n\n', ''),
      errors: ['5:1: Unexpected missing section `重点工作`, expected it before `【系统运行数据】`'],
    },
    {
      md: edit('\n\n# 下周工作及目标\n\n1. 年度绩效沟通', ''),
      errors: ['20:1: Unexpected missing section `下周工作及目标`, expected it at the end of the note'],
    },
    // a section the config requires
    {
      md: VALID_NOTE,
      config: { sections: { reflection: { required: true } } },
      errors: ['22:1: Unexpected missing section `收获与反思`, expected it before `下周工作及目标`'],
    },
    {
      md: '# 第51周\n\nCreated: 2023年12月16日 08:02\n\n一些文字',
      errors: [
        '1:1: Unexpected missing section `重点工作`, expected a heading such as `## 【重点工作】`',
        '1:1: Unexpected missing section `系统运行数据`, expected a heading such as `## 【系统运行数据】`',
        '1:1: Unexpected missing section `下周工作及目标`, expected a heading such as `## 【下周工作及目标】`',
      ],
    },
  ],
});
