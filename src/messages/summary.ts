import type { IsoDate } from '../domain/dates';
import type { OverdueReasons } from '../db/repositories/release-facts';
import { formatDate } from './cases';
import { echo } from './echo';

/** The daily summary card and /汇总. */
export const summaryText = {
  titleLive: (date: IsoDate, hhmm: string) => `每日汇总 · ${formatDate(date)} · 截至 ${hhmm}`,
  titleDay: (date: IsoDate) => `汇总 · ${formatDate(date)}（当天数字，截至当天结束）`,
  active: (n: number) => `在管 ${n} 人（当前）`,
  activeAtEnd: (n: number) => `当天结束时在管 ${n} 人`,
  dayCounts: (input: { added: number; released: number }) => `当天新增 ${input.added} 人，解除 ${input.released} 人`,
  dayTests: (input: { due: number; sampled: number; done: number; missed: number }) =>
    `当天核酸：应采 ${input.due}，已采 ${input.sampled}，出结果 ${input.done}，漏采 ${input.missed}`,
  dayAlerts: (n: number) => `当天结束时未处理异常 ${n} 起`,
  tableHeader: '村　在管 应检 已采 待结果 异常 漏采',
  tableRow: (r: { village: string; active: number; due: number; sampled: number; awaiting: number; alerts: number; missed: number }) =>
    `${r.village}　${r.active} ${r.due} ${r.sampled} ${r.awaiting} ${r.alerts} ${r.missed}`,
  tableMore: (n: number) => `……另有 ${n} 个村未列出`,
  byCategory: (items: { name: string; n: number }[]) => `按类别：${items.length ? items.map((i) => `${i.name} ${i.n}`).join('，') : '无'}`,
  /** `hidden`: villages left out (the card has no room for them). */
  byVillage: (items: { name: string; n: number }[], hidden = 0) =>
    `按村：${[...items.map((i) => `${i.name} ${i.n}`), ...(hidden ? [`另有 ${hidden} 个村未列出`] : [])].join('，') || '无'}`,
  yesterday: (input: { day: IsoDate; added: number; released: number }) => `昨日（${formatDate(input.day)}）新增 ${input.added} 人，解除 ${input.released} 人`,
  tests: (input: { day: IsoDate; due: number; sampled: number; done: number; missed: number; today: number }) =>
    `昨日（${formatDate(input.day)}）核酸：应采 ${input.due}，已采 ${input.sampled}，出结果 ${input.done}，昨日漏采 ${input.missed} 项；今日计划 ${input.today}`,
  results: (input: { awaiting: number; overdue: number }) => `已采样未出结果：待结果 ${input.awaiting}，结果超时 ${input.overdue}`,
  openAlerts: (n: number) => `未处理异常 ${n} 起`,
  transfers: (input: { open: number; late: number; handedOverYesterday: number; limitHours: number }) =>
    `转运：进行中 ${input.open}，超过${input.limitHours}小时未交接 ${input.late}，昨日交接 ${input.handedOverYesterday}`,
  releasesDue: (input: { today: number; tomorrow: number; overdue: number }) =>
    `到期待解除：今日 ${input.today} 人，明日 ${input.tomorrow} 人，逾期未解除 ${input.overdue} 人`,
  /** Why the overdue ones wait, each reason with how many (a case held for two counts under both). */
  overdueReasons: (r: OverdueReasons) =>
    `逾期原因：${[
      [r.awaitingResult, '核酸未出结果'],
      [r.noNegative, '缺阴性结果'],
      [r.openAlert, '有未处理异常'],
      [r.positive, '有阳性结果'],
      [r.requested, '已申请待审批'],
      [r.unclaimed, '可解除未办理'],
    ]
      .filter(([n]) => Number(n) > 0)
      .map(([n, label]) => `${label} ${n}`)
      .join('，')}`,
  overdueRow: (input: { caseNo: number; maskedName: string; village: string; category: string; endDate: IsoDate; why: string }) =>
    `#${input.caseNo} ${input.maskedName}（${input.village}）${input.category} 期满 ${formatDate(input.endDate)} — ${input.why}`,
  overdueReady: (requested: boolean) => (requested ? '已申请，待审批' : '可解除，未办理'),
  overdueMore: (n: number) => `……另有 ${n} 人逾期未列出，见到期解除卡片。`,
  missedReport: (label: string, day: IsoDate, villages: string[], hidden = 0) =>
    villages.length + hidden
      ? `${formatDate(day)}${label}未按时上报：${[...villages, ...(hidden ? [`另有 ${hidden} 个村未列出`] : [])].join('、')}`
      : `${formatDate(day)}${label}各村均按时上报`,
  chartTitle: '近14天在管人数',
  usage: '用法：/汇总 [日期]，例如：/汇总　/汇总 11月20日（在指挥部群、专班群或私聊中使用）',
  badDate: (word: string) => `“${echo(word)}”不是日期。例如：/汇总 11月20日、/汇总 2026-11-20、/汇总 昨天`,
  notAllowed: '每日汇总仅供指挥部、专班和组长查看。',
};
