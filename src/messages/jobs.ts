import type { IsoDate } from '../domain/dates';
import { formatDate } from './cases';

/** What the scheduled jobs post. */
export const jobText = {
  testProgressTitle: (date: IsoDate) => `核酸采样进度 · ${formatDate(date)}`,
  testProgressLine: (p: { placeName: string; due: number; sampled: number; results: number; missed: number }) =>
    `${p.placeName}：应采 ${p.due}，已采 ${p.sampled}，出结果 ${p.results}${p.missed ? `，未采 ${p.missed}` : ''}`,
  testProgressTotal: (p: { villages: number; due: number; sampled: number; results: number }) =>
    `全镇 ${p.villages} 个村：应采 ${p.due}，已采 ${p.sampled}，出结果 ${p.results}`,
  testProgressMore: (n: number) => `……另有 ${n} 个村未列出。`,

  overdueTitle: (village: string) => `逾期未完成 · ${village}`,
  overdueIntro: (n: number) => `以下 ${n} 项已过时间窗口仍未确认，请尽快完成并在卡片或用命令确认（已采样待结果的不在此列）：`,
  overdueRow: (input: { caseNo: number; maskedName: string; what: string; state: string; window: string }) =>
    `#${input.caseNo} ${input.maskedName} ${input.what} ${input.state}（${input.window}）`,
  overdueMore: (n: number) => `……另有 ${n} 项未列出，发送 /今日 查看卡片。`,
  overdueHqTitle: (date: IsoDate, time: string) => `逾期汇总 · ${formatDate(date)} ${time}`,
  overdueHqLine: (input: { village: string; overdue: number; byState: string; missedYesterday: number; yesterday: IsoDate }) =>
    `${input.village}：逾期 ${input.overdue} 项${input.byState ? `（${input.byState}）` : ''}${input.missedYesterday ? `；昨日（${formatDate(input.yesterday)}）未完成 ${input.missedYesterday} 项` : ''}`,
  overdueHqNone: '各村均无逾期事项。',
  overdueAllDone: '逾期事项都已处理。',

  resultTimeoutTitle: (where: string, n: number) => `结果超时 · ${where} · ${n}人`,
  resultTimeoutIntro: (hours: number) => `以下核酸已采样，超过 ${hours} 小时仍未录入结果，请核酸检测专班向检测机构催报，出结果后按卡片或 /结果 录入：`,
  resultTimeoutRow: (input: { caseNo: number; maskedName: string; day: number; slot: string; sampledAt: string }) =>
    `#${input.caseNo} ${input.maskedName} 第${input.day}天核酸${input.slot}，${input.sampledAt} 采样`,
  township: '全镇',
  pointName: (name: string) => `${name}（隔离点）`,

  duty: {
    test: (day: number) => `核酸第${day}天`,
    temp: (slotLabel: string) => `体温${slotLabel}`,
    visit: '上门查看',
    rollcall: (slotLabel: string) => `点名${slotLabel}`,
  },
};
