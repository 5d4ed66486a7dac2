import type { IsoDate } from '../domain/dates';
import type { OverdueReasons } from '../db/repositories/release-facts';
import { formatDate } from './cases';
import { echo } from './echo';

/** The daily summary card and /汇总. */
export const summaryText = {
  title: (date: IsoDate) => `每日汇总 · ${formatDate(date)}`,
  active: (n: number) => `在管 ${n} 人`,
  byCategory: (items: { name: string; n: number }[]) => `按类别：${items.length ? items.map((i) => `${i.name} ${i.n}`).join('，') : '无'}`,
  /** `hidden`: villages left out (the card has no room for them). */
  byVillage: (items: { name: string; n: number }[], hidden = 0) =>
    `按村：${[...items.map((i) => `${i.name} ${i.n}`), ...(hidden ? [`另有 ${hidden} 个村未列出`] : [])].join('，') || '无'}`,
  yesterday: (input: { added: number; released: number }) => `昨日新增 ${input.added} 人，解除 ${input.released} 人`,
  tests: (input: { due: number; sampled: number; done: number; missed: number; today: number }) =>
    `昨日核酸：应采 ${input.due}，已采 ${input.sampled}，出结果 ${input.done}，未采 ${input.missed}；今日计划 ${input.today}`,
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
  missedReport: (label: string, villages: string[], hidden = 0) =>
    villages.length + hidden
      ? `昨日${label}未按时上报：${[...villages, ...(hidden ? [`另有 ${hidden} 个村未列出`] : [])].join('、')}`
      : `昨日${label}各村均按时上报`,
  chartTitle: '近14天在管人数',
  usage: '用法：/汇总 [日期]，例如：/汇总　/汇总 11月20日（在指挥部群、专班群或私聊中使用）',
  badDate: (word: string) => `“${echo(word)}”不是日期。例如：/汇总 11月20日、/汇总 2026-11-20、/汇总 昨天`,
  notAllowed: '每日汇总仅供指挥部、专班和组长查看。',
};
