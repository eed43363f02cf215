import type { Stage } from './model.js';

/**
 * A regex source matching any of `words` literally, as a non-capturing group, alternatives in list order. Modules
 * build their regexes from the lists here with it, so that a dialect adds words here and nowhere else.
 */
export function anyOf(words: readonly string[]): string {
  return `(?:${words.map(escapeRegExp).join('|')})`;
}

/** A word as a regex source matching it literally. */
export function escapeRegExp(word: string): string {
  return word.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

// Sections

/** A section kind's heading names: Chinese first (the first is the default heading), then English. */
export interface SectionNames {
  zh: readonly string[];
  en: readonly string[];
}

/** Headings of the 重点工作 (highlights) section. */
export const HIGHLIGHTS_NAMES: SectionNames = { zh: ['重点工作', '本周重点', '本周重点工作'], en: ['Highlights', 'Key work'] };
/** Headings of this week's work (本周工作, progress): what was done, item by item, `###` subsections naming projects. */
export const PROGRESS_NAMES: SectionNames = {
  zh: ['本周工作', '本周进展', '近期进展', '本周完成', '本周完成的工作', '本周完成工作', '本周工作内容', '工作内容', '本周总结', '本周工作总结', '工作进展', '进展', '本期进展', '进行中'],
  en: ['Progress', 'Done', 'Completed', 'Accomplishments', 'Status Update', 'This week', 'Active Projects', 'What I did', 'What happened', 'In progress'],
};
/** Headings of the 系统运行数据 (metrics) section. */
export const METRICS_NAMES: SectionNames = {
  zh: ['系统运行数据', '运行数据', '系统数据', '系统指标', '数据', '指标', '评估', '性能数据', '关键指标'],
  en: ['Metrics', 'System Metrics', 'Key metrics', 'KPIs', 'KPI', 'Numbers', 'Evaluation', 'Benchmarks'],
};
/** Headings of the 生产事件 (incidents) section. */
export const INCIDENTS_NAMES: SectionNames = { zh: ['生产事件', '线上事件', '生产事故', '线上问题', '故障', '事故'], en: ['Incidents', 'Production incidents', 'Outages'] };
/** Headings of problems and risks (遇到的问题): what stands in the way. */
export const PROBLEMS_NAMES: SectionNames = {
  zh: ['遇到的问题', '问题', '遇到难题及解决方法', '困难', '风险', '风险与问题', '问题与风险', '历史遗留问题'],
  en: ['Issues', 'Blockers', 'Risks', 'Challenges', 'Problems', 'Progress and Issues'],
};
/** Headings of help needed (需要的支持): what the author asks of others. */
export const HELP_NAMES: SectionNames = { zh: ['需要的支持', '需要的支持与资源', '求助', '导师建议', '需要协助', '需协调事项', '协调事项', '需要协调'], en: ['Asks', 'Need help', 'Help needed', 'Questions'] };
/** Headings of the 其他 (other) section. */
export const OTHER_NAMES: SectionNames = { zh: ['其他', '其它', '其他工作'], en: ['Other'] };
/** Headings of notes (学习笔记, 会议纪要): prose kept as written. */
export const NOTES_NAMES: SectionNames = { zh: ['学习笔记', '学习记录', '会议纪要', '笔记'], en: ['Notes', 'Meeting notes'] };
/** Headings of the 收获与反思 (reflection) section. */
export const REFLECTION_NAMES: SectionNames = { zh: ['收获与反思', '收获和反思', '反思与收获', '反思', '收获', '心得', '总结与反思'], en: ['Reflection', 'Reflections', 'Learnings', 'Retro'] };
/** Headings of the 下周工作及目标 (next week's plan) section. */
export const NEXT_WEEK_NAMES: SectionNames = {
  zh: ['下周工作及目标', '下周工作与目标', '下周工作', '下周计划', '下周目标', '下周工作计划', '下一步', '下周学习计划'],
  en: ['Next week', 'Next Week Plan', 'Plans', 'Plan', 'Goals for Next Week', 'Upcoming', 'TODO', 'Next steps', 'Coming up', 'Up next', 'Next up'],
};
/** The brackets the reference note puts around a section heading (`## 【重点工作】`) and a highlight's title. */
export const HEADING_BRACKETS = ['【', '】'] as const;

// Weeks, dates and properties

/** The word before a week number in a Chinese title (`第51周`); before any number it makes a rank (`排名第三`). */
export const ORDINAL = '第';
/** The word after a week number in a Chinese title (`第51周`). */
export const WEEK_MARK = '周';
/** Words before a week number in an English title (`Week 5`), matched without regard to case. */
export const WEEK_WORDS_EN = ['week'];
/** The year, month and day marks of a Chinese date (`2023年12月16日`, `12月16号`); the first day mark is Notion's. */
export const YEAR_MARK = '年';
/** See `YEAR_MARK`. */
export const MONTH_MARK = '月';
/** See `YEAR_MARK`. */
export const DAY_MARKS = ['日', '号'];
/** Words joining the two ends of a date range (`12.12至12.20`), beside `-` and `~`. */
export const RANGE_WORDS = ['至', '到'];
/** A word after `90/00` that makes it a decade (`90/00年代`), not a date. */
export const DECADE_WORD = '年代';
/** English month names, as Notion writes `Created` in an English workspace (`December 16, 2023 8:02 AM`). */
export const MONTH_NAMES_EN = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Property and frontmatter keys whose value is the note's date, matched without regard to case, tried in note order. */
export const CREATED_KEYS = ['created time', 'created', '创建时间', '创建日期', 'date', '日期', 'week ending', '周报日期'];
/** Frontmatter keys that name the note's week (`week: 2024-W10`). */
export const WEEK_KEYS = ['week'];
/** Frontmatter keys that name the note's author. */
export const AUTHOR_KEYS = ['author'];

// Work items: status, completion, plans

/** How a stage's status words are written: plain words, words followed by a percent (`测试进度80%`), and words that count only at a clause's end. */
export interface StageWords {
  stage: Stage;
  /** Tried in this order at each place: a longer form before its prefix (`联调中` before `联调`). */
  words: readonly string[];
  /** Followed by a number and a percent: `测试进度80%`, `开发50%`. */
  progress?: readonly string[];
  /** Only at the end of a clause (or before a `CLAUSE_END_PARTICLES` word) and not right after a date: `，投产。`, not `1/11投产`. */
  clauseEnd?: readonly string[];
}

/** Status words of a work item by the stage they mean; at one place in the text the first stage listed wins a tie. */
export const STAGE_WORDS: readonly StageWords[] = [
  { stage: 'done', words: ['上线完成', '完成上线', '完成系统上线', '已上线', '已全量', '全量上线', '投产完成', '已投产', '验收完成', '项目结项', '已结项', '结项'], clauseEnd: ['投产'] },
  { stage: 'gray', words: ['灰度中', '灰度', '放量'] },
  { stage: 'testing', words: ['测试中', '测试完成', '提测', '联调中', '联调', '回归测试中', '回归测试', '验收中'], progress: ['测试进度'] },
  { stage: 'developing', words: ['开发中', '开发完成', '对接中', '改造中'], progress: ['开发进度', '开发'] },
  { stage: 'designing', words: ['设计评估中', '方案设计中', '方案设计', '技术方案设计中', '设计中', '详细设计', '概要设计'] },
  { stage: 'evaluating', words: ['评估中', '需求评估', '调研中', '调研', '排期中', '待启动'] },
  { stage: 'optimizing', words: ['待优化', '优化中'] },
];
/** Particles that may follow a clause-end status word (`投产了`). */
export const CLAUSE_END_PARTICLES = ['了'];

/** The bare word for done: a status only as a whole clause (`，已完成。`), not in `演练完成`. */
export const DONE_WORD = '完成';
/** The word for "already": `已上线`, `已完成`. */
export const ALREADY = '已';
/** Words that may stand before a bare `完成` clause (`已完成`, `全部完成`). */
export const DONE_PREFIXES = [ALREADY, '全部', '整体'];
/** Words that say a clause reports what happened, not what is planned: a date in such a clause is no plan. */
export const OUTCOME_WORDS = [DONE_WORD, ALREADY, '失败', '回滚', '取消'];
/** Words of delivery: `完成` finishes the item only with one of these (上线完成), else it finishes a phase (测试完成). */
export const DELIVERY_WORDS = ['上线', '投产', '结项', '交付', '验收', '全量', '发布'];
/** Words that close a project whatever else the item says. */
export const CLOSED_WORDS = ['结项'];
/** Milestone verbs: what a date is for (`12/26上线`); a date's milestone is the first one after it in its clause. */
export const MILESTONES = ['上线', '投产', '提测', '开城', '演练', '评审', '发布', '交付', '验收', '结项', '全量', '灰度', '启动', '试运行', '内测', '切换', '迁移', '开发', '测试', '联调'];

/**
 * Plan and estimate words: what follows one in its clause is planned, not done. A status word after one is no
 * status (`计划12/26上线`, `预计下周提测`), and a date after one is a planned date (`预计1/11投产`, `延期至1/15`).
 */
export const PLAN_WORDS = ['计划', '预计', '预期', '争取', '目标', '下周', '后续', '定于', '排期', '延期至', '推迟至', '调整至', '调整到'];

/** Verbs whose `中` form is a status glued to a work item's name (`金融加密机对接中`): the name's identity drops the `中`. */
export const ONGOING_VERBS = ['对接', '开发', '测试', '联调', '评估', '设计', '灰度', '改造', '优化', '推进', '进行'];
/** The mark of an ongoing status (`开发中`). */
export const ONGOING_MARK = '中';

// Incidents

/** An incident line that is only one of these says there was none (`- 无`), matched without regard to case. */
export const NO_INCIDENT_WORDS = ['无', '暂无', '没有', '本周无', 'none', 'n/a', 'nil', '-'];
/** Words before an incident's duration (`持续60mins`). */
export const DURATION_WORDS = ['持续', '历时', '耗时', '时长', 'lasted', 'lasting', 'duration'];
/** Words between a duration word and its number (`持续约30分钟`). */
export const APPROX_WORDS = ['约', '共'];
/** Units of a duration in minutes, matched without regard to case; a unit must not run on into letters. */
export const MINUTE_UNITS = ['minutes', 'minute', 'mins', 'min', '分钟'];
/** Units of a duration in hours, matched without regard to case. */
export const HOUR_UNITS = ['hours', 'hour', 'hrs', 'hr', 'h', '小时'];
/** A minute unit taken only after a duration word (`持续20m`): alone, `20m` may be anything. */
export const SHORT_MINUTE_UNITS = ['m'];
/** Words of the clause that states an incident's impact (`未对业务产生影响`). */
export const IMPACT_WORDS = ['影响', '受损', '资损', '无损'];
/** The word before an incident's grade (`定级C级`). */
export const GRADING_WORD = '定级';
/** The mark after a grade or level (`C级`, `事故数AB级`). */
export const GRADE_MARK = '级';
/** Nouns after a grade that make it an incident's (`C级事故`). */
export const INCIDENT_NOUNS = ['事故', '事件', '故障'];

// Metrics

/** Percent signs, half and full width. */
export const PERCENT_SIGNS = ['%', '％'];
/** Counting words after a count (`0次`, `464个`, `267笔`): a count's unit. */
export const COUNT_UNITS = ['次', '个', '笔', '条', '项', '件', '起', '人', '位', '家', '场', '单', '篇', '台'];
/** Units of time a metric may be written in (`120ms`). */
export const TIME_UNITS = ['ms', '毫秒', '秒', '分钟', '小时', '天'];
/** Conjunctions: they join two metrics after a value (`代码bug服务数11个、慢查服务数13个及…`) and two parts of a plan. */
export const CONJUNCTIONS = ['以及', '及', '和', '与'];
/** Words that open a clause explaining the metrics before it (`由于…`): the rest of the line is context. */
export const CONTEXT_OPENERS = ['由于', '因为', '因', '导致', '影响', '主要', '受', '原因', '其中', '环比', '同比', '较上周', '比上周'];
/** Words before a metric's name that are not part of it (`其中`, `目前`), after `CONJUNCTIONS`; tried in this order. */
export const NAME_OPENERS = ['其中', '并且', '并', '另外', '目前', '当前'];
/** Words that introduce a value (`健康分为717`): a number with no unit after one (or a colon) is a metric. */
export const VALUE_LINKS = ['为', '是'];
/** Other words between a metric's name and its value (`覆盖率保持100%`): not part of the name (`达到` ends in the movement word `到`, so `达到99%` reads as a goal). */
export const VALUE_LEADS = ['保持', '达到', '约', '共', '计'];
/**
 * The words a work item's identity drops with a trailing value (`覆盖率保持100%` → `覆盖率`): fewer than a metric's
 * name drops, as a name is not cut at a value there, and 计, 是, 共 end words of names (设计, 但是, 公共).
 */
export const ITEM_VALUE_LEADS = ['保持', '为', '达到', '约'];
/** Words before a number that make it a movement or a goal (`扩至100台`, `提升到99.99%`), not a reading. */
export const MOVEMENT_WORDS = ['至', '到', '扩', '增加', '减少', '降低', '提升', '超过', '不低于', '不超过', '目标'];
/** Last characters of a metric name that takes a bare number (`健康分717`, `请求量5000`). */
export const BARE_VALUE_NAME_ENDINGS = ['分', '数', '量', '值', '率', '额', '度'];
/** Words naming the current period: what comes before one in a metric's name is context (`支付中心本周健康分` → `健康分`). */
export const CURRENT_PERIOD_WORDS = ['本周', '本月'];
/** Words of a table header naming this week's column (`| 指标 | 本周 | 上周 |`), matched without regard to case; a space stands for any spacing. */
export const CURRENT_COLUMN_WORDS = ['本周', 'this week', '本期', '当前', 'current', 'value', '数值'];
/** The word before a percent that gives a work item's progress (`进度80%`); it is read before `PROGRESS_WORDS`. */
export const PROGRESS_WORD = '进度';
/** Other words before a percent that give a work item's progress (`开发50%`, `放量30%`). */
export const PROGRESS_WORDS = ['开发完成', '开发', '放量', '已灰度', '灰度'];
/** Last words of a name that make its percent a work item's progress, not a metric: the progress words, and these. */
export const PROGRESS_NAME_WORDS = [PROGRESS_WORD, ...PROGRESS_WORDS, DONE_WORD, '提测'];

// Metric direction

/** Words before `率` that make a rate better when lower (`失败率`); checked before `HIGHER_IS_BETTER`. */
export const LOWER_IS_BETTER_RATES = ['失败', '错误', '差错', '投诉', '流失', '超时', '故障', '报错', '拒绝'];
/** The mark of a rate (`成功率`). */
export const RATE_MARK = '率';
/** Words in a metric's name that make it better when higher, matched without regard to case. */
export const HIGHER_IS_BETTER = ['成功率', '可用性', '可用率', '准确率', '采纳率', '覆盖率', '跟进率', '通过率', '健康分', '满意度', '命中率', '达成率', '完成率', 'success', 'availability', 'accuracy', 'uptime', 'conversion', 'activation', 'retention', 'coverage', 'satisfaction', 'adoption'];
/** Words in a metric's name that make it better when lower, matched without regard to case; checked after `HIGHER_IS_BETTER`. */
export const LOWER_IS_BETTER = ['事故', '故障', '告警', '报警', 'bug', '慢查', '漏洞', '延迟', '耗时', '失败', '投诉', '差错', '积压', '错误', 'incident', 'alert', 'latency', 'error', 'failure', 'timeout', 'churn', 'downtime', 'outage', 'complaint', 'backlog'];

// Matching plans with what was done

/** Words that say how work went, not what it was: matching a plan with next week's text skips them. */
export const STOP_WORDS = ['跟进', '推进', '准备', '相关', '工作', '事项', '以及', '继续', '持续', '进行', '开展', '下周', '本周', '完成', '的', '和', '与', '及'];
/**
 * The same for English plans and items, as whole words: what a plan says of any work (`follow up on`, `continue`,
 * `next week`) and the little words between the ones that name it.
 */
export const STOP_WORDS_EN = ['complete', 'continue', 'forward', 'ongoing', 'prepare', 'related', 'working', 'finish', 'follow', 'start', 'from', 'into', 'next', 'push', 'that', 'this', 'week', 'with', 'work', 'and', 'are', 'for', 'our', 'the', 'an', 'as', 'at', 'be', 'by', 'in', 'is', 'of', 'on', 'or', 'to', 'up', 'we', 'a'];

// Dialects (issue 14): how other people write the week, plans, numbers and "nothing this week"

/** Chinese numerals of a week number (`第十二周`), with their values; `两` and `〇` as written in dates and counts. */
export const CHINESE_NUMERALS: Readonly<Record<string, number>> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
/** Words before `第N周` that make it a week of something else than the calendar year (`假期第一周`, `实习第3周`). */
export const RELATIVE_WEEK_WORDS = ['假期', '寒假', '暑假', '学期', '实习', '入职', '项目', '课程', '开学', 'term', 'semester', 'sprint', 'project'];
/** Words before a week number in an English title or file name (`Week 12`, `wk12`), beside `WEEK_WORDS_EN`. */
export const WEEK_ABBREVIATIONS_EN = ['wk'];
/** A line (or a section's only line) that says there is nothing to report this time; matched without regard to case, at the start of the line. */
export const NO_UPDATE_WORDS = ['本周暂无更新', '本期暂无更新', '暂无更新', '无更新', '本周无进展', 'No update this week', 'No updates', 'No update', 'Nothing new'];
/** Words before an estimate in a plan (`（约2天）`, `(~2 days)`), matched without regard to case. */
export const ESTIMATE_LEADS = ['约', '预计', '预估', '大约', '~', '～', 'about', 'approx.', 'est.'];
/** Units of an estimate in days, matched without regard to case; a unit must not run on into letters. */
export const ESTIMATE_DAY_UNITS = ['个工作日', '工作日', '人天', '天', 'days', 'day', 'd'];
/** Units of an estimate in hours. */
export const ESTIMATE_HOUR_UNITS = ['个小时', '小时', 'hours', 'hour', 'hrs', 'h'];
/** Units of an estimate in weeks. */
export const ESTIMATE_WEEK_UNITS = ['周', '个星期', 'weeks', 'week', 'w'];
/** Units of throughput and size a benchmark figure may be written in (`5186 req/s`, `2.1 GB`), beside the counting and time units. */
export const BENCHMARK_UNITS = ['req/s', 'ops/s', 'MB/s', 'GB/s', 'qps', 'QPS', 'tps', 'TPS', 'rps', 'GB', 'MB', 'KB'];
/** Units of time in English notes (`182 ms` is in `TIME_UNITS`): `31 min`, `2 h`, `1.5 s`. */
export const TIME_UNITS_EN = ['mins', 'min', 'hrs', 'h', 's'];
/** Words of a table header naming last week's column (`| 指标 | 本周 | 上周 | 目标 |`), matched without regard to case. */
export const PREVIOUS_COLUMN_WORDS = ['上周', '上期', 'last week', 'previous', 'prev'];
/** Words of a table header naming a target column, matched without regard to case. */
export const TARGET_COLUMN_WORDS = ['目标值', '目标', 'target', 'goal', 'slo'];

/**
 * The last words of a heading that say its kind when no name matches (`下阶段计划`, `需要老师的支持`): Chinese puts the
 * head noun last. Taken from the names above (their last words) and near synonyms; by section id.
 */
export const HEADING_HEADS_ZH: Readonly<Record<string, readonly string[]>> = {
  progress: ['工作', '进展', '进度', '完成', '内容', '任务', '成果', '产出', '总结'],
  'next-week': ['计划', '安排', '打算', '规划', '目标', '下一步'],
  problems: ['问题', '难题', '困难', '难点', '风险', '隐患', '阻塞', '障碍'],
  help: ['支持', '协助', '帮助', '求助', '资源', '建议'],
  metrics: ['数据', '指标', '统计', '评估'],
  incidents: ['事件', '故障', '事故'],
  reflection: ['反思', '心得', '收获', '体会', '感悟'],
  notes: ['笔记', '记录', '纪要'],
};
/** Words before a head noun that put it in the coming period: `下阶段计划`, `后续工作` are next week's plan. */
export const NEXT_PERIOD_WORDS = ['下一周', '下周', '下阶段', '下一阶段', '下期', '下个', '下次', '后续', '接下来', '未来'];
/** Words before a head noun that put it in this period: `本周工作`, `近期进展`. */
export const THIS_PERIOD_WORDS = ['本周', '这周', '本期', '本阶段', '近期', '当前', '目前'];
/** Words of an English heading that say its kind when no name matches (`Risks and mitigations`), by section id. */
export const HEADING_HEADS_EN: Readonly<Record<string, readonly string[]>> = {
  progress: ['progress', 'done', 'completed', 'accomplishments', 'achievements', 'shipped', 'wins'],
  'next-week': ['next', 'upcoming', 'plan', 'plans', 'goals', 'todo', 'priorities'],
  problems: ['issues', 'blockers', 'risks', 'challenges', 'problems', 'concerns'],
  help: ['asks', 'help', 'questions', 'support', 'requests'],
  metrics: ['metrics', 'kpis', 'numbers', 'evaluation', 'benchmarks', 'stats'],
  incidents: ['incidents', 'outages'],
  reflection: ['learnings', 'lessons', 'retro', 'reflections'],
  notes: ['notes'],
};

// Summaries (issue 15): the words the summaries read to decide what a figure is and what an item's news is.
// Appended as one block; the lists above are issue 14's.

/**
 * Words that open a metric's name and make it another series of the same measure (`离线评测问题` is not the
 * weekly `问题`); the metrics after one in its line carry it too (`离线评测问题70条，正确回答62条`).
 */
export const METRIC_QUALIFIERS = ['离线评测', '累计', '累积', '假期', '节假日', 'offline', 'cumulative', 'holiday'];
/** Words in a metric's name that make it a running total: a period takes its last value. */
export const TOTAL_METRIC_WORDS = ['累计', '累积', '总计', 'cumulative', 'to date'];
/** Words in a metric's name that make it a count of events in the week: a period adds the weeks up. */
export const COUNT_METRIC_WORDS = ['事故', '故障', '投诉', '工单', '变更次数', '发布次数', 'incident'];
/** Units of a count of events (`1次`, `267笔`, `2起`): a period adds the weeks up; other counts (`11个`) are levels. */
export const COUNT_METRIC_UNITS = ['次', '笔', '起'];

/**
 * A work item's status that says it is finished, as a clause of its own (`ARK过检，检测通过`, `收银台，已完成`,
 * `done`): beside the delivery statuses the parser reads (上线完成, 投产).
 */
export const COMPLETION_WORDS = ['检测通过', '验收通过', '投产完成', '上线完成', '已完成', '已交付', '已上线', '已投产', '已结项', 'shipped', 'done', 'completed', 'finished', 'launched'];
/** A task-list box that is ticked (`- [x] 支付网关`): the item is finished; its box is no part of its name. */
export const CHECKED_BOXES = ['[x]', '[X]'];
/** A task-list box that is not ticked (`- [ ] 对账平台`): no part of the item's name. */
export const UNCHECKED_BOXES = ['[ ]'];
/** Words of a launch that failed or was rolled back (`12/7上线失败已回滚`): a setback, listed under 问题与不足. */
export const SETBACK_WORDS = ['上线失败', '发布失败', '投产失败', '回滚', '失败', 'rolled back', 'rollback', 'failed'];
/** Words of a status that puts an item at risk (`厂商固件兼容问题`, `暂停`). */
export const RISK_WORDS = ['风险', '阻塞', '卡点', '延期', '推迟', '暂停', '兼容问题', '问题', 'blocked', 'at risk', 'delayed'];
/** Words of a plan about an item's sub-items (`POS收单子模块里程碑跟进`): it is followed up by the item with its sub-items. */
export const SUB_ITEM_WORDS = ['子模块', '子项目', '子项', '各模块', '里程碑', 'milestones', 'sub-items'];
/** Words of a highlight that states the plan or objectives for the coming period: the 述职 draft quotes the latest. */
export const PLANNING_WORDS = ['OKR', '规划', '年度目标', '工作计划', 'roadmap', 'objectives'];
