import type { IsoDate } from '../domain/dates';
import { formatDate } from './cases';

/** What the scheduled jobs post. */
export const jobText = {
  testProgressTitle: (date: IsoDate) => `核酸采样进度 · ${formatDate(date)}`,
  testProgressLine: (p: { villageName: string; due: number; sampled: number; results: number; missed: number }) =>
    `${p.villageName}：应采 ${p.due}，已采 ${p.sampled}，出结果 ${p.results}${p.missed ? `，漏采 ${p.missed}` : ''}`,
  testProgressTotal: (p: { villages: number; due: number; sampled: number; results: number }) =>
    `全镇 ${p.villages} 个村：应采 ${p.due}，已采 ${p.sampled}，出结果 ${p.results}`,
  testProgressMore: (n: number) => `……另有 ${n} 个村未列出。`,

  overdueTitle: (village: string) => `逾期未完成 · ${village}`,
  overdueIntro: (n: number) => `以下 ${n} 项已过时间窗口仍未确认，请尽快完成并在卡片或用命令确认：`,
  overdueRow: (input: { caseNo: number; maskedName: string; what: string; window: string }) => `#${input.caseNo} ${input.maskedName} ${input.what}（${input.window}）`,
  overdueMore: (n: number) => `……另有 ${n} 项未列出，发送 /今日 查看卡片。`,
  overdueHqTitle: (date: IsoDate, time: string) => `逾期汇总 · ${formatDate(date)} ${time}`,
  overdueHqLine: (input: { village: string; overdue: number; missedYesterday: number }) =>
    `${input.village}：逾期 ${input.overdue} 项${input.missedYesterday ? `，前日漏做 ${input.missedYesterday} 项` : ''}`,
  overdueHqNone: '各村均无逾期事项。',

  duty: {
    test: (day: number) => `核酸第${day}天`,
    temp: (slotLabel: string) => `体温${slotLabel}`,
    visit: '上门查看',
    rollcall: (slotLabel: string) => `点名${slotLabel}`,
  },
};
