#!/usr/bin/env node
// A deterministic corpus of realistic weekly notes (周报) in the reference note's shape
// (examples/notes/2023/第51周.md), with planted defects and their ground truth. No dependencies.
//
//   node bench/gen-notes.mjs --out DIR --people N --weeks W --seed S [--defects RATE] [--start YYYY-MM-DD] [--force]
//
// DIR/<person>/<week-year>/第NN周.md, one note per person and week from the week holding --start
// (default 2023-01-02); the top folder names the author, as `weekly` reads it. With --defects RATE, each
// note gets one planted defect with that probability; DIR/defects.json lists every one (also `[]`).
//
// Determinism: only integer and IEEE-exact arithmetic (no Math.log, Math.sin…, no locale, no clock), so the
// same arguments give byte-identical files on any machine. A person's notes depend only on (seed, person
// index, start, week index); defects draw from their own streams, so a note without a defect is the same
// whatever the rate.

import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// ---- random numbers ----

/** 32-bit FNV-1a of a string, for seeding streams by name. */
function fnv1a(s, basis = 0x811c9dc5) {
  let h = basis >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A seeded stream (sfc32); `parts` name it, so that streams of different names are unrelated. */
export class Random {
  constructor(...parts) {
    const s = parts.map(String).join('\u001f');
    this.a = fnv1a(s, 0x811c9dc5);
    this.b = fnv1a(s, 0x9e3779b9);
    this.c = fnv1a(s, 0x85ebca6b);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next() {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p) {
    return this.next() < p;
  }

  pick(xs) {
    return xs[Math.floor(this.next() * xs.length)];
  }

  /** `[[weight, value], …]` → a value. */
  weighted(pairs) {
    let x = this.next() * pairs.reduce((s, [w]) => s + w, 0);
    for (const [w, v] of pairs) if ((x -= w) < 0) return v;
    return pairs[pairs.length - 1][1];
  }

  /** `k` distinct elements in random order. */
  sample(xs, k) {
    const a = xs.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a.slice(0, Math.min(k, a.length));
  }

  /** About normal, mean 0 and deviation 1: a sum of four uniforms (no transcendental functions, so exact everywhere). */
  gauss() {
    return (this.next() + this.next() + this.next() + this.next() - 2) * 1.7320508075688772;
  }
}

// ---- dates (UTC wall clock: a note's times are local, none is converted) ----

const DAY = 86_400_000;
const addDays = (d, n) => new Date(d.getTime() + n * DAY);
const pad2 = (n) => String(n).padStart(2, '0');
const isoDay = (d) => d.toISOString().slice(0, 10);

/** The Monday of the week holding `d`. */
function mondayOf(d) {
  const t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return addDays(new Date(t), -((new Date(t).getUTCDay() + 6) % 7));
}

/** The week holding `d`: ISO (week 1 holds the first Thursday) or jan1 (week 1 holds 1 January, Excel's WEEKNUM(d, 2)). */
export function weekOfDate(d, numbering) {
  const monday = mondayOf(d);
  if (numbering === 'iso') {
    const thursday = addDays(monday, 3);
    const year = thursday.getUTCFullYear();
    const first = mondayOf(new Date(Date.UTC(year, 0, 4)));
    return { year, number: 1 + Math.round((monday - first) / (7 * DAY)) };
  }
  // the week of 31 December that also holds 1 January is week 1 of the next year
  const year = addDays(monday, 6).getUTCFullYear();
  const first = mondayOf(new Date(Date.UTC(year, 0, 1)));
  return { year, number: 1 + Math.round((monday - first) / (7 * DAY)) };
}

const md = (d) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
const mdDot = (d) => `${d.getUTCMonth() + 1}.${d.getUTCDate()}`;
const hhmm = (d) => `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** How a person writes the `Created` property (or frontmatter `created`). */
const CREATED = {
  zh: (d) => `Created: ${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hhmm(d)}`,
  zhPadded: (d) => `Created: ${d.getUTCFullYear()}年${pad2(d.getUTCMonth() + 1)}月${pad2(d.getUTCDate())}日 ${hhmm(d)}`,
  en: (d) => {
    const h = d.getUTCHours();
    return `Created: ${EN_MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${h % 12 || 12}:${pad2(d.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
  },
  frontmatter: (d) => `created: ${isoDay(d)} ${hhmm(d)}`,
};

// ---- what people write about ----

const SURNAMES = ['zhang', 'wang', 'li', 'zhao', 'liu', 'chen', 'yang', 'huang', 'zhou', 'wu', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he', 'lin', 'gao', 'luo', 'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng', 'cao', 'peng'];
const GIVEN = ['wei', 'fang', 'min', 'jing', 'lei', 'jun', 'yang', 'yong', 'yan', 'jie', 'tao', 'ming', 'chao', 'hua', 'ping', 'gang', 'hui', 'qiang', 'lin', 'bo', 'ning', 'xin', 'yu', 'hao', 'kai', 'rui', 'zhen', 'dan', 'lu', 'yue'];

// Each author reports the quality of one area: three rates (r1 alone on a line, r2 and r3 sharing one), an
// availability, and the area's name in the stability line.
const AREAS = [
  { center: '支付中心', system: '支付系统', group: '支付成功率：', rates: [['入金有效成功率', 99.965, 0.012, 99.88, 99.995], ['出金有效成功率', 99.984, 0.006, 99.94, 99.998], ['一次支付成功率', 99.25, 0.08, 98.9, 99.6]] },
  { center: '账户中心', system: '账户系统', group: '账户服务质量：', rates: [['开户成功率', 99.92, 0.02, 99.8, 99.99], ['绑卡成功率', 99.61, 0.05, 99.3, 99.9], ['实名认证通过率', 98.7, 0.15, 98.0, 99.4]] },
  { center: '清结算中心', system: '清结算系统', group: '清结算质量：', rates: [['清分准确率', 99.995, 0.002, 99.98, 99.999], ['结算及时率', 99.97, 0.01, 99.9, 99.999], ['对账自动勾兑率', 99.4, 0.1, 98.9, 99.8]] },
  { center: '收单中心', system: '收单系统', group: '收单成功率：', rates: [['POS交易成功率', 99.9, 0.02, 99.8, 99.98], ['扫码支付成功率', 99.95, 0.01, 99.88, 99.99], ['退款成功率', 99.8, 0.05, 99.5, 99.95]] },
  { center: '风控中心', system: '风控系统', group: '风控服务质量：', rates: [['风控决策成功率', 99.97, 0.01, 99.9, 99.995], ['规则命中准确率', 97.8, 0.3, 96.5, 99.0], ['名单同步及时率', 99.7, 0.08, 99.3, 99.95]] },
];

const CHANNELS = ['银商', '网联', '银联', '招行', '建行', '工行', '农行', '中信', '平安', '浦发', '兴业', '民生', '百信银行', '光大'];
const PARTIES = ['银行侧', '业务方', 'QA', '财务', '法务', '合作方', '产品', '运营', '风控', '安全团队', 'DBA'];
const BUSINESSES = ['安理保险', '租赁', '新房', '家装', '二手房', '商业', '物业', '装修分期'];
const CN_ORD = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

// Work items by objective; a program has milestones, each with its own status.
const WORK = {
  O1: ['物保', '资金安全', '交易不成退代', '商户重构', '贝好家意向金', '聚合支付', '分账系统', '电子签约', '租金分期', '保证金托管', '佣金结算', '发票中心', '跨境收款', '营销立减', '代扣签约', '资金监管', '收银台体验优化', '退款时效提升', '银行账户'],
  O2: ['风险数据指标', '对账平台升级', '清分引擎改造', '路由系统升级', '数据库分库分表', '消息中间件升级', 'JDK17升级', '容器化迁移', '网关统一', '配置中心迁移'],
  O3: ['营收收入对接EBS', '慢SQL治理', '资源成本优化', '等保测评', '漏洞治理', '日志平台降本', '全链路压测', '容量评估', '监控告警治理', '测试自动化'],
};
const PROGRAMS = [
  ['POS收单系统建设', ['核心支付链路', 'POS APP与应用市场', 'POS机具库存管理', 'POS终端申请', '商户巡检', 'ARK过检材料答疑', '金融加密机对接']],
  ['支付系统双活', ['机房网络打通', '数据库双向同步', '支付链路切流演练', '钱包收银台演练', '账务单元化改造', '故障切换预案']],
  ['新一代账务核心', ['记账引擎', '科目体系迁移', '日终批处理', '对账与差错处理', '历史数据迁移']],
  ['统一收银台', ['收银台前端重构', '支付方式路由', '优惠计算服务', '风控接入', '灰度与切流']],
];
const ASPECTS = ['主链路', '退款与账单', '对账文件', '运营后台', '商户侧接入', '数据迁移', '接口改造', '风控规则', '通知服务', '报表', 'C端单单提醒功能', '网银原路退', '数据同步', '异常补偿', '权限改造', '灰度开关', '二期需求', 'B端资金对账提醒'];

// status text by stage: 0 评估, 1 设计, 2 开发, 3 测试, 4 灰度, 5 上线完成
const STAGE_TEXT = [
  ['{a}需求评估中', '与{party}对齐需求范围，{a}方案评估中', '{a}设计评估中', '完成{a}现状调研，改造方案评估中'],
  ['{a}技术方案设计中，计划{date}评审', '完成{a}方案评审，排期中', '概要设计完成，详细设计进度{pct}%'],
  ['{a}开发中，进度{pct}%', '{a}开发进度{pct}%，计划{date}提测', '核心接口开发完成，与{party}联调中', '{a}开发完成{pct}%，{a2}待启动'],
  ['{a}提测，测试进度{pct}%', '{a}测试中，计划{date}上线', '测试进度{pct}%，预计下周上线', '与QA一起完成{a}改造范围Review，回归测试中，计划{date}上线'],
  ['{a}灰度中，放量{pct}%', '{a}已灰度{pct}%流量，观察无异常，计划{date}全量'],
  ['{a}{done}上线完成，{a2}预计下周', '完成系统上线、生产环境验证以及{party}上线', '{a}上线完成，生产验证通过', '{done}上线完成，{a2}待优化'],
];
const STATUS_TAILS = ['，预计{date}投产{biz}业务', '，存在系统需要预热问题', '，总体进度{pct}%', '，少量数据匹配问题待优化', '，下周启动刷数', '，{biz}业务方已确认验收标准', '，{a2}依赖{party}排期，存在延期风险', '，与{party}一起重新评估影响面和测试范围'];

const HIGHLIGHT_TITLES = ['{proj}复盘', '稳定性问题复盘跟进', '{proj}上线保障', '团队梯队建设与招聘', '技术债务治理', '成本预算复盘', '监管检查准备', '跨团队协作机制优化', '架构评审：{proj}', '资金安全专项', '大促保障准备', '新人培养与导师制', '数据质量专项', '研发效能提升', '应急预案演练', '渠道与供应商管理'];
const HIGHLIGHT_SENTENCES = [
  '本周组织{proj}相关同学完成复盘，从需求、设计、测试、发布四个环节梳理问题，明确了改进项和负责人。',
  '短期先解耦{proj}与{proj2}之间的强依赖，同时QA对涉及的系统做全面的回归测试；中长期需要对历史接口做一轮梳理，抽象出更统一、标准的设计。',
  '问题的根因不在单个系统，而在于跨系统的契约没有显式化，上下游对异常场景的理解并不一致。',
  '对{proj}投入了较多的精力，个人觉得是值得的，让团队能在关键节点跳出日常工作，从另外的视角审视方案的得失。',
  '与{party}一起对齐了本季度的目标和节奏，确认了优先级，暂缓了两个收益不明确的需求。',
  '本周面试{n}位候选人，其中{m}位进入终面；中高级工程师供给仍然偏紧，需要提前布局校招和内部培养。',
  '梳理了团队现有的技术债务清单，共{n}项，按影响面和修复成本分为三档，第一档本季度内必须清零。',
  '监管检查材料的重点是资金流向、备付金管理和客户信息保护三部分，剩余材料下周完成内部预审。',
  '针对近期几次告警风暴，推动告警分级和收敛规则落地，0级告警必须在15分钟内有人响应。',
  '大促前完成核心链路压测，峰值按日常{n}倍准备，发现两处连接池瓶颈已修复，数据库慢查询也做了一轮清理。',
  '新人入职后两周内需要完成环境搭建、核心链路走读和一次线上值班跟班，导师每周做一次一对一沟通。',
  '数据质量问题主要集中在口径不一致和延迟到达，本周先统一了成功率、可用性等核心指标的口径定义。',
  '应急预案演练覆盖了机房切换、数据库主从切换和三方通道降级三个场景，其中通道降级耗时超出预期，需要继续优化。',
  '与{bank}的渠道对接目前是瓶颈，对方排期紧张，已升级到双方负责人层面推动，争取下月初完成联调。',
  '架构评审中争议最大的是同步调用还是异步消息，最终结论是核心扣款链路保持同步，通知类场景全部走异步。',
  '这个项目的难点不在技术实现，而在于多方利益的平衡，需要更早把业务方拉进来一起定义成功标准。',
  '资金安全是底线，本周对所有出款类接口做了一轮权限和限额核查，发现{n}处配置不合理，已全部修正。',
  '整体看，团队在执行层面没有问题，但在提前识别风险、主动暴露问题方面还有提升空间。',
  '后续每两周做一次进展同步，关键里程碑延期需要提前一周预警，避免临近上线才暴露问题。',
  '这次问题也说明，灰度策略不能只看技术指标，还要结合业务指标一起判断是否继续放量。',
  '复盘不是为了追责，而是把个人经验沉淀为团队的机制和工具，让同样的问题不再发生第二次。',
  '对照年初目标，{proj}和{proj2}基本按计划推进，个别项目延期约两周，主要原因是外部依赖没有按期交付。',
  '{proj}上线失败的复盘完成，直接原因是配置遗漏，深层原因是发布检查清单没有覆盖新增的依赖服务。',
  '本周和{party}一起过了一遍历史遗留问题，{n}个问题中有{m}个可以通过产品配置解决，不需要研发投入。',
  '从这次的问题看，监控覆盖并不缺，缺的是告警之后的响应机制：谁来看、多长时间内响应、什么情况下升级，都需要明确下来并定期演练。',
];
const HIGHLIGHT_LIST_LEADS = ['几点记录：', '复盘结论如下：', '后续改进项：', '讨论中的几个共识：', '本次述职的一些记录和反思：'];
const HIGHLIGHT_LIST = [
  '站位，好的目标是从业务结果上而非从单个系统上去规划和做工作。',
  '视角，用经营的视角看自己的系统，不断思考内/外部客户的核心诉求是什么，短期聚焦什么，长期布局什么。',
  '节奏，大项目要拆成两到三周可交付的里程碑，每个里程碑都有明确的验收标准和负责人。',
  '质量，测试左移，方案评审阶段就要让QA参与，明确异常场景、回归范围和验收口径。',
  '协作，接口契约先行，上下游在开发前就对齐字段、错误码和幂等规则。',
  '数据，所有改进项都要有可度量的指标和基线，避免“感觉变好了”。',
  '机制，把一次性的救火变成常态化的巡检和告警规则，并定期review规则本身的有效性。',
  '发布，高风险变更必须灰度，且明确回滚预案、观察指标和观察时长。',
  '沉淀，重要问题的排查过程整理成案例，纳入新人培训材料和值班手册。',
  'owner意识，每个跨团队问题都要有唯一的owner，避免多头负责变成无人负责。',
];

const INCIDENT_FOUND = ['监控发现', '告警发现', '业务反馈', '客服反馈', '巡检发现', '值班同学发现'];
const INCIDENT_WHAT = ['非法扫描导致的域名报警', '{bank}通道响应超时', '数据库主从延迟升高', '账务服务CPU飙升', '对账文件生成延迟', 'MQ消息积压', '{bank}证书过期导致验签失败', 'Redis集群节点切换', '网关5xx错误率升高', '定时任务执行失败', '{bank}侧批量退款失败', '下游接口限流'];
const INCIDENT_FIX = ['waf 已拦截', '切换备用通道后恢复', '扩容后恢复', '回滚版本后恢复', '重启实例后恢复', '联系{bank}处理后恢复', '限流降级后恢复', '手工补偿后恢复'];

const OTHER_ITEMS = ['核心团队{period}述职', '{year}年度绩效评估与上报', '年度优秀项目以及技术总结会准备', '参加{event}', '技术分享：{topic}', '校招面试', '新人入职培训', '部门团建', '{nextYear}预算编制', '供应商季度商务回顾', '配合审计部门完成{topic}专项审计', '内控自查', '值班排班调整', '开源组件合规检查', '参与集团{topic}专题研讨'];
const EVENTS = ['胖东来游学', '公司管理者培训', '行业支付技术大会', '银行科技交流会', '内部技术年会', '季度业务复盘会'];
const TOPICS = ['分布式事务实践', '支付路由设计', '大模型在研发中的应用', '稳定性建设经验', '资损防控', '数据治理', '账务系统设计'];
const BOOKS = ['《卓有成效的管理者》', '《原则》', '《凤凰项目》', '《SRE：Google运维解密》', '《第五项修炼》', '《关键对话》'];

const REFLECTION_OPENINGS = [
  '这周参加了{event}，收获很多。',
  '本周读完了{book}，有几点体会比较深。',
  '最近一直在思考团队如何从“完成任务”走向“经营结果”。',
  '{event}前听到很多评价，实际参与后看到了一个更具体、更真实，也更深刻的样子。',
  '回看这一段时间，最大的变化不是上线了多少系统，而是团队做事方式的变化。',
  '这周处理线上问题时的一个细节让我印象很深：值班同学在没有现成预案的情况下，先止血再定位，整个过程沟通清晰、节奏很稳。',
  '和几位同学做了一对一沟通，发现大家普遍关心的是成长空间和做事的确定性，而不仅仅是绩效结果。',
  '本周几个项目同时到了关键节点，压力比较大，但也让我重新审视了自己在时间分配上的问题。',
  '很多时候我们以为问题出在技术上，深入看下去，往往出在目标不清、分工不明和信息不透明上。',
  '这周和业务方一起走访了一线门店，看到系统在真实场景里是怎么被使用的，和坐在办公室里想象的差别很大。',
  '同样的制度，在不同的团队执行出来的效果差别很大，差别往往就在于管理者是否真正相信它。',
  '越是忙的时候，越需要停下来想一想：我们现在做的事情，真的是最重要的事情吗？',
];
const REFLECTION_LEADS = ['总结指导今后工作的几点：', '几点体会：', '对后续工作的启发：', '几点思考：'];
const REFLECTION_THEMES = [
  ['向善利他', ['利他不是“讨好”，而是真正站在对方视角思考问题。', '无论对客户还是对团队成员，都要以人为本，换来的是信任和责任心。', '回到技术管理，对人的激发远比对流程的约束重要。']],
  ['极致专业', ['极致不是“口号”，而需要组织日积月累的努力。', '知识积累不但让服务细节做到极致，也能让新同学快速达到岗位标准。', '每一份值班手册、每一个故障案例，都是组织能力的一部分。']],
  ['坚定主动', ['真正的强者是理念上的“坚定”以及行动上的“主动”。', '只要认定是正确的事，就坚持做下去。', '真正能驱动业务的科技，一定是艰难到被认为不可能的事。']],
  ['长期主义', ['短期的指标很容易被优化，长期的能力却需要持续投入。', '稳定性、数据质量、团队梯队，这些事情短期看不到收益，但决定了我们能走多远。', '复利效应在团队建设上同样成立，每周进步一点点，一年后就是完全不同的团队。']],
  ['经营视角', ['把团队当成一个经营单元来看，投入产出是否合理，客户是否满意。', '每个需求都要问一句：它解决了谁的什么问题，解决到什么程度算成功。', '资源永远是有限的，经营的本质就是在有限资源下做出最优的取舍。']],
  ['简单透明', ['信息透明是协作的基础，坏消息要比好消息传得更快。', '复杂的流程往往是为了弥补信任的缺失，建立信任比增加流程更有效。', '管理者要做的不是控制信息，而是让信息流动起来。']],
  ['敬畏之心', ['支付系统的每一笔交易背后都是真实的用户和真实的资金，容不得侥幸。', '对线上保持敬畏，任何变更都要想清楚影响面和回滚方案。', '敬畏不是畏手畏脚，而是在充分准备的前提下大胆推进。']],
  ['以终为始', ['先想清楚要达成的结果，再倒推需要做的事情和节奏。', '很多项目延期，是因为一开始就没有定义清楚“完成”的标准。', '目标要能被衡量，过程要能被检查，结果要能被复盘。']],
];
const REFLECTION_CLOSINGS = ['路还很长，但方向比速度更重要。', '以上几点，与团队共勉。', '下周会把这些想法整理成具体的改进项，在团队周会上讨论。', '知易行难，关键在于日常的一点一滴。'];
const PLAN_ITEMS = ['{proj}上线保障', '{proj}方案评审', '{proj}测试验收', '稳定性专项周会', '重点项目月度review', '季度OKR对齐', '{proj}与{party}联调', '告警治理第二阶段启动', '推进{proj}灰度放量', '招聘：完成岗位面试', '成本优化专项复盘', '年结保障以及稳定性工作跟进', '{nextYear}工作规划与部分专题研讨'];

// Headings as each kind of author writes them. Chinese authors vary the spacing of the objectives.
const HEADINGS = {
  zh: { highlights: '## 【重点工作】', metrics: '## 【系统运行数据】', O1: '## 【O1 服务业务】', O2: '## 【O2系统升级】', O3: '## 【O3 安全稳定、降本提效】', incidents: '### 【生产事件】', other: '## 【其他】', reflection: '## 收获与反思', next: '# 下周工作及目标' },
  en: { highlights: '## Highlights', metrics: '## System Metrics', O1: '## O1 Business Services', O2: '## O2 System Upgrades', O3: '## O3 Stability & Efficiency', incidents: '### Incidents', other: '## Other', reflection: '## Reflections', next: '# Next Week' },
};
// A misspelt heading is read as no known section: the note then lacks a required one.
const MISSPELT = {
  metrics: [['系统运行数据', '系统运行数椐'], ['系统运行数据', '系统远行数据'], ['系统运行数据', '系统运行数剧'], ['System Metrics', 'System Metircs']],
  next: [['下周工作及目标', '下周工做及目标'], ['下周工作及目标', '下州工作及目标'], ['下周工作及目标', '下周工作及日标'], ['Next Week', 'Next Weak']],
};

/** `{key}` → a value of `vars` (a function is called at each place, so two places may differ). */
function fill(template, vars) {
  return template.replace(/\{(\w+)\}/g, (whole, k) => (k in vars ? String(typeof vars[k] === 'function' ? vars[k]() : vars[k]) : whole));
}
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const percentOf = (a, b, decimals) => ((100 * a) / b).toFixed(decimals);

// ---- a person ----

/** An author: a name, a way of writing, and projects and metrics that move from week to week. */
class Person {
  constructor(seed, index, taken) {
    const r = (this.rng = new Random(seed, 'person', index));
    let name = `${r.pick(SURNAMES)}${r.pick(GIVEN)}`;
    // a second zhangwei is zhangwei2: a name is a folder, and the folder names the author
    for (let k = 2; taken.has(name); k++) name = `${name.replace(/\d+$/, '')}${k}`;
    taken.add(name);
    this.name = name;
    this.area = r.pick(AREAS);
    this.numbering = r.chance(0.25) ? 'jan1' : 'iso';
    this.style = {
      padTitle: r.chance(0.2),
      created: r.chance(0.3) ? 'zhPadded' : 'zh',
      tags: r.chance(0.25),
      O1: r.chance(0.2) ? '## 【O1服务业务】' : null,
      O2: r.chance(0.4) ? '## 【O2 系统升级】' : null,
      decimals: r.chance(0.2) ? 2 : 3,
      alarmDecimals: r.chance(0.75) ? 0 : 1,
      changeRatio: r.chance(0.5),
      ai: r.chance(0.7),
      table: r.chance(0.1),
      verbose: 0.8 + r.next() * 0.6,
      reflect: 0.55 + r.next() * 0.4,
      other: 0.6 + r.next() * 0.35,
      // Obsidian users write frontmatter; its `week: YYYY-Www` is ISO, so only ISO-numbering authors do
      frontmatter: 0,
      english: 0,
    };
    if (this.numbering === 'iso') this.style.frontmatter = r.chance(0.15) ? 0.6 : 0.02;
    this.style.english = r.chance(0.1) ? 0.5 : 0.01;
    this.metrics = {
      rates: this.area.rates.map(([, base]) => base),
      availability: 99.999,
      availabilityYear: null,
      health: r.int(650, 780),
      alarmRate: 0.6 + r.next() * 0.3,
      adoption: 15 + r.next() * 10,
      accuracy: 0.85 + r.next() * 0.1,
      coverage: 100,
    };
    this.phases = new Map();
    this.items = [];
    const counts = { O1: r.int(4, 6), O2: r.int(2, 3), O3: r.int(2, 3) };
    for (const o of ['O1', 'O2', 'O3']) for (let i = 0; i < counts[o]; i++) this.start(o, true);
    if (r.chance(0.6)) this.start('O2', true, true);
  }

  /** Take up a new work item (a program's milestones when `program`). */
  start(o, ongoing, program = false) {
    const r = this.rng;
    const busy = new Set(this.items.map((i) => i.base));
    const pool = program ? PROGRAMS.filter(([n]) => !busy.has(n)) : WORK[o].filter((n) => !busy.has(n));
    if (!pool.length) return;
    const chosen = r.pick(pool);
    const base = program ? chosen[0] : chosen;
    const phase = (this.phases.get(base) ?? 0) + 1;
    this.phases.set(base, phase);
    const item = { o, base, name: phase === 1 ? base : `${base}${CN_ORD[Math.min(phase, 10) - 1]}期`, stage: ongoing ? r.int(0, 4) : 0, progress: r.int(0, 40), doneWeeks: 0, aspect: r.pick(ASPECTS), aspect2: r.pick(ASPECTS) };
    if (program) {
      const first = ongoing ? r.int(0, 3) : 0;
      item.milestones = chosen[1].slice(0, r.int(Math.min(4, chosen[1].length), chosen[1].length)).map((n, i) => ({ name: n, stage: clamp(first + 2 - i + r.int(-1, 1), 0, 5), progress: r.int(0, 60) }));
    }
    this.items.push(item);
  }

  /** One week passes: statuses move, finished items are dropped after a week or two, metrics drift. */
  advance() {
    const r = this.rng;
    for (const item of this.items) {
      if (item.milestones) {
        for (const m of item.milestones) {
          if (m.stage >= 5) continue;
          m.progress += r.int(10, 35);
          if (m.progress >= 100 || r.chance(0.2)) [m.stage, m.progress] = [m.stage + 1, r.int(0, 30)];
        }
        if (item.milestones.every((m) => m.stage >= 5)) item.stage = 5;
      } else if (item.stage < 5) {
        item.progress += r.int(10, 35);
        if (item.progress >= 100 || r.chance(0.18)) [item.stage, item.progress] = [item.stage + 1, r.int(0, 30)];
      }
      if (item.stage >= 5) item.doneWeeks++;
    }
    const finished = this.items.filter((i) => i.stage >= 5 && i.doneWeeks >= (r.chance(0.5) ? 2 : 3));
    this.items = this.items.filter((i) => !finished.includes(i));
    for (const i of finished) this.start(i.o, false, Boolean(i.milestones));
    const m = this.metrics;
    m.rates = m.rates.map((v, k) => {
      const [, base, sd, lo, hi] = this.area.rates[k];
      return clamp(base + 0.6 * (v - base) + sd * r.gauss(), lo, hi);
    });
    m.health = clamp(Math.round(m.health + r.gauss() * 12), 550, 900);
    m.alarmRate = clamp(m.alarmRate + r.gauss() * 0.08, 0.3, 1);
    m.adoption = clamp(m.adoption + r.gauss() * 0.8, 8, 45);
    m.accuracy = clamp(m.accuracy + r.gauss() * 0.02, 0.7, 0.99);
    m.coverage = r.chance(0.7) ? 100 : r.int(88, 99);
  }
}

// ---- a note ----

/** Lines of a note, with the places a defect can be planted. */
class Note {
  constructor() {
    this.lines = [];
    this.sections = []; // {key, idx}
    this.rates = []; // {idx, text}: a rate's value as written on line idx (a percent with decimals)
    this.ratios = []; // {idx, a, b, decimals, render(a, b)}
    this.incidents = []; // {idx, withoutTime(rng)}
    this.dated = []; // {idx, text}: a month/day date in a work item's status
    this.created = null; // {idx, date, render(date)}
    this.titleIdx = 0;
    this.weekLineIdx = null; // frontmatter `week:` line, where week rules point for such notes
  }

  get n() {
    return this.lines.length;
  }

  push(...ls) {
    this.lines.push(...ls);
  }

  section(key, heading) {
    this.sections.push({ key, idx: this.n });
    this.push(heading, '');
  }
}

/** Render person `p`'s note of the week starting `monday`; only `p.rng` is drawn from. */
function renderNote(p, monday) {
  const r = p.rng;
  const week = weekOfDate(monday, p.numbering);
  const kind = r.weighted([[p.style.frontmatter, 'frontmatter'], [p.style.english, 'en'], [1, 'zh']]);
  const eol = r.chance(0.03) ? '\r\n' : '\n';
  const bom = kind !== 'frontmatter' && r.chance(0.01);
  const H = { ...HEADINGS[kind === 'en' ? 'en' : 'zh'] };
  if (kind !== 'en') {
    if (p.style.O1) H.O1 = p.style.O1;
    if (p.style.O2) H.O2 = p.style.O2;
  }
  const note = new Note();
  // mostly Thursday to Saturday, in working hours or the evening
  const day = r.weighted([[0.05, 0], [0.05, 1], [0.05, 2], [0.15, 3], [0.4, 4], [0.22, 5], [0.08, 6]]);
  const created = new Date(addDays(monday, day).getTime() + (r.int(7, 22) * 60 + r.int(0, 59)) * 60_000);
  const names = p.items.map((i) => i.name);
  const vars = {
    proj: () => r.pick(names),
    proj2: () => r.pick(names),
    party: () => r.pick(PARTIES),
    bank: () => r.pick(CHANNELS),
    biz: () => r.pick(BUSINESSES),
    n: () => r.int(3, 12),
    m: () => r.int(1, 3),
    pct: () => r.int(2, 19) * 5,
    event: () => r.pick(EVENTS),
    book: () => r.pick(BOOKS),
    topic: () => r.pick(TOPICS),
    year: week.year,
    nextYear: week.year + 1,
    period: week.number >= 45 ? '年度' : '季度',
  };

  // title and properties
  const title = kind === 'en' ? `# Week ${week.number}` : `# 第${p.style.padTitle ? pad2(week.number) : week.number}周`;
  if (kind === 'frontmatter') {
    note.push('---');
    note.weekLineIdx = note.n;
    note.push(`week: ${week.year}-W${pad2(week.number)}`, `author: ${p.name}`);
    note.created = { idx: note.n, date: created, render: CREATED.frontmatter };
    note.push(CREATED.frontmatter(created), 'tags: [周报]', '---', '');
    note.titleIdx = note.n;
    note.push(title, '');
  } else {
    note.titleIdx = note.n;
    note.push(title, '');
    const render = CREATED[kind === 'en' ? 'en' : p.style.created];
    note.created = { idx: note.n, date: created, render };
    note.push(render(created));
    if (p.style.tags) note.push(kind === 'en' ? 'Tags: Weekly' : 'Tags: 周报');
    note.push('');
  }

  // 【重点工作】: one to three highlights, prose indented four spaces, blank lines holding four spaces
  note.section('highlights', H.highlights);
  const count = r.weighted([[0.2, 1], [0.5, 2], [0.3, 3]]);
  const titles = new Set();
  if (week.number >= 48) titles.add(`${week.year}年度核心述职`);
  if (week.number % 13 === 0) titles.add(`Q${Math.min(4, week.number / 13)}OKR复盘与规划`);
  while (titles.size < count + 1) titles.add(fill(r.pick(HIGHLIGHT_TITLES), vars));
  // sentences drawn without replacement over the whole section: no sentence twice in a note
  const sentences = r.sample(HIGHLIGHT_SENTENCES, HIGHLIGHT_SENTENCES.length);
  for (const t of r.sample([...titles], count)) {
    note.push(`- 【${t}】`, '    ');
    const paragraphs = Math.max(1, Math.round(r.int(1, 2) * p.style.verbose));
    for (let i = 0; i < paragraphs && sentences.length; i++) {
      note.push(`    ${sentences.splice(0, r.int(2, 3)).map((s) => fill(s, vars)).join('')}`, '    ');
    }
    if (r.chance(0.45 * p.style.verbose)) {
      note.push(`    ${r.pick(HIGHLIGHT_LIST_LEADS)}`, '    ');
      r.sample(HIGHLIGHT_LIST, r.int(2, 4)).forEach((s, i) => note.push(`    ${i + 1}. ${s}`));
      note.push('    ');
    }
  }
  note.push('');

  // incidents first: the metrics count them
  const incidents = [];
  for (let i = r.weighted([[0.4, 0], [0.35, 1], [0.18, 2], [0.07, 3]]); i > 0; i--) {
    const at = new Date(addDays(monday, r.int(0, 6)).getTime() + (r.int(0, 23) * 60 + r.int(0, 59)) * 60_000);
    const impact = r.chance(0.5);
    const level = impact && r.chance(0.5) ? r.weighted([[0.1, 'A'], [0.15, 'B'], [0.45, 'C'], [0.3, 'D']]) : null;
    const minutes = r.int(1, 24) * 5;
    const duration = r.weighted([[3, `${minutes}mins`], [2, `${minutes}分钟`], [1, `${minutes}min`], [minutes % 30 === 0 ? 1 : 0, `${minutes / 60}小时`]]);
    const text = fill(`${r.pick(INCIDENT_FOUND)}${r.pick(INCIDENT_WHAT)}，${r.pick(INCIDENT_FIX)}，`, vars) + (impact ? `影响${r.int(1, 900)}笔交易，已全部补单` : '未对业务产生影响') + (level ? `，定级${level}级` : '') + `，持续${duration}`;
    incidents.push({ at, level, text });
  }
  incidents.sort((a, b) => a.at - b.at);

  // 【系统运行数据】
  const m = p.metrics;
  const dec = p.style.decimals;
  if (m.availabilityYear !== week.year) [m.availabilityYear, m.availability] = [week.year, 99.999];
  m.availability = clamp(m.availability - incidents.filter((x) => x.level).length * r.next() * 0.0008, 99.95, 99.999);
  const [[n1, base1, sd1], [n2], [n3]] = p.area.rates;
  const [v1, v2, v3] = m.rates.map((v) => v.toFixed(dec));
  const availability = m.availability.toFixed(3);
  note.section('metrics', H.metrics);
  const ab = incidents.filter((x) => x.level === 'A' || x.level === 'B').length;
  const cd = incidents.filter((x) => x.level === 'C' || x.level === 'D').length;
  if (p.style.table) {
    // this week's column is the value; last week's is context
    const last = (v, spread) => (Number(v) + (r.next() - 0.5) * spread).toFixed(dec);
    note.push('| 指标 | 本周 | 上周 |', '| --- | --- | --- |');
    for (const [name, v, sd] of [[n1, v1, sd1], [n2, v2, p.area.rates[1][2]], [n3, v3, p.area.rates[2][2]]]) {
      // in a table only: a malformed number in a table cell is not read (not planted there, see MALFORMED_IN_TABLES)
      note.rates.push({ idx: note.n, text: v, table: true });
      note.push(`| ${name} | ${v}% | ${last(v, sd)}% |`);
    }
    note.rates.push({ idx: note.n, text: availability, table: true });
    note.push(`| ${p.area.system}年度可用性 | ${availability}% | ${availability}% |`, '');
    note.push(`- 事故数AB级${ab}次，CD级${cd}次`, '');
  } else {
    note.push(p.area.group, '');
    let line = `- ${n1}：${v1}%`;
    if (m.rates[0] < base1 - 0.3 * sd1) {
      const bank = r.pick(CHANNELS);
      line += r.pick([
        `，由于${bank}侧系统异常，导致${r.int(1, 4)}个通道签名失败，影响${bank}微信小程序${r.int(20, 900)}笔，${bank}支付宝${r.int(20, 900)}笔。`,
        `，主要受${bank}通道凌晨升级影响，超时失败${r.int(20, 2000)}笔。`,
        `，${bank}证书更新不及时，导致验签失败${r.int(10, 500)}笔，已推动对方修复。`,
        `，环比下降${(r.int(1, 30) / 1000).toFixed(3)}个百分点，主要是${bank}通道波动。`,
      ]);
    }
    note.rates.push({ idx: note.n, text: v1 });
    note.push(line);
    note.rates.push({ idx: note.n, text: r.chance(0.5) ? v2 : v3 });
    note.push(`- ${n2}：${v2}%${r.pick([' ，', '，'])}${n3}：${v3}%${r.pick(['。', ''])}`);
    if (p.style.changeRatio) {
      const b = r.int(60, 260);
      const a = b - r.weighted([[0.4, 0], [0.4, 1], [0.15, 2], [0.05, r.int(3, 6)]]);
      const render = (x, y) => `- 变更成功率：${percentOf(a, b, 2)}%（${x}/${y}）`;
      note.ratios.push({ idx: note.n, a, b, decimals: 2, render });
      note.push(render(a, b));
    }
    note.push('', '系统可用性：', '');
    note.rates.push({ idx: note.n, text: availability });
    note.push(`- ${p.area.system}年度可用性：${availability}%`, `- 事故数AB级${ab}次，CD级${cd}次`, '');
  }

  // objectives: work items whose status moves week to week
  const statusVars = (item, progress) => ({
    ...vars,
    a: item.aspect,
    a2: item.aspect2,
    pct: clamp(Math.round(progress / 5) * 5, 5, 95),
    date: () => md(addDays(created, r.int(3, 28))),
    done: () => md(addDays(monday, r.int(0, day))),
  });
  const itemLine = (item) => {
    const v = statusVars(item, item.progress);
    let dated = null;
    // the first future date of the status, where an impossible date can be planted
    v.date = () => (dated = md(addDays(created, r.int(3, 28))));
    let s = `- ${item.name}，${fill(r.pick(STAGE_TEXT[item.stage]), v)}`;
    if (r.chance(0.4)) s += fill(r.pick(STATUS_TAILS), v);
    if (dated) note.dated.push({ idx: note.n, text: dated });
    note.push(s + r.pick(['。', '', '']));
  };
  const programLines = (item) => {
    const done = item.milestones.filter((x) => x.stage >= 5).length;
    const total = item.milestones.length;
    const render = (x, y) => `- ${item.name}，里程碑完成率${percentOf(done, total, 0)}%（${x}/${y}）`;
    note.ratios.push({ idx: note.n, a: done, b: total, decimals: 0, render });
    note.push(render(done, total));
    item.milestones.forEach((x, i) => {
      let t = x.name;
      if (x.stage >= 5) t += r.pick(['，上线完成。', '，上线完成', '。上线完成。']);
      else if (x.stage >= 3) t += `，测试进度${clamp(Math.round(x.progress / 5) * 5, 5, 95)}%，预计下周上线`;
      else if (x.stage >= 2) t += r.pick(['对接中', '开发中', `，开发进度${r.int(1, 19) * 5}%`]);
      note.push(`    ${i + 1}. ${t}`);
    });
  };
  for (const o of ['O1', 'O2', 'O3']) {
    note.section(o, H[o]);
    for (const item of p.items.filter((i) => i.o === o)) (item.milestones ? programLines : itemLine)(item);
    if (o === 'O3') {
      note.push(`- 系统稳定性度量与提升，${p.area.center}本周健康分为${m.health}，排名第${CN_ORD[r.int(0, 7)]}。`);
      const b = r.int(8, 40);
      const a = clamp(Math.round(b * m.alarmRate), 0, b);
      const alarms = r.int(250, 700);
      const render = (x, y) => `    - 0级报警跟进率${percentOf(a, b, p.style.alarmDecimals)}%（${x}/${y}），总告警数为${alarms}个`;
      note.ratios.push({ idx: note.n, a, b, decimals: p.style.alarmDecimals, render });
      note.push(render(a, b), `    - 代码bug服务数${r.int(0, 20)}个、慢查服务数${r.int(0, 20)}个及漏洞服务数为${r.int(0, 3)}个`);
      if (p.style.ai) {
        note.push('- AI大模型应用：');
        note.push(`    1. CodeLink周活率覆盖率${m.coverage === 100 ? '保持100%' : `为${m.coverage}%`}，采纳率为${m.adoption.toFixed(1)}%；`);
        const asked = r.int(30, 140);
        const right = clamp(Math.round(asked * m.accuracy), 0, asked);
        const from = mdDot(addDays(monday, -7));
        const to = mdDot(created);
        const tail = r.pick(['产品迭代及后续运营方案完成。', '知识库补充中。', '下周扩大内测范围。', '']);
        const render = (x, y) => `    2. 「贝小理」存管运营群bot，目前内测群从${from}-${to}号问题${y}条，正确回答${x}条，准确率${percentOf(right, asked, 2)}%；${tail}`;
        note.ratios.push({ idx: note.n, a: right, b: asked, decimals: 2, render });
        note.push(render(right, asked));
      }
    }
    note.push('');
  }

  // 【生产事件】, an h3 under O3; left out some weeks without any
  if (incidents.length || r.chance(0.5)) {
    note.section('incidents', H.incidents);
    if (!incidents.length) note.push('- 无');
    for (const x of incidents) {
      const date = md(x.at);
      note.incidents.push({ idx: note.n, withoutTime: (d) => (d.chance(0.7) ? `- ${date}  ${x.text}` : `- ${x.text}`) });
      note.push(`- ${date}  ${hhmm(x.at)}  ${x.text}`);
    }
    note.push('');
  }

  if (r.chance(p.style.other)) {
    note.section('other', H.other);
    r.sample(OTHER_ITEMS, r.int(2, 6)).forEach((s, i) => note.push(`${i + 1}. ${fill(s, vars)}`));
    note.push('');
  }

  if (r.chance(p.style.reflect)) {
    note.section('reflection', H.reflection);
    const openings = r.sample(REFLECTION_OPENINGS, 6);
    for (let i = Math.max(1, Math.round(r.int(1, 2) * p.style.verbose)); i > 0; i--) note.push(openings.splice(0, r.int(2, 3)).map((s) => fill(s, vars)).join(''), '');
    note.push(r.pick(REFLECTION_LEADS), '');
    for (const [theme, sentences] of r.sample(REFLECTION_THEMES, Math.max(2, Math.round(r.int(2, 4) * p.style.verbose)))) {
      note.push(`- ${theme}，${r.sample(sentences, r.int(2, 3)).join('')}`);
    }
    note.push('');
    if (r.chance(0.4)) note.push(r.pick(REFLECTION_CLOSINGS), '');
  }

  // 下周工作及目标: Notion ends the page without a final newline
  note.section('next', H.next);
  const plans = new Set();
  for (let want = r.int(3, 6), tries = 0; plans.size < want && tries < 50; tries++) plans.add(fill(r.pick(PLAN_ITEMS), vars));
  [...plans].forEach((s, i) => note.push(`${i + 1}. ${s}`));

  return { note, week, monday, created, kind, eol, bom, finalNewline: kind === 'frontmatter' };
}

// ---- defects ----

/** Each planted kind, with the rule of `weekly lint` that must report it. */
export const DEFECT_RULES = {
  'percent-over-100': 'metric-range',
  'ratio-mismatch': 'metric-ratio',
  'malformed-number': 'metric-number',
  'missing-section': 'required-sections',
  'misspelt-heading': 'section-name',
  'duplicate-heading': 'duplicate-section',
  'incident-no-time': 'incident-fields',
  'created-outside-week': 'week-date',
  'impossible-date': 'date-valid',
  'duplicate-week': 'duplicate-week',
  'missing-week': 'missing-week',
};
const KINDS = Object.keys(DEFECT_RULES);

// `weekly lint` reads no malformed number in a metric table's cell (`| 退款成功率 | 99,798% |` is not reported)
const MALFORMED_IN_TABLES = false;

/** Whether both numberings name the same week `number` of `year` (ISO 2020-W53 is jan1's week 1 of 2021). */
function sameWeekEitherWay({ year, number }) {
  const iso = addDays(mondayOf(new Date(Date.UTC(year, 0, 4))), 7 * (number - 1));
  const jan1 = weekOfDate(iso, 'jan1');
  return jan1.year === year && jan1.number === number && weekOfDate(iso, 'iso').number === number;
}

/** Whether a note's date fits its week under its author's numbering only (it settles its folder's numbering). */
function votes(numbering, week, created) {
  const other = weekOfDate(created, numbering === 'iso' ? 'jan1' : 'iso');
  return other.number !== week.number;
}

/** Whether `kind` can be planted in a note (before it is rendered, for the kinds that shape the series). */
function applicable(kind, rendered, slot) {
  switch (kind) {
    case 'missing-week':
      // a one-week gap between two notes that are there, each a plain note
      return slot.index > 0 && slot.index < slot.weeks - 1 && !slot.previousRemoved;
    case 'duplicate-week':
      return !slot.previousRemoved;
    case 'incident-no-time':
      return rendered.note.incidents.length > 0;
    case 'impossible-date':
      return rendered.note.dated.length > 0;
    case 'ratio-mismatch':
      return rendered.note.ratios.length > 0;
    case 'malformed-number':
      return MALFORMED_IN_TABLES || rendered.note.rates.some((x) => !x.table);
    case 'created-outside-week':
      // the folder's week numbering is settled by the notes whose date fits one numbering only; without such a
      // note beside it, a note of a week the numberings name differently would be read under the other one
      return sameWeekEitherWay(rendered.week) || slot.previousVotes;
    default:
      return true;
  }
}

/** The line where week rules point: the title, or line 1 when the frontmatter names the week. */
const weekLine = (note) => (note.weekLineIdx !== null ? 1 : note.titleIdx + 1);

/** Plant a defect of `kind` in a rendered note; returns where lint must report it and what was done. */
function plant(kind, w, d) {
  const { note } = w;
  const L = note.lines;
  const sectionEnd = (i) => (note.sections[i + 1] ? note.sections[i + 1].idx : L.length);
  switch (kind) {
    case 'percent-over-100':
    case 'malformed-number': {
      const { idx, text } = d.pick(kind === 'malformed-number' && !MALFORMED_IN_TABLES ? note.rates.filter((x) => !x.table) : note.rates);
      const at = L[idx].search(new RegExp(`(?<![\\d.])${text.replace('.', '\\.')}%`));
      const [whole, frac] = text.split('.');
      let bad;
      if (kind === 'percent-over-100') bad = (100 + Math.max(10 ** -frac.length, d.next() * 0.9)).toFixed(frac.length);
      else bad = d.pick([`${whole},${frac}`, `${whole}。${frac}`, `${whole}.${frac.slice(0, 1)}.${frac.slice(1)}`]);
      L[idx] = `${L[idx].slice(0, at)}${bad}${L[idx].slice(at + text.length)}`;
      return [{ line: idx + 1, detail: `${text}% written as ${bad}%` }];
    }
    case 'ratio-mismatch': {
      const x = d.pick(note.ratios);
      const shown = Number(percentOf(x.a, x.b, x.decimals));
      const off = (a, b) => Math.abs((100 * a) / b - shown) >= 3;
      const options = [];
      for (let k = 1; k <= 3 * x.b; k++) if (off(x.a, x.b + k)) { options.push([x.a, x.b + k]); break; }
      for (let k = 1; k <= x.a; k++) if (off(x.a - k, x.b)) { options.push([x.a - k, x.b]); break; }
      for (let k = 1; x.a + k <= x.b; k++) if (off(x.a + k, x.b)) { options.push([x.a + k, x.b]); break; }
      const [a, b] = d.pick(options);
      L[x.idx] = x.render(a, b);
      return [{ line: x.idx + 1, detail: `${shown}% shown with ${a}/${b} (${percentOf(a, b, 2)}%)` }];
    }
    case 'missing-section': {
      const i = note.sections.findIndex((s) => s.key === 'metrics');
      const { idx } = note.sections[i];
      const heading = L[idx];
      L.splice(idx, sectionEnd(i) - idx);
      // reported at the heading that now stands where it was
      return [{ line: idx + 1, detail: `${heading} and its content removed` }];
    }
    case 'misspelt-heading': {
      const key = d.pick(['metrics', 'next']);
      const { idx } = note.sections.find((s) => s.key === key);
      const [right, wrong] = d.pick(MISSPELT[key].filter(([a]) => L[idx].includes(a)));
      L[idx] = L[idx].replace(right, wrong);
      return [{ line: idx + 1, detail: `heading ${L[idx]} (${right})` }];
    }
    case 'duplicate-heading': {
      const h2 = note.sections.map((s, i) => ({ ...s, i })).filter((s) => /^## /.test(L[s.idx]));
      const s = d.pick(h2);
      const end = sectionEnd(s.i);
      const item = L.slice(s.idx + 1, end).find((l) => /^(- |\d+\. )/.test(l)) ?? '- 待补充';
      // pasted twice: the heading and one item again at the end of the section
      L.splice(end, 0, L[s.idx], '', item, '');
      return [{ line: end + 1, detail: `${L[s.idx]} repeated` }];
    }
    case 'incident-no-time': {
      const x = d.pick(note.incidents);
      L[x.idx] = x.withoutTime(d);
      return [{ line: x.idx + 1, detail: 'incident written without its time' }];
    }
    case 'created-outside-week': {
      // two to six weeks away, so that neither numbering reads the date into the titled week; towards the
      // middle of the year, so that the week's year stays what it was
      const days = d.int(14, 40);
      const bad = addDays(note.created.date, w.week.number <= 26 ? days : -days);
      L[note.created.idx] = note.created.render(bad);
      return [{ line: note.created.idx + 1, detail: `created ${isoDay(bad)}, outside the week of ${isoDay(w.monday)}` }];
    }
    case 'impossible-date': {
      const x = d.pick(note.dated);
      const bad = d.pick(['2/30', '2/31', '4/31', '6/31', '9/31', '11/31', '13/5']);
      // the date itself, not the same digits inside another (`1/5` in `11/5`)
      L[x.idx] = L[x.idx].replace(new RegExp(`(?<!\\d)${x.text}(?!\\d)`), bad);
      return [{ line: x.idx + 1, detail: `${x.text} written as ${bad}` }];
    }
  }
  throw new Error(`no way to plant ${kind}`);
}

// ---- the corpus ----

/**
 * Write a corpus: `out/<person>/<year>/第NN周.md` for `people` authors over `weeks` weeks from the week holding
 * `start` (YYYY-MM-DD), and `out/defects.json`. `defects` is the chance (0..1) that a note gets a planted
 * defect. `out` must be empty or absent unless `force`. Returns what was written.
 */
export function generate({ out, people, weeks, seed, defects = 0, start = '2023-01-02', force = false }) {
  if (!out) throw new Error('no output folder');
  if (!Number.isInteger(people) || people < 1) throw new Error(`people: expected a whole number of at least 1, got ${people}`);
  if (!Number.isInteger(weeks) || weeks < 1) throw new Error(`weeks: expected a whole number of at least 1, got ${weeks}`);
  if (seed === undefined || seed === null || seed === '') throw new Error('seed: expected a value');
  if (!(typeof defects === 'number' && defects >= 0 && defects <= 1)) throw new Error(`defects: expected a rate from 0 to 1, got ${defects}`);
  const sm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  const startDate = sm ? new Date(Date.UTC(Number(sm[1]), Number(sm[2]) - 1, Number(sm[3]))) : null;
  if (!startDate || isoDay(startDate) !== start) throw new Error(`start: expected a date YYYY-MM-DD, got ${start}`);
  if (existsSync(out) && readdirSync(out).length && !force) throw new Error(`${out} is not empty (--force writes into it anyway)`);

  const first = mondayOf(startDate);
  const taken = new Set();
  const planted = [];
  let files = 0;
  let bytes = 0;
  let slotCount = 0;
  const write = (rel, text) => {
    const file = path.join(out, ...rel.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    const buf = Buffer.from(text, 'utf8');
    writeFileSync(file, buf);
    files++;
    bytes += buf.length;
  };

  for (let pi = 0; pi < people; pi++) {
    const p = new Person(String(seed), pi, taken);
    let previousRemoved = false;
    let previous = null; // {folder, votes}: the note written last, unchanged in its week and date
    let gapBefore = null; // the removed note, reported at the next one
    for (let wi = 0; wi < weeks; wi++) {
      if (wi > 0) p.advance();
      const w = renderNote(p, addDays(first, 7 * wi));
      const rel = `${p.name}/${w.week.year}/第${pad2(w.week.number)}周.md`;
      const found = [];
      let kind = null;
      const d = new Random(String(seed), 'defect', pi, wi);
      if (defects > 0 && d.next() < defects) {
        // kinds in turn across the corpus, so that a small corpus has each; one that does not fit yields to the next
        const folder = `${w.week.year}`;
        const slot = { index: wi, weeks, previousRemoved, previousVotes: Boolean(previous && previous.folder === folder && previous.votes) };
        for (let k = 0; k < KINDS.length && !kind; k++) {
          const c = KINDS[(slotCount + k) % KINDS.length];
          if (applicable(c, w, slot)) kind = c;
        }
        slotCount++;
      }
      if (gapBefore) {
        found.push({ file: rel, line: weekLine(w.note), rule: 'missing-week', kind: 'missing-week', detail: `no note for week ${gapBefore.week.number} of ${gapBefore.week.year} (${gapBefore.rel} left out)` });
        gapBefore = null;
      }
      previousRemoved = kind === 'missing-week';
      previous = kind === 'missing-week' || kind === 'created-outside-week' ? null : { folder: `${w.week.year}`, votes: votes(p.numbering, w.week, w.created) };
      if (kind === 'missing-week') {
        gapBefore = { rel, week: w.week };
        continue;
      }
      let copy = null;
      if (kind === 'duplicate-week') {
        // a second export of the same page, as Notion names it
        copy = rel.replace(/\.md$/, ' (1).md');
        const line = weekLine(w.note);
        found.push({ file: rel, line, rule: 'duplicate-week', kind, detail: `also written as ${copy}` });
        found.push({ file: copy, line, rule: 'duplicate-week', kind, detail: `a copy of ${rel}` });
      } else if (kind) {
        for (const at of plant(kind, w, d)) found.push({ file: rel, line: at.line, rule: DEFECT_RULES[kind], kind, detail: at.detail });
      }
      const text = (w.bom ? '\uFEFF' : '') + w.note.lines.join(w.eol) + (w.finalNewline ? w.eol : '');
      write(rel, text);
      if (copy) write(copy, text);
      planted.push(...found);
    }
  }
  planted.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'defects.json'), planted.length ? `[\n${planted.map((x) => JSON.stringify(x)).join(',\n')}\n]\n` : '[]\n');
  return { files, bytes, defects: planted };
}

const USAGE = 'usage: node bench/gen-notes.mjs --out DIR --people N --weeks W --seed S [--defects RATE] [--start YYYY-MM-DD] [--force]';

function main(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        people: { type: 'string' },
        weeks: { type: 'string' },
        seed: { type: 'string' },
        defects: { type: 'string', default: '0' },
        start: { type: 'string', default: '2023-01-02' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    process.stderr.write(`gen-notes: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.out || values.people === undefined || values.weeks === undefined || values.seed === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const whole = (s) => (/^\d+$/.test(s) ? Number(s) : NaN);
  try {
    const r = generate({ out: values.out, people: whole(values.people), weeks: whole(values.weeks), seed: values.seed, defects: Number(values.defects), start: values.start, force: values.force });
    process.stdout.write(`gen-notes: ${r.files} note${r.files === 1 ? '' : 's'}, ${r.bytes} bytes, ${r.defects.length} planted defect${r.defects.length === 1 ? '' : 's'} → ${values.out}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`gen-notes: ${err.message}\n`);
    return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
